/**
 * The plan checks of the three resources: defaults and shape (./shape.ts, from the resources'
 * property tables in ../model), then the live rules
 * (./rules) for the inputs that are known, then the stack-wide ledger (./ledger.ts). Rule violations
 * are returned as failures, all of one resource at once; only a failure to read a live fact throws
 * (a {@link FactReadError} that says which fact and why).
 */
import type { ProviderSettings } from "../config";
import type { ImageBackend } from "../backend/types";
import {
    customImageDeltas,
    imageCopyDeltas,
    imageShareContribution,
    isNewResource,
    sharesNewAccounts,
} from "./contributions";
import { CheckFailure, failure, normalizeFailures } from "./failures";
import type { ResourceRef } from "../model/kinds";
import type { ResourceDeclaration } from "../model/property";
import { customImageDeclaration, type CustomImageInputs } from "../model/customImage";
import { imageShareDeclaration, type ImageShareInputs } from "../model/imageShare";
import { imageCopyDeclaration, type ImageCopyInputs } from "../model/imageCopy";
import type { CustomImageSource } from "../model/imageSource";
import { planRefOf, ShapeResult, validateShape, withDefaults } from "./shape";
import type { Contribution, ImageUse, Ledger, NameClaim, RegionDelta } from "./ledger";
import { PROGRESS_PREFIX } from "../resources/progress";
import type { LiveFacts } from "./liveFacts";
import { regionFailures } from "./rules/region";
import { hasMarker, markerTags, RESOURCE_NAME_TAG } from "../markers";
import { adoptionFailures, duplicateNameFailures } from "./rules/naming";
import {
    byolShareFailures,
    imageNotFound,
    marketplaceRegionFailures,
    ownImageFailures,
} from "./rules/ownership";
import { instanceSourceFailures, snapshotSourceFailures } from "./rules/source";
import { selfShareFailures, shareCountFailures } from "./rules/share";
import { isUnknown, type Unknowable } from "./unknown";
import { MAINLAND_CHINA_REGIONS, isMainlandChina } from "./formats";

/** Everything a check needs: the backend, the settings, and the run-wide facts cache and ledger. */
export interface PlanContext {
    backend: ImageBackend;
    settings: ProviderSettings;
    facts: LiveFacts;
    ledger: Ledger;
    /** Where the quota headroom lines go (the provider process's stdout reaches the user); none when absent. */
    log?: (line: string) => void;
    /** Milliseconds since the epoch; default Date.now. */
    now?: () => number;
}

/** The result of a check, as `pulumi.dynamic.CheckResult`: the inputs with defaults, and all failures. */
export interface PlanCheckResult {
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
}

/** Inputs as the engine hands them over. */
type Inputs = Record<string, unknown>;

function known<T>(value: T): value is Exclude<T, undefined> {
    return value !== undefined && !isUnknown(value);
}

/** Indexed known string entries of a list that may itself, or in part, be unknown. */
function knownEntries(list: unknown): { index: number; value: string }[] {
    if (!Array.isArray(list)) return [];
    return list
        .map((value: unknown, index) => ({ index, value }))
        .filter(
            (e): e is { index: number; value: string } => typeof e.value === "string" && !isUnknown(e.value),
        );
}

/** True when the region exists (adds its failures otherwise); false, without failures, when unknown. */
export async function regionOk(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    label: string,
    region: unknown,
    failures: CheckFailure[],
): Promise<boolean> {
    if (typeof region !== "string" || isUnknown(region)) return false;
    const problems = regionFailures(ref, property, label, region, await ctx.facts.regions());
    failures.push(...problems);
    return problems.length === 0;
}

/**
 * Records the resource's region deltas (with the rest of its contribution), says the quota headroom
 * of every region they change, and judges every region it adds to.
 */
export async function judgeQuota(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    deltas: RegionDelta[],
    validRegions: ReadonlySet<string>,
    rest: Omit<Contribution, "regions"> = {},
): Promise<CheckFailure[]> {
    const counted = deltas.filter((d) => validRegions.has(d.region));
    ctx.ledger.record(ref, { ...rest, regions: counted });
    const judged = await Promise.all(
        counted
            .filter((d) => d.add > 0 || d.remove > 0)
            .map(async (d) => {
                const [existing, quota] = await Promise.all([
                    ctx.facts.customImageCount(d.region),
                    ctx.facts.quota(d.region),
                ]);
                const line = ctx.ledger.headroomLine(d.region, existing, quota);
                if (line) ctx.log?.(`${PROGRESS_PREFIX} ${line}`);
                return d.add > 0
                    ? ctx.ledger.judgeRegion(ref, property, d.region, existing, quota)
                    : undefined;
            }),
    );
    return judged.filter((f): f is CheckFailure => f !== undefined);
}

