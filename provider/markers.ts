/**
 * The marker tags that identify an image made (or adopted) by one resource of this package: the
 * resources use them to recognise their own images (no duplicates after a lost reply), and the plan
 * checks use them to tell "this resource's own image" from "another image of the same name".
 */
import type { Image } from "./backend/types";

/** The prefix of every marker tag key; user tags may not use it (the plan checks refuse them). */
export const MARKER_KEY_PREFIX = "pulumi-images:";
/** Tag key saying which tool made an image. */
export const MANAGED_BY_TAG = `${MARKER_KEY_PREFIX}managed-by`;
/** The value of {@link MANAGED_BY_TAG} on images this package made. */
export const MANAGED_BY_VALUE = "pulumi-tencentcloud-images";
/** Tag key holding the logical name of the resource that made or adopted the image. */
export const RESOURCE_NAME_TAG = `${MARKER_KEY_PREFIX}name`;

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

/** The marker name an image carries when this package made it. */
export function markerNameOf(image: Pick<Image, "tags">): string | undefined {
    return image.tags[MANAGED_BY_TAG] === MANAGED_BY_VALUE ? image.tags[RESOURCE_NAME_TAG] : undefined;
}
