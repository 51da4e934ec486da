/**
 * Image lookups: getImages / getImage and their Output forms. Plain functions of the package (a
 * dynamic provider cannot offer functions to the engine) that read the image API from the program.
 */
export {
    getImages,
    lookupImages,
    lookupSettings,
    settingsFromStackConfig,
    inPulumiProgram,
} from "./getImages";
export type { GetImagesResult, LookupOptions, LookupOutcome } from "./getImages";
export { getImage, NoImageMatchedError, SeveralImagesMatchedError, LISTED_MATCHES } from "./getImage";
export type { GetImageResult } from "./getImage";
export { getImagesOutput, getImageOutput } from "./outputs";
export type { GetImagesOutputArgs } from "./outputs";
export {
    parseLookupArgs,
    describeCriteria,
    getImagesArgsSchema,
    LookupArgumentError,
    LOOKUP_IMAGE_TYPES,
    LOOKUP_IMAGE_STATES,
    DEFAULT_LOOKUP_STATES,
    ARCHITECTURE_ALIASES,
} from "./lookupArgs";
export type { GetImagesArgs, LookupCriteria } from "./lookupArgs";
export {
    filterImages,
    matchesCriteria,
    mismatches,
    compareNewestFirst,
    containsWordPrefix,
    normaliseArchitecture,
    toSummary,
} from "./filterImages";
export type { ImageSummary } from "./filterImages";
export { assertMarketplaceRegion, unsafeMostRecentWarning, MarketplaceRegionError } from "./guards";