/**
 * Records the images a resource manages or uses, and fails it when an ImageRetention checked before
 * it would delete or deprecate one of them (a retention spares only what it knows of when it is checked).
 */
function recordUses(ctx: PlanContext, ref: ResourceRef, uses: ImageUse[]): CheckFailure[] {
    ctx.ledger.recordUses(ref, uses);
    return ctx.ledger
        .retentionConflicts(uses)
        .map((conflict) =>
            failure(
                ref,
                "",
                `${conflict}, an image this resource manages or uses; an ImageRetention spares the images of ` +
                    `the resources declared before it: declare this resource before the ImageRetention, give the ` +
                    `image one of the retention's protectTags, or narrow the retention's selector`,
            ),
        );
}

/** The use of an image by its marker: the images the resource with this logical name made or adopted. */
function markerUse(region: string, name: string): ImageUse {
    return { region, markerName: markerTags(name)[RESOURCE_NAME_TAG] };
}

/** The live failures of a CustomImage's source (instance and data disks, or snapshots) in its region. */
async function sourceFailures(
    ctx: PlanContext,
    ref: ResourceRef,
    region: string,
    source: Exclude<Unknowable<CustomImageSource>, string>,
): Promise<CheckFailure[]> {
    if ("instanceId" in source && known(source.instanceId)) {
        const instanceId = source.instanceId;
        const disks = knownEntries(source.dataDiskIds).map((e) => ({ index: e.index, diskId: e.value }));
        const instance = await ctx.facts.instance(region, instanceId);
        return instanceSourceFailures(ref, region, instanceId, instance, disks);
    }
    if ("snapshotIds" in source && known(source.snapshotIds)) {
        const ids = source.snapshotIds as unknown[];
        const entries = knownEntries(ids);
        const snapshots = await Promise.all(
            entries.map(async (e) => ({
                index: e.index,
                snapshotId: e.value,
                info: await ctx.facts.snapshot(region, e.value),
            })),
        );
        return snapshotSourceFailures(ref, region, snapshots, entries.length === ids.length);
    }
    return [];
}

/**
 * The failure of an image ID that the region does not know. Marketplace images exist only in mainland
 * China, so one named in another region is never found there: the ID is looked up in a mainland region
 * (ap-guangzhou) so that the message can say the real problem rather than "no such image". This costs
 * one read, and only when the plan already fails.
 */
async function missingImageFailures(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    imageId: string,
    region: string,
): Promise<CheckFailure[]> {
    if (!isMainlandChina(region)) {
        const mainland = await ctx.facts.image(MAINLAND_CHINA_REGIONS[0], imageId);
        if (mainland?.imageType === "MARKET_IMAGE") {
            return marketplaceRegionFailures(ref, property, mainland, region);
        }
    }
    return [imageNotFound(ref, property, property, imageId, region)];
}

/**
 * The start of every check: the inputs with the provider's defaults filled in, the resource's
 * reference for messages, and its shape.
 */
export function prepare<T>(
    declaration: ResourceDeclaration,
    news: Inputs,
    ctx: PlanContext,
): { inputs: Inputs; ref: Required<ResourceRef>; shape: ShapeResult<T> } {
    const inputs = withDefaults(declaration, news, ctx.settings);
    return { inputs, ref: planRefOf(declaration, inputs), shape: validateShape<T>(declaration, inputs) };
}

