/**
 * The plan check of an ImageCopy: shape, regions, the source image's kind and owner, the copies'
 * name in every destination, and every destination's quota.
 */
import type { ResourceRef } from "../model/kinds";
import { imageCopyDeclaration, type ImageCopyInputs } from "../model/imageCopy";
import { imageCopyDeltas, isNewResource } from "./contributions";
import type { CheckFailure } from "./failures";
import { markerUse, recordUses } from "./imageUses";
import type { ImageAddition, ImageUse, RegionDelta } from "./ledger";
import { imageAdditions, knownOrUndefined } from "./additions";
import { userTags } from "../resources/images";
import { readOwnImage } from "./ownImageCheck";
import { definePlanCheck, type Inputs, type PlanContext } from "./planContext";
import { judgeQuota } from "./quotaCheck";
import { regionOk } from "./regionCheck";
import { known, knownEntries, type Unknowable } from "./unknown";

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

/**
 * What the ledger records of the copies an ImageCopy makes: their name, the source's family (the
 * copies carry it), and their tags (its `tags`, else the source's user tags); unknown while the
 * source is (a new source image in a preview).
 */
async function copyAdditions(
    ctx: PlanContext,
    ref: Required<ResourceRef>,
    v: Exclude<Unknowable<ImageCopyInputs>, string>,
    deltas: RegionDelta[],
    valid: ReadonlySet<string>,
    sourceRegionOk: boolean,
): Promise<ImageAddition[]> {
    if (!deltas.some((d) => d.add > 0)) return [];
    const source =
        sourceRegionOk && known(v.sourceImageId)
            ? await ctx.facts.image(v.sourceRegion, v.sourceImageId)
            : undefined;
    const tags = v.tags !== undefined ? knownOrUndefined(v.tags) : source && userTags(source.tags);
    return imageAdditions(ctx, ref, deltas, valid, {
        imageName: await copyName(ctx, v, sourceRegionOk),
        family: source ? (source.imageFamily ?? "") : undefined,
        tags,
    });
}

/** Checks an ImageCopy: shape, regions, the source image's kind and owner, and every destination's quota. */
export const planCheckImageCopy = definePlanCheck<ImageCopyInputs>(
    imageCopyDeclaration,
    async ({ olds, inputs, ref, v, failures, ctx }) => {
        const valid = new Set<string>();

        const deltas = imageCopyDeltas(olds, inputs);
        // The source image matters only when copies are made: existing copies outlive their source.
        const copies = deltas.some((d) => d.add > 0);
        const sourceRegionOk = await regionOk(
            ctx,
            ref,
            "sourceRegion",
            "sourceRegion",
            v.sourceRegion,
            failures,
        );
        if (sourceRegionOk && known(v.sourceImageId) && copies) {
            await readOwnImage(ctx, ref, "sourceImageId", v.sourceRegion, v.sourceImageId, "copy", failures);
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
        const additions = await copyAdditions(ctx, ref, v, deltas, valid, sourceRegionOk);
        failures.push(...(await judgeQuota(ctx, ref, "destinationRegions", deltas, valid, { additions })));
    },
);
