/**
 * The half of a lookup the API can do: the DescribeImages filters of the criteria. The `image-type`
 * filter documents only PRIVATE_IMAGE, PUBLIC_IMAGE and SHARED_IMAGE, and no filter selects
 * marketplace images: a lookup that asks for MARKET_IMAGE reads every kind and keeps the
 * marketplace images by the `ImageType` of each reply (filterImages.ts checks every criterion).
 */
import {
    IMAGE_TYPE_FILTER_VALUES,
    ImageFilter,
    ImageTypeFilterValue,
    KnownImageType,
} from "../backend/types";
import { LookupCriteria } from "./lookupArgs";

function isFilterValue(type: KnownImageType): type is ImageTypeFilterValue {
    return (IMAGE_TYPE_FILTER_VALUES as readonly string[]).includes(type);
}

/** The `image-type` values to send: all of the asked kinds when each has one, else none (every kind is read). */
export function imageTypeFilter(
    types: readonly KnownImageType[] | undefined,
): ImageTypeFilterValue[] | undefined {
    if (!types || !types.every(isFilterValue)) return undefined;
    return [...types];
}

/** The server-side filter of a lookup by criteria (not by IDs: the API refuses IDs and filters together). */
export function serverFilter(criteria: LookupCriteria): ImageFilter {
    return {
        imageTypes: imageTypeFilter(criteria.imageTypes),
        platform: criteria.platform,
        tags: criteria.tags,
    };
}
