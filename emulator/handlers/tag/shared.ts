/**
 * What the Tag service's batch and read actions share: the per-request limits, the key checks with
 * the codes the Tag service documents, one resource at a time with its failure reported rather
 * than thrown, and the `TagResource` rows and pages of the read actions.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError, fail } from "../../errors";
import { assertTag } from "../../models/rules";
import { Store } from "../../models/store";
import { ImageRecord } from "../../models/types";
import { namedOwnImage, parseCallersResourceName } from "./resourceName";

/** At most 10 resources and 10 tags (or keys) per TagResources / UnTagResources ("N: 0~9"). */
export const MAX_PER_REQUEST = 10;

/** `Tag` of the Tag service's requests (Category is accepted and, like the real service's default, Custom). */
export const tagSchema = z.strictObject({
    TagKey: z.string(),
    TagValue: z.string(),
    Category: z.string().optional(),
});

/** Offset and Limit of the read actions (uint64; Limit defaults to 15). */
export const pagingSchema = {
    Offset: z.number().int().nonnegative().optional(),
    Limit: z.number().int().nonnegative().optional(),
};

/** LimitExceeded.ResourceNumPerRequest / LimitExceeded.TagNumPerRequest beyond 10; a list must not be empty. */
export function assertRequestSize(resources: string[], keys: string[]): void {
    if (resources.length === 0)
        fail(
            "InvalidParameterValue.ResourceDescriptionError",
            "ResourceList must name at least one resource.",
        );
    if (resources.length > MAX_PER_REQUEST) {
        fail(
            "LimitExceeded.ResourceNumPerRequest",
            `At most ${MAX_PER_REQUEST} resources per request (got ${resources.length}).`,
        );
    }
    if (keys.length === 0) fail("InvalidParameter.Tag", "The request must name at least one tag.");
    if (keys.length > MAX_PER_REQUEST) {
        fail(
            "LimitExceeded.TagNumPerRequest",
            `At most ${MAX_PER_REQUEST} tags per request (got ${keys.length}).`,
        );
    }
    const seen = new Set<string>();
    for (const key of keys) {
        if (seen.has(key))
            fail("InvalidParameterValue.TagKeyDuplicate", `Tag key \`${key}\` appears more than once.`);
        seen.add(key);
    }
}

/**
 * The tag rules of models/rules.ts with the codes TagResources and UnTagResources document: an
 * empty key is InvalidParameterValue.TagKeyEmpty, a reserved key InvalidParameter.ReservedTagKey.
 */
export function assertTagForTagService(key: string, value: string): void {
    if (key === "") fail("InvalidParameterValue.TagKeyEmpty", "A tag key must not be empty.");
    try {
        assertTag(key, value);
    } catch (err) {
        if (err instanceof ApiError && err.code === "InvalidParameterValue.ReservedTagKey")
            throw new ApiError("InvalidParameter.ReservedTagKey", err.message);
        throw err;
    }
}

/** `FailedResource` of the batch actions' replies. */
export interface FailedResource {
    Resource: string;
    Code: string;
    Message: string;
}

/**
 * Runs `apply` on the caller's image each name designates. A malformed name fails the request (as
 * the real service's parameter checks do); a name that designates nothing the caller owns, or a
 * rule `apply` breaks, becomes that resource's entry in FailedResources and the others go ahead.
 */
export function eachOwnImage(
    store: Store,
    accountId: string,
    names: string[],
    apply: (image: ImageRecord) => void,
): FailedResource[] {
    const parsed = names.map((name) => ({ name, parts: parseCallersResourceName(store, accountId, name) }));
    const failed: FailedResource[] = [];
    for (const { name, parts } of parsed) {
        const image = namedOwnImage(store, accountId, parts);
        if (!image) {
            failed.push({
                Resource: name,
                Code: "ResourceNotFound",
                Message: `${name} is not one of your custom images (the emulator keeps tags of cvm images only).`,
            });
            continue;
        }
        try {
            apply(image);
        } catch (err) {
            if (!(err instanceof ApiError)) throw err;
            failed.push({ Resource: name, Code: err.code, Message: err.message });
        }
    }
    return failed;
}

function md5(text: string): string {
    return createHash("md5").update(text, "utf8").digest("hex");
}

/** The `TagResource` rows of one image, in the order its tags were set. */
export function tagRows(image: ImageRecord): Record<string, unknown>[] {
    return Object.entries(image.tags).map(([key, value]) => ({
        TagKey: key,
        TagValue: value,
        ResourceId: image.imageId,
        TagKeyMd5: md5(key),
        TagValueMd5: md5(value),
        ServiceType: "cvm",
        Category: "Custom",
    }));
}

const DEFAULT_LIMIT = 15;

/** One page of rows with TotalCount, Offset and Limit; Offset must be a multiple of Limit. */
export function page(
    rows: Record<string, unknown>[],
    offset: number | undefined,
    limit: number | undefined,
): { TotalCount: number; Offset: number; Limit: number; rows: Record<string, unknown>[] } {
    const size = limit ?? DEFAULT_LIMIT;
    const start = offset ?? 0;
    if (size === 0) fail("InvalidParameter", "Limit must be at least 1.");
    if (start % size !== 0) {
        fail("InvalidParameterValue.OffsetInvalid", `Offset ${start} must be a multiple of Limit ${size}.`);
    }
    return { TotalCount: rows.length, Offset: start, Limit: size, rows: rows.slice(start, start + size) };
}
