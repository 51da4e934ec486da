/**
 * Tag service TagResources: binds up to 10 tags to up to 10 resources (an existing key gets the new
 * value). A resource that is not one of the caller's custom images is reported in FailedResources.
 */
import { z } from "zod";
import { assertTagCount } from "../../models/rules";
import { defineHandler } from "../types";
import { assertRequestSize, assertTagForTagService, eachOwnImage, tagSchema } from "./shared";

const params = z.strictObject({
    ResourceList: z.array(z.string()),
    Tags: z.array(tagSchema),
});

export default defineHandler({
    service: "tag",
    action: "TagResources",
    params,
    region: "optional",
    mutates: true,
    run(ctx, p) {
        assertRequestSize(
            p.ResourceList,
            p.Tags.map((t) => t.TagKey),
        );
        for (const t of p.Tags) assertTagForTagService(t.TagKey, t.TagValue);
        const failed = eachOwnImage(ctx.store, ctx.accountId, p.ResourceList, (image) => {
            const tags = { ...image.tags };
            for (const t of p.Tags) tags[t.TagKey] = t.TagValue;
            assertTagCount(tags);
            image.tags = tags;
        });
        return { FailedResources: failed };
    },
});
