/**
 * What the plan checks record of the images a resource adds (a CustomImage's image, an ImageCopy's
 * copies): per region where it adds, their name, family and user tags as far as they are known, and
 * the images its marker already names there, so that an ImageRetention can apply its selector to them
 * and count each once (../plan/retentionPlan.ts). The marker listing is the run's cached one.
 */
import type { ResourceRef } from "../model/kinds";
import { hasMarker, markerTags, RESOURCE_NAME_TAG } from "../markers";
import type { ImageAddition, RegionDelta } from "./ledger";
import type { PlanContext } from "./planContext";
import { isFullyKnown, isUnknown, type Unknown } from "./unknown";

/** What a retention's selector reads of the images; undefined where not known yet. */
export interface AddedImages {
    imageName?: string;
    family?: string;
    tags?: Record<string, string>;
}

/** A value as the ledger takes it: undefined when it is not known (yet). */
export function knownOrUndefined<T>(value: T | Unknown | undefined): Exclude<T, Unknown> | undefined {
    return value !== undefined && !isUnknown(value) && isFullyKnown(value)
        ? (value as Exclude<T, Unknown>)
        : undefined;
}

/** The additions of a resource in the regions where its deltas add images (and that are valid). */
export async function imageAdditions(
    ctx: PlanContext,
    ref: Required<ResourceRef>,
    deltas: readonly RegionDelta[],
    valid: ReadonlySet<string>,
    images: AddedImages,
): Promise<ImageAddition[]> {
    const markerName = markerTags(ref.name)[RESOURCE_NAME_TAG];
    const adding = deltas.filter((d) => d.add > 0 && valid.has(d.region));
    return Promise.all(
        adding.map(async (d) => {
            const marked = await ctx.facts.ownImagesTagged(d.region, RESOURCE_NAME_TAG, markerName);
            const existingIds = marked.filter((i) => hasMarker(i, ref.name)).map((i) => i.imageId);
            return { region: d.region, count: d.add, ...images, markerName, existingIds };
        }),
    );
}
