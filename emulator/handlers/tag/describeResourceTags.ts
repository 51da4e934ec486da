/**
 * Tag service DescribeResourceTags: the tags of the caller's resources, narrowed by creator,
 * region, service, prefix and ID (all optional). The emulator's taggable resources are the
 * caller's custom images, in every region.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { REGION_IDS, isKnownRegion } from "../../regions";
import { defineHandler } from "../types";
import { page, pagingSchema, tagRows } from "./shared";

const params = z.strictObject({
    CreateUin: z.number().int().nonnegative().optional(),
    ResourceRegion: z.string().optional(),
    ServiceType: z.string().optional(),
    ResourcePrefix: z.string().optional(),
    ResourceId: z.string().optional(),
    ...pagingSchema,
    CosResourceId: z.number().int().nonnegative().optional(),
});

export default defineHandler({
    service: "tag",
    action: "DescribeResourceTags",
    params,
    region: "optional",
    mutates: false,
    run(ctx, p) {
        if (p.ResourceRegion && !isKnownRegion(p.ResourceRegion))
            fail("InvalidParameterValue.RegionInvalid", `The region \`${p.ResourceRegion}\` does not exist.`);
        if (p.CosResourceId !== undefined && p.CosResourceId !== 0 && p.CosResourceId !== 1)
            fail("InvalidParameterValue", `CosResourceId must be 0 or 1 (got ${p.CosResourceId}).`);
        if (p.CosResourceId === 1 && !p.ResourceId)
            fail("MissingParameter", "ResourceId is required when CosResourceId is 1.");
        const matchesImages =
            p.CosResourceId !== 1 &&
            (p.ServiceType === undefined || p.ServiceType === "cvm") &&
            (p.ResourcePrefix === undefined || p.ResourcePrefix === "image") &&
            (p.CreateUin === undefined || String(p.CreateUin) === ctx.accountId);
        const regions = p.ResourceRegion ? [p.ResourceRegion] : REGION_IDS;
        const rows = matchesImages
            ? regions.flatMap((region) =>
                  Object.values(ctx.store.regionData(ctx.accountId, region).images)
                      .filter((image) => p.ResourceId === undefined || image.imageId === p.ResourceId)
                      .flatMap(tagRows),
              )
            : [];
        const { rows: tagged, ...paging } = page(rows, p.Offset, p.Limit);
        return { ...paging, Rows: tagged };
    },
});
