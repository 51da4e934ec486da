/**
 * The request bodies the backend sends, built from domain values within the limits the spec
 * documents for each parameter (`Limit` ≤ 100, ≤ 10 `Filters` of ≤ 5 values, ≤ 10 tags per
 * `ModifyResourceTags` list), and never with a member the spec does not document.
 */
import { ImageFilter } from "./types";

/** Most IDs per Describe* call, and the page size (`Limit` ≤ 100 in DescribeImages, DescribeInstances, DescribeSnapshots). */
export const PAGE_SIZE = 100;
/** DescribeImages: "每次请求的`Filters`的上限为10". */
export const MAX_FILTERS = 10;
/** ModifyResourceTags: ReplaceTags and DeleteTags "标签数量不超过10个" each. */
export const MAX_TAGS_PER_MODIFY = 10;

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
}

/** The Tag-service resource name of an image: `qcs::cvm:<region>:uin/<root account ID>:image/<imageId>`. */
export function imageResourceName(region: string, rootAccountId: string, imageId: string): string {
    return `qcs::cvm:${region}:uin/${rootAccountId}:image/${imageId}`;
}

export interface ApiFilter {
    Name: string;
    Values: string[];
}

/**
 * The DescribeImages filters of a domain filter (one value each, except `image-type` with at most
 * three). Beyond the API's 10 filters, the remaining tag conditions are returned as
 * `clientSideTags` to be applied to the results.
 */
export function toApiFilters(filter: ImageFilter = {}): {
    filters: ApiFilter[];
    clientSideTags: Record<string, string>;
} {
    const filters: ApiFilter[] = [];
    if (filter.imageTypes && filter.imageTypes.length > 0)
        filters.push({ Name: "image-type", Values: [...new Set(filter.imageTypes)] });
    if (filter.imageName) filters.push({ Name: "image-name", Values: [filter.imageName] });
    if (filter.platform) filters.push({ Name: "platform", Values: [filter.platform] });
    const clientSideTags: Record<string, string> = {};
    for (const [key, value] of Object.entries(filter.tags ?? {})) {
        if (filters.length < MAX_FILTERS) filters.push({ Name: `tag:${key}`, Values: [value] });
        else clientSideTags[key] = value;
    }
    return { filters, clientSideTags };
}

/** CreateImage/ImportImage `TagSpecification`: the tags bound to the new image, or nothing for none. */
export function tagSpecification(tags: Record<string, string> | undefined) {
    if (!tags || Object.keys(tags).length === 0) return undefined;
    return [{ ResourceType: "image", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }];
}

/** CreateImage's `ForcePoweroff` and `Sysprep` are the strings `"true"`/`"false"` (spec type string). */
export function boolString(value: boolean | undefined): "true" | "false" | undefined {
    return value === undefined ? undefined : value ? "true" : "false";
}

/** The list itself, or undefined for an empty one (ModifyResourceTags: "可以不传该参数，但不能是空数组"). */
function nonEmpty<T>(items: T[]): T[] | undefined {
    return items.length > 0 ? items : undefined;
}

/**
 * The ModifyResourceTags bodies of one tag change: each carries at most 10 ReplaceTags and 10
 * DeleteTags, never an empty list, and at least one of the two. None for no change.
 */
export function modifyResourceTagsBodies(
    resource: string,
    changes: { replace: Record<string, string>; remove: string[] },
): Record<string, unknown>[] {
    const replace = chunk(Object.entries(changes.replace), MAX_TAGS_PER_MODIFY);
    const remove = chunk([...new Set(changes.remove)], MAX_TAGS_PER_MODIFY);
    return Array.from({ length: Math.max(replace.length, remove.length) }, (_, i) => ({
        Resource: resource,
        ReplaceTags: nonEmpty((replace[i] ?? []).map(([TagKey, TagValue]) => ({ TagKey, TagValue }))),
        DeleteTags: nonEmpty((remove[i] ?? []).map((TagKey) => ({ TagKey }))),
    }));
}
