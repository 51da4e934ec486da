/**
 * Tag service UnTagResources: unbinds up to 10 keys from up to 10 resources (a key the resource
 * does not carry is no error). A resource that is not one of the caller's custom images is
 * reported in FailedResources.
 */
import { z } from "zod";
import { defineHandler } from "../types";
import { assertRequestSize, assertTagForTagService, eachOwnImage } from "./shared";

const params = z.strictObject({
    ResourceList: z.array(z.string()),
    TagKeys: z.array(z.string()),
});

export default defineHandler({
    service: "tag",
    action: "UnTagResources",
    params,
    region: "optional",
    mutates: true,
    run(ctx, p) {
        assertRequestSize(p.ResourceList, p.TagKeys);
        for (const key of p.TagKeys) assertTagForTagService(key, "");
        const failed = eachOwnImage(ctx.store, ctx.accountId, p.ResourceList, (image) => {
            const tags = { ...image.tags };
            for (const key of p.TagKeys) delete tags[key];
            image.tags = tags;
        });
        return { FailedResources: failed };
    },
});
