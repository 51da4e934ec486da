/**
 * Tag service DescribeResourceTagsByResourceIds: the tags of up to 50 resources of one service,
 * prefix and region (how the Terraform provider reads a `tencentcloud_image`'s tags). Only the
 * caller's own custom images carry tags; any other ID simply has none, as on the real service.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { isKnownRegion } from "../../regions";
import { defineHandler } from "../types";
import { namedOwnImage } from "./resourceName";
import { page, pagingSchema, tagRows } from "./shared";

const MAX_RESOURCE_IDS = 50;
const CATEGORIES = ["Custom", "System", "All"];

const params = z.strictObject({
    ServiceType: z.string(),
    ResourcePrefix: z.string(),
    ResourceIds: z.array(z.string()),
    ResourceRegion: z.string(),
    ...pagingSchema,
    Category: z.string().optional(),
});

export default defineHandler({
    service: "tag",
    action: "DescribeResourceTagsByResourceIds",
    params,
    region: "optional",
    mutates: false,
    run(ctx, p) {
        if (p.ServiceType === "")
            fail("InvalidParameterValue.ServiceTypeInvalid", "ServiceType must not be empty (e.g. cvm).");
        if (p.ResourcePrefix === "") {
            fail(
                "InvalidParameterValue.ResourcePrefixInvalid",
                "ResourcePrefix must not be empty (e.g. image).",
            );
        }
        if (p.ResourceIds.length === 0 || p.ResourceIds.length > MAX_RESOURCE_IDS) {
            fail(
                "InvalidParameterValue.ResourceIdInvalid",
                `ResourceIds must hold 1 to ${MAX_RESOURCE_IDS} IDs (got ${p.ResourceIds.length}).`,
            );
        }
        // Images are regional: their region is required, and must exist.
        if (p.ServiceType === "cvm" && p.ResourceRegion === "")
            fail("InvalidParameterValue.RegionInvalid", "ResourceRegion is required for cvm resources.");
        if (p.ResourceRegion !== "" && !isKnownRegion(p.ResourceRegion))
            fail("InvalidParameterValue.RegionInvalid", `The region \`${p.ResourceRegion}\` does not exist.`);
        const category = p.Category ?? "All";
        if (!CATEGORIES.includes(category)) {
            fail(
                "InvalidParameterValue",
                `Category must be one of ${CATEGORIES.join(", ")} (got "${category}").`,
            );
        }
        const rows =
            category === "System"
                ? []
                : [...new Set(p.ResourceIds)].flatMap((resourceId) => {
                      const image = namedOwnImage(ctx.store, ctx.accountId, {
                          service: p.ServiceType,
                          region: p.ResourceRegion,
                          resourceType: p.ResourcePrefix,
                          resourceId,
                      });
                      return image ? tagRows(image) : [];
                  });
        const { rows: tags, ...paging } = page(rows, p.Offset, p.Limit);
        return { ...paging, Tags: tags };
    },
});
