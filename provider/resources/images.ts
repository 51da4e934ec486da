/**
 * Image helpers shared by CustomImage and ImageCopy: user tags apart from the marker tags (../markers.ts),
 * looking an image up by its name (names are unique per account and region), and
 * reading one image without treating "not found" as an error.
 */
import type { BatchedImageReads } from "../backend/imageReads";
import { Image, ImageBackend } from "../backend/types";
import type { LiveFacts } from "../plan/liveFacts";

import { isMarkerKey } from "../markers";

/** An image's tags without the marker tags. */
export function userTags(tags: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(tags).filter(([key]) => !isMarkerKey(key)));
}

/**
 * What to send to the Tag service so the image ends with exactly `desired` user tags plus the
 * markers: changed or missing tags (and missing markers) are replaced, user tags not desired are
 * removed, and marker tags are never removed.
 */
export function tagChanges(
    live: Record<string, string>,
    desired: Record<string, string>,
    markers: Record<string, string>,
): { replace: Record<string, string>; remove: string[] } {
    const target = { ...userTags(desired), ...markers };
    const replace = Object.fromEntries(Object.entries(target).filter(([key, value]) => live[key] !== value));
    const remove = Object.keys(live).filter((key) => !isMarkerKey(key) && !(key in target));
    return { replace, remove };
}

/**
 * The account's own (PRIVATE) image with exactly this name in the region, if any, asked of the
 * service now (one DescribeImages by name): for settling a create whose outcome is unknown.
 */
export async function findOwnImageByName(
    backend: ImageBackend,
    region: string,
    imageName: string,
): Promise<Image | undefined> {
    const candidates = await backend.listImages(region, { imageTypes: ["PRIVATE_IMAGE"], imageName });
    return candidates.find((image) => image.imageName === imageName);
}

/**
 * The account's own image with exactly this name in the region, if any, before a create: the run's
 * listing of the region's images (../plan/liveFacts.ts, one per region for the whole run, shared with
 * the plan checks) names the candidates, and a read by ID (coalesced) confirms that each still exists
 * as it is now. An image of the name made after the listing is not missed: names are unique per
 * region, so the create is refused as a Duplicate and settled by {@link findOwnImageByName}.
 */
export async function findOwnImageNamed(
    ctx: { facts: LiveFacts; reads: BatchedImageReads },
    region: string,
    imageName: string,
): Promise<Image | undefined> {
    const listed = (await ctx.facts.imagesNamed(region, imageName)).filter(
        (image) => image.imageType === "PRIVATE_IMAGE",
    );
    if (listed.length === 0) return undefined;
    const now = await ctx.reads.images(
        region,
        listed.map((image) => image.imageId),
    );
    return listed.map((image) => now.get(image.imageId)).find((image) => image?.imageName === imageName);
}

/**
 * The image as it is now, or undefined when it does not exist (never waits, never retries on
 * absence): one read by ID, coalesced with the region's other reads and polls of the moment.
 */
export function describeImage(
    reads: BatchedImageReads,
    region: string,
    imageId: string,
): Promise<Image | undefined> {
    return reads.image(region, imageId);
}

/** Minutes → milliseconds. */
export function minutes(value: number): number {
    return value * 60_000;
}
