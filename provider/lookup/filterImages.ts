/**
 * The client-side half of a lookup: pure functions that decide which images match the criteria,
 * order them newest first, and shape them for the caller. Every criterion is checked here, even
 * those also sent to the API, so the result is the same whichever way the images were read (by ID,
 * where the API takes no filters, or by filters, whose server-side matching is fuzzy).
 */
import { Image } from "../backend/types";
import { LookupCriteria } from "./lookupArgs";

/**
 * One image as a lookup returns it: the fields of {@link Image} that say what an image is (not where
 * a copy stands or what backs it), with the description under the name the resources use.
 */
export type ImageSummary = Pick<
    Image,
    | "imageId"
    | "imageName"
    | "imageType"
    | "imageState"
    | "osName"
    | "platform"
    | "architecture"
    | "imageSizeGb"
    | "createdTime"
    | "imageCreator"
    | "imageSource"
    | "tags"
> & {
    /** The image's description (API `ImageDescription`). */
    description: string;
    /** The image's family (API `ImageFamily`), `""` when it is in none. */
    family: string;
    /** Whether the image is deprecated (API `ImageDeprecated`). */
    deprecated: boolean;
};

/** The API's output spelling of an image's architecture (`arm_64`/`arm64`/`aarch64` → `arm`, `amd64` → `x86_64`). */
export function normaliseArchitecture(architecture: string): string {
    const a = architecture.trim().toLowerCase();
    if (a === "arm_64" || a === "arm64" || a === "aarch64") return "arm";
    if (a === "amd64") return "x86_64";
    return a;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Case-insensitive substring match that must start a word (start of text, or after a character that
 * is not a letter or digit). A plain substring would let `CentOS` match `TencentOS`, and a lookup
 * with `mostRecent` would then silently pick an image of the wrong OS.
 */
export function containsWordPrefix(haystack: string, needle: string): boolean {
    const text = haystack.toLowerCase();
    const wanted = needle.toLowerCase();
    for (let at = text.indexOf(wanted); at !== -1; at = text.indexOf(wanted, at + 1)) {
        if (at === 0 || !LETTER_OR_DIGIT.test(text[at - 1])) return true;
    }
    return false;
}

/** The criteria an image fails, as argument names; empty when it matches. */
export function mismatches(image: Image, c: LookupCriteria): string[] {
    const failed: string[] = [];
    // A kind or state the service added later matches no criterion (it is none of those named).
    const imageTypes: readonly string[] | undefined = c.imageTypes;
    const states: readonly string[] = c.states;
    if (c.imageIds && !c.imageIds.includes(image.imageId)) failed.push("imageIds");
    if (imageTypes && !imageTypes.includes(image.imageType)) failed.push("imageTypes");
    if (c.platform && !containsWordPrefix(image.platform ?? "", c.platform)) failed.push("platform");
    if (c.osName && !containsWordPrefix(image.osName ?? "", c.osName)) failed.push("osName");
    if (c.architectures && !c.architectures.includes(normaliseArchitecture(image.architecture ?? ""))) {
        failed.push("architecture");
    }
    if (c.nameRegex && !c.nameRegex.test(image.imageName ?? "")) failed.push("nameRegex");
    if (c.tags && !Object.entries(c.tags).every(([key, value]) => image.tags?.[key] === value))
        failed.push("tags");
    if (!states.includes(image.imageState)) failed.push("states");
    if (c.family !== undefined && image.imageFamily !== c.family) failed.push("family");
    if (!c.includeDeprecated && image.imageDeprecated === true) failed.push("includeDeprecated");
    return failed;
}

/** True when the image meets every criterion. */
export function matchesCriteria(image: Image, c: LookupCriteria): boolean {
    return mismatches(image, c).length === 0;
}

function createdMillis(image: { createdTime: string }): number {
    const t = Date.parse(image.createdTime);
    // An unparseable time sorts last: it must never be picked as "most recent" by accident.
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Newest first by created time, then by image ID so equal times always come out in the same order. */
export function compareNewestFirst(
    a: { createdTime: string; imageId: string },
    b: { createdTime: string; imageId: string },
): number {
    const ta = createdMillis(a);
    const tb = createdMillis(b);
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0;
}

/** The public shape of one image. */
export function toSummary(image: Image): ImageSummary {
    return {
        imageId: image.imageId,
        imageName: image.imageName,
        imageType: image.imageType,
        imageState: image.imageState,
        osName: image.osName,
        platform: image.platform,
        architecture: normaliseArchitecture(image.architecture ?? ""),
        imageSizeGb: image.imageSizeGb,
        createdTime: image.createdTime,
        imageCreator: image.imageCreator,
        imageSource: image.imageSource,
        tags: { ...image.tags },
        description: image.imageDescription,
        family: image.imageFamily ?? "",
        deprecated: image.imageDeprecated === true,
    };
}

/**
 * The images that match, without duplicates (by image ID: paging over a list that changes can
 * return one twice), newest first, as summaries.
 */
export function filterImages(images: readonly Image[], c: LookupCriteria): ImageSummary[] {
    const seen = new Set<string>();
    const kept: Image[] = [];
    for (const image of images) {
        if (seen.has(image.imageId) || !matchesCriteria(image, c)) continue;
        seen.add(image.imageId);
        kept.push(image);
    }
    return kept.sort(compareNewestFirst).map(toSummary);
}