/** Checks a CustomImage: shape, region, source, adoption and name, and the region's quota. */
export async function planCheckCustomImage(
    olds: Inputs,
    news: Inputs,
    ctx: PlanContext,
): Promise<PlanCheckResult> {
    const { inputs, ref, shape } = prepare<CustomImageInputs>(customImageDeclaration, news, ctx);
    if (!shape.ok) return { inputs, failures: shape.failures };
    const v = shape.value as Exclude<typeof shape.value, string>;
    const failures: CheckFailure[] = [];
    const valid = new Set<string>();
    let adopts = false;
    const names: NameClaim[] = [];

    if (await regionOk(ctx, ref, "region", "region", v.region, failures)) {
        const region = v.region;
        valid.add(region);
        const uses = [markerUse(region, ref.name)];
        if (known(v.imageName)) {
            const imageName = v.imageName;
            names.push({ region, imageName });
            const named = await ctx.facts.imagesNamed(region, imageName);
            if (v.adoptExisting === true) {
                adopts = named.some((i) => i.imageType === "PRIVATE_IMAGE");
                for (const i of named)
                    if (i.imageType === "PRIVATE_IMAGE") uses.push({ region, imageId: i.imageId });
                failures.push(...adoptionFailures(ref, named));
            } else {
                // An image that carries this resource's own markers is not a clash: it is the image
                // being replaced (the engine re-checks a replacement with no old inputs), or one whose
                // creation reply was lost, which create takes over instead of making another.
                const madeHere = (
                    await ctx.facts.ownImagesTagged(
                        region,
                        RESOURCE_NAME_TAG,
                        markerTags(ref.name)[RESOURCE_NAME_TAG],
                    )
                ).filter((i) => hasMarker(i, ref.name));
                if (isNewResource(olds) && madeHere.length > 0) adopts = true;
                if (olds.imageName !== imageName || olds.region !== region) {
                    const others = named.filter((i) => !hasMarker(i, ref.name));
                    failures.push(...duplicateNameFailures(ref, imageName, region, others));
                }
            }
        }
        failures.push(...recordUses(ctx, ref, uses));
    }

    // Another resource of this plan that gives an image the same name there: one of the two would be
    // refused during `up` (said only when no live image already has the name: that failure says more).
    const clashes = ctx.ledger.claimNames(
        ref,
        "imageName",
        names,
        "imageName",
        "give one of them another name (an ImageCopy's copies take its imageName, else its source image's name)",
    );
    if (!failures.some((f) => f.property === "imageName")) failures.push(...clashes);

    const deltas = customImageDeltas(olds, inputs, adopts);
    // The source matters only when an image is made from it: an existing image outlives its instance.
    const creates = deltas.some((d) => d.add > 0);
    if (creates && valid.has(v.region) && !isUnknown(v.source)) {
        failures.push(...(await sourceFailures(ctx, ref, v.region, v.source)));
    }
    // A region the resource leaves was valid when it was created; only additions need a live region.
    for (const d of deltas) if (d.add === 0) valid.add(d.region);
    // The engine prints the value the program gave for the property a failure names; a region that
    // comes from the provider setting was not given, so the quota failure is the resource's own.
    const quotaProperty = news.region === undefined ? "" : "region";
    failures.push(...(await judgeQuota(ctx, ref, quotaProperty, deltas, valid)));
    return { inputs, failures: normalizeFailures(failures) };
}

/** Checks an ImageShare: shape, region, the image's kind and owner, and the image's account limit. */
export async function planCheckImageShare(
    olds: Inputs,
    news: Inputs,
    ctx: PlanContext,
): Promise<PlanCheckResult> {
    const { inputs, ref, shape } = prepare<ImageShareInputs>(imageShareDeclaration, news, ctx);
    if (!shape.ok) return { inputs, failures: shape.failures };
    const v = shape.value as Exclude<typeof shape.value, string>;
    const failures: CheckFailure[] = [];
    const accountIds: unknown[] = Array.isArray(v.accountIds) ? v.accountIds : [];
    failures.push(...shareCountFailures(ref, accountIds, ctx.settings.maxShareAccounts));

    const contribution = imageShareContribution(olds, inputs);
    ctx.ledger.record(ref, {});
    if ((await regionOk(ctx, ref, "region", "region", v.region, failures)) && known(v.imageId)) {
        const region = v.region;
        const imageId = v.imageId;
        failures.push(...recordUses(ctx, ref, [{ region, imageId }]));
        const image = await ctx.facts.image(region, imageId);
        if (!image) {
            failures.push(...(await missingImageFailures(ctx, ref, "imageId", imageId, region)));
        } else {
            failures.push(...ownImageFailures(ref, "imageId", image, "share"));
            failures.push(...marketplaceRegionFailures(ref, "imageId", image, region));
            if (image.imageType === "PRIVATE_IMAGE") {
                failures.push(...byolShareFailures(ref, "imageId", image));
                failures.push(...selfShareFailures(ref, accountIds, imageId, image.imageCreator));
                if (contribution) ctx.ledger.record(ref, { share: contribution });
                // Accounts it listed before were judged when they were added: only new ones can go over.
                if (contribution && sharesNewAccounts(olds, inputs)) {
                    const existing = (await ctx.facts.sharePermissions(region, imageId)).map(
                        (p) => p.accountId,
                    );
                    const over = ctx.ledger.judgeShare(
                        ref,
                        "accountIds",
                        region,
                        imageId,
                        existing,
                        ctx.settings.maxShareAccounts,
                    );
                    if (over) failures.push(over);
                }
            }
        }
    }
    return { inputs, failures: normalizeFailures(failures) };
}

