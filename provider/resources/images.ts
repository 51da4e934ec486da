/**
 * Image helpers shared by CustomImage and ImageCopy: user tags apart from the marker tags (../markers.ts),
 * looking an image up by its name (names are unique per account and region), and
 * reading one image without treating "not found" as an error.
 */
import { isNotFoundError } from "../backend/errors";
import { Image, ImageBackend } from "../backend/types";

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

/** The account's own (PRIVATE) image with exactly this name in the region, if any. */
export async function findOwnImageByName(
    backend: ImageBackend,
    region: string,
    imageName: string,
): Promise<Image | undefined> {
    const candidates = await backend.listImages(region, { imageTypes: ["PRIVATE_IMAGE"], imageName });
    return candidates.find((image) => image.imageName === imageName);
}

/** The image, or undefined when it does not exist (never waits, never retries on absence). */
export async function describeImage(
    backend: ImageBackend,
    region: string,
    imageId: string,
): Promise<Image | undefined> {
    try {
        const images = await backend.describeImagesByIds(region, [imageId]);
        return images.find((image) => image.imageId === imageId);
    } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
    }
}

/** Minutes → milliseconds. */
export function minutes(value: number): number {
    return value * 60_000;
}
