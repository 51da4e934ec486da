/**
 * Rules a lookup applies before it reads anything: marketplace images only in mainland China, and
 * the AWS-style warning about `mostRecent` over images that any account can share with you.
 */
import { isMainlandChina, MAINLAND_CHINA_REGIONS } from "../plan/formats";
import { LookupCriteria } from "./lookupArgs";

/** Marketplace images were asked for in a region that has none. */
export class MarketplaceRegionError extends Error {
    constructor(
        fn: string,
        readonly region: string,
    ) {
        super(
            `${fn}: marketplace images (MARKET_IMAGE) exist only in mainland China regions ` +
                `(${MAINLAND_CHINA_REGIONS.join(", ")}); ${region} is not one. ` +
                `Search a mainland China region, or drop MARKET_IMAGE from imageTypes.`,
        );
        this.name = "MarketplaceRegionError";
    }
}

/** Throws {@link MarketplaceRegionError} when the criteria name MARKET_IMAGE outside mainland China. */
export function assertMarketplaceRegion(fn: string, region: string, c: LookupCriteria): void {
    if (c.imageTypes?.includes("MARKET_IMAGE") && !isMainlandChina(region)) {
        throw new MarketplaceRegionError(fn, region);
    }
}

/**
 * The warning for `mostRecent` that may pick a shared image with nothing but fuzzy filters to go on,
 * or undefined when the lookup is safe (or the caller said it is). Shared images are included when
 * asked for, or when no image type is named (every kind).
 */
export function unsafeMostRecentWarning(fn: string, c: LookupCriteria): string | undefined {
    if (!c.mostRecent || c.allowUnsafeMostRecent) return undefined;
    const sharedIncluded = c.imageTypes === undefined || c.imageTypes.includes("SHARED_IMAGE");
    // A family lookup reads the family's image of the account itself (DescribeImageFromFamily).
    const constrained = c.nameRegex !== undefined || c.imageIds !== undefined || c.family !== undefined;
    if (!sharedIncluded || constrained) return undefined;
    const why =
        c.imageTypes === undefined ? "no imageTypes were given, so" : "imageTypes includes SHARED_IMAGE, so";
    return (
        `${fn}: mostRecent may pick a shared image (${why} SHARED_IMAGE is searched). Shared images are not ` +
        `reviewed by Tencent Cloud and any account can share an image with you, so the newest match may be ` +
        `one a stranger shared. Constrain the lookup with nameRegex or imageIds, leave SHARED_IMAGE out of ` +
        `imageTypes, or set allowUnsafeMostRecent: true to silence this warning.`
    );
}