/**
 * The name the copies of an ImageCopy take: its `imageName`, else its source image's (read when the
 * source is known); undefined while either is unknown.
 */
async function copyName(
    ctx: PlanContext,
    v: Exclude<Unknowable<ImageCopyInputs>, string>,
    sourceRegionOk: boolean,
): Promise<string | undefined> {
    if (v.imageName !== undefined) return known(v.imageName) ? v.imageName : undefined;
    // The source is read only in a region that exists (else the read itself fails the check).
    if (!sourceRegionOk || !known(v.sourceImageId)) return undefined;
    return (await ctx.facts.image(v.sourceRegion, v.sourceImageId))?.imageName;
}

/**
 * Records the names an ImageCopy's copies take where it makes copies (or renames them all), and fails
 * where another resource of this plan gives an image that name in the same region.
 */
async function copyNameClashes(
    ctx: PlanContext,
    ref: ResourceRef,
    olds: Inputs,
    v: Exclude<Unknowable<ImageCopyInputs>, string>,
    deltas: RegionDelta[],
    valid: ReadonlySet<string>,
    sourceRegionOk: boolean,
): Promise<CheckFailure[]> {
    const renamed = !isNewResource(olds) && olds.imageName !== v.imageName;
    const regions = renamed
        ? knownEntries(v.destinationRegions).map((e) => e.value)
        : deltas.filter((d) => d.add > 0).map((d) => d.region);
    const claimed = regions.filter((region) => valid.has(region));
    const name = claimed.length > 0 ? await copyName(ctx, v, sourceRegionOk) : undefined;
    const claims = name === undefined ? [] : claimed.map((region) => ({ region, imageName: name }));
    return ctx.ledger.claimNames(
        ref,
        "destinationRegions",
        claims,
        "the copies' name",
        "set this ImageCopy's imageName to a name that is free there, or rename the other resource's image",
    );
}

/** Checks an ImageCopy: shape, regions, the source image's kind and owner, and every destination's quota. */
export async function planCheckImageCopy(
    olds: Inputs,
    news: Inputs,
    ctx: PlanContext,
): Promise<PlanCheckResult> {
    const { inputs, ref, shape } = prepare<ImageCopyInputs>(imageCopyDeclaration, news, ctx);
    if (!shape.ok) return { inputs, failures: shape.failures };
    const v = shape.value as Exclude<typeof shape.value, string>;
    const failures: CheckFailure[] = [];
    const valid = new Set<string>();

    const deltas = imageCopyDeltas(olds, inputs);
    // The source image matters only when copies are made: existing copies outlive their source.
    const copies = deltas.some((d) => d.add > 0);
    const sourceRegionOk = await regionOk(ctx, ref, "sourceRegion", "sourceRegion", v.sourceRegion, failures);
    if (sourceRegionOk && known(v.sourceImageId) && copies) {
        const region = v.sourceRegion;
        const imageId = v.sourceImageId;
        const image = await ctx.facts.image(region, imageId);
        if (!image) {
            failures.push(...(await missingImageFailures(ctx, ref, "sourceImageId", imageId, region)));
        } else {
            failures.push(...ownImageFailures(ref, "sourceImageId", image, "copy"));
            failures.push(...marketplaceRegionFailures(ref, "sourceImageId", image, region));
        }
    }
    for (const { index, value } of knownEntries(v.destinationRegions)) {
        const label = `destinationRegions[${index}]`;
        if (await regionOk(ctx, ref, "destinationRegions", label, value, failures)) valid.add(value);
    }
    failures.push(...(await copyNameClashes(ctx, ref, olds, v, deltas, valid, sourceRegionOk)));

    for (const d of deltas) if (d.add === 0) valid.add(d.region);
    const uses: ImageUse[] = knownEntries(v.destinationRegions).map((e) => markerUse(e.value, ref.name));
    if (known(v.sourceRegion) && known(v.sourceImageId)) {
        uses.push({ region: v.sourceRegion, imageId: v.sourceImageId });
    }
    failures.push(...recordUses(ctx, ref, uses));
    failures.push(...(await judgeQuota(ctx, ref, "destinationRegions", deltas, valid)));
    return { inputs, failures: normalizeFailures(failures) };
}
