/** DescribeImages: by IDs or by filters (never both), paged, newest first. */
import { z } from "zod";
import { fail } from "../../errors";
import { assertImageIdFormat } from "../../models/rules";
import { VisibleImage } from "../../models/store";
import { renderImage } from "../../wire/render";
import { defineHandler } from "../types";
import { filterSchema } from "./shared";

const params = z.strictObject({
    ImageIds: z.array(z.string()).optional(),
    Filters: z.array(filterSchema).optional(),
    Offset: z.number().int().optional(),
    Limit: z.number().int().optional(),
    InstanceType: z.string().optional(),
});

/**
 * The `image-type` values the spec documents (DescribeImagesRequest.Filters): no marketplace value, so
 * marketplace images are found by reading every kind and looking at each image's ImageType.
 */
const IMAGE_TYPE_FILTER_VALUES = ["PRIVATE_IMAGE", "PUBLIC_IMAGE", "SHARED_IMAGE"];

function typeOf(v: VisibleImage): string {
    return v.relation === "shared" ? "SHARED_IMAGE" : v.image.imageType;
}

/** Tags an image shows the viewer (only the owner sees an image's tags). */
function tagsOf(v: VisibleImage): Record<string, string> {
    return v.relation === "own" ? v.image.tags : {};
}

function matcher(name: string, values: string[]): (v: VisibleImage) => boolean {
    if (name === "image-id") return (v) => values.includes(v.image.imageId);
    if (name === "image-type") {
        for (const value of values) {
            // The documented DescribeImages errors (the SDK's list) have no code for a bad filter value; InvalidFilter
            // ("the specified filter is not supported") is the one that fits.
            if (!IMAGE_TYPE_FILTER_VALUES.includes(value)) {
                fail(
                    "InvalidFilter",
                    `The filter \`image-type\` does not support the value \`${value}\`; it takes ${IMAGE_TYPE_FILTER_VALUES.join(", ")}.`,
                );
            }
        }
        return (v) => values.includes(typeOf(v));
    }
    if (name === "image-name") return (v) => values.some((value) => v.image.imageName.includes(value));
    if (name === "platform") {
        return (v) => values.some((value) => v.image.platform.toLowerCase().includes(value.toLowerCase()));
    }
    if (name === "tag-key") return (v) => values.some((value) => value in tagsOf(v));
    if (name === "tag-value") return (v) => Object.values(tagsOf(v)).some((t) => values.includes(t));
    if (name.startsWith("tag:") && name.length > 4) {
        const key = name.slice(4);
        return (v) => {
            const tags = tagsOf(v);
            return key in tags && values.includes(tags[key]);
        };
    }
    fail("InvalidFilter", `The filter \`${name}\` is not supported by DescribeImages.`);
}

export default defineHandler({
    service: "cvm",
    action: "DescribeImages",
    params,
    region: "required",
    mutates: false,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        if (p.ImageIds !== undefined && p.Filters !== undefined) {
            fail(
                "InvalidParameter.InvalidParameterCoexistImageIdsFilters",
                "ImageIds and Filters cannot be given together; use one of them.",
            );
        }
        const limit = p.Limit ?? 20;
        const offset = p.Offset ?? 0;
        if (limit < 0 || limit > 100) {
            fail(
                "InvalidParameterValue.InvalidParameterValueLimit",
                `Limit must be 0 to 100 (got ${limit}).`,
            );
        }
        if (offset < 0) fail("InvalidParameterValue", `Offset must not be negative (got ${offset}).`);
        let matches: VisibleImage[];
        if (p.ImageIds !== undefined) {
            if (p.ImageIds.length > 100) {
                fail("InvalidParameterValue.LimitExceeded", "At most 100 ImageIds per call.");
            }
            p.ImageIds.forEach(assertImageIdFormat);
            matches = [...new Set(p.ImageIds)].flatMap((id) => {
                const found = store.findImage(accountId, region, id);
                return found ? [found] : [];
            });
        } else {
            const filters = p.Filters ?? [];
            if (filters.length > 10) fail("InvalidFilterValue.LimitExceeded", "At most 10 Filters per call.");
            const tests = filters.map((f) => {
                if (f.Values.length > 5) {
                    fail(
                        "InvalidFilterValue.LimitExceeded",
                        `Filter ${f.Name}: at most 5 Values per filter.`,
                    );
                }
                return matcher(f.Name, f.Values);
            });
            matches = store.visibleImages(accountId, region).filter((v) => tests.every((t) => t(v)));
        }
        matches.sort(
            (a, b) => b.image.createdAt - a.image.createdAt || a.image.imageId.localeCompare(b.image.imageId),
        );
        return {
            TotalCount: matches.length,
            ImageSet: matches.slice(offset, offset + limit).map((v) => renderImage(store, v, now)),
        };
    },
});
