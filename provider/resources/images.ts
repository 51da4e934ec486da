/**
 * Image helpers shared by CustomImage and ImageCopy: the marker tags that identify images this
 * package made, looking an image up by its name (names are unique per account and region), and
 * reading one image without treating "not found" as an error.
 */
import { isNotFoundError } from "../backend/errors";
import { Image, ImageBackend } from "../backend/types";

/** Tag key saying which tool made an image. */
export const MANAGED_BY_TAG = "pulumi-images:managed-by";
/** The value of {@link MANAGED_BY_TAG} on images this package made. */
export const MANAGED_BY_VALUE = "pulumi-tencentcloud-images";
/** Tag key holding the logical name of the resource that made or adopted the image. */
export const RESOURCE_NAME_TAG = "pulumi-images:name";

/** Tag values allow letters, digits, spaces and `+ - = . _ : / @` (at most 255 characters). */
function tagValue(text: string): string {
    return text.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, "_").slice(0, 255);
}

/** The marker tags of an image made (or adopted) by the resource with this logical name. */
export function markerTags(resourceName: string): Record<string, string> {
    return { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, [RESOURCE_NAME_TAG]: tagValue(resourceName) };
}

/** True when the image carries the markers of the resource with this logical name. */
export function hasMarker(image: Pick<Image, "tags">, resourceName: string): boolean {
    const markers = markerTags(resourceName);
    return Object.entries(markers).every(([key, value]) => image.tags[key] === value);
}

/** True for the marker keys, which user tags never set or remove. */
export function isMarkerKey(key: string): boolean {
    return key === MANAGED_BY_TAG || key === RESOURCE_NAME_TAG;
}

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
