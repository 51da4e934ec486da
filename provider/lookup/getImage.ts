/**
 * getImage: exactly one image, or an error that says how to get there.
 */
import { ImageSummary } from "./filterImages";
import { LookupOptions, lookupImages } from "./getImages";
import { describeCriteria, GetImagesArgs, LookupCriteria } from "./lookupArgs";

/** What {@link getImage} returns: the image, and the region it was found in. */
export interface GetImageResult extends ImageSummary {
    region: string;
}

/** How many matches a "several images match" error lists. */
export const LISTED_MATCHES = 10;

/** No image matched a getImage lookup. */
export class NoImageMatchedError extends Error {
    constructor(
        readonly region: string,
        criteria: LookupCriteria,
    ) {
        super(
            `getImage: no image in ${region} matches ${describeCriteria(criteria)}. Loosen a filter ` +
                `(a shorter osName or platform, a broader nameRegex, more imageTypes or states), or check the region.`,
        );
        this.name = "NoImageMatchedError";
    }
}

/** Several images matched a getImage lookup without `mostRecent`. */
export class SeveralImagesMatchedError extends Error {
    constructor(
        readonly region: string,
        criteria: LookupCriteria,
        readonly imageIds: string[],
        matches: ImageSummary[],
    ) {
        const listed = matches
            .slice(0, LISTED_MATCHES)
            .map((i) => `  ${i.imageId}  ${JSON.stringify(i.imageName)}  created ${i.createdTime}`);
        const more =
            matches.length > LISTED_MATCHES ? [`  … and ${matches.length - LISTED_MATCHES} more`] : [];
        super(
            [
                `getImage: ${matches.length} images in ${region} match ${describeCriteria(criteria)}; ` +
                    `exactly one is needed. Newest first:`,
                ...listed,
                ...more,
                `Set mostRecent: true to take the newest, or tighten a filter (nameRegex, osName, architecture, imageIds).`,
            ].join("\n"),
        );
        this.name = "SeveralImagesMatchedError";
    }
}

/**
 * Exactly one image of one region that matches `args`. Fails with {@link NoImageMatchedError} when
 * none matches, and with {@link SeveralImagesMatchedError} when several do, unless `mostRecent: true`
 * (then the newest by created time, ties broken by image ID).
 *
 * Defaults as {@link getImages}: region from the provider setting; every image type; states `["NORMAL"]`.
 */
export async function getImage(
    args: GetImagesArgs = {},
    options: LookupOptions = {},
): Promise<GetImageResult> {
    const { region, criteria, matches } = await lookupImages(args, "getImage", options);
    if (matches.length === 0) throw new NoImageMatchedError(region, criteria);
    if (matches.length > 1 && !criteria.mostRecent) {
        throw new SeveralImagesMatchedError(
            region,
            criteria,
            matches.map((i) => i.imageId),
            matches,
        );
    }
    return { ...matches[0], region };
}
