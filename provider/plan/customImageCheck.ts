/** The plan check of a CustomImage: shape, region, source, adoption and name, and the region's quota. */
import { hasMarker, markerTags, RESOURCE_NAME_TAG } from "../markers";
import type { ResourceRef } from "../model/kinds";
import { customImageDeclaration, type CustomImageInputs } from "../model/customImage";
import type { CustomImageSource } from "../model/imageSource";
import { imageAdditions, knownOrUndefined } from "./additions";
import { customImageDeltas, isNewResource } from "./contributions";
import type { CheckFailure } from "./failures";
import { markerUse, recordUses } from "./imageUses";
import type { NameClaim } from "./ledger";
import { definePlanCheck, type PlanContext } from "./planContext";
import { judgeQuota } from "./quotaCheck";
import { regionOk } from "./regionCheck";
import { adoptionFailures, duplicateNameFailures } from "./rules/naming";
import { instanceSourceFailures, snapshotSourceFailures } from "./rules/source";
import { isUnknown, known, knownEntries, type Unknowable } from "./unknown";

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

/** Checks a CustomImage: shape, region, source, adoption and name, and the region's quota. */
export const planCheckCustomImage = definePlanCheck<CustomImageInputs>(
    customImageDeclaration,
    async ({ olds, news, inputs, ref, v, failures, ctx }) => {
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
        const additions = await imageAdditions(ctx, ref, deltas, valid, {
            imageName: knownOrUndefined(v.imageName),
            family: knownOrUndefined(v.family),
            tags: v.tags === undefined ? {} : knownOrUndefined(v.tags),
        });
        failures.push(...(await judgeQuota(ctx, ref, quotaProperty, deltas, valid, { additions })));
    },
);
