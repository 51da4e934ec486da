/**
 * The plan check of an ImageCopy: shape, regions, the source image's kind and owner, the copies'
 * name in every destination, and every destination's quota.
 */
import type { ResourceRef } from "../model/kinds";
import { imageCopyDeclaration, type ImageCopyInputs } from "../model/imageCopy";
import { imageCopyDeltas, isNewResource } from "./contributions";
import type { CheckFailure } from "./failures";
import { markerUse, recordUses } from "./imageUses";
import type { ImageUse, RegionDelta } from "./ledger";
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
        failures.push(...(await judgeQuota(ctx, ref, "destinationRegions", deltas, valid)));
    },
);
