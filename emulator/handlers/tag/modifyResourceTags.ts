/**
 * Tag service ModifyResourceTags for images: Resource `qcs::cvm:<region>:uin/<accountId>:image/<imageId>`,
 * ReplaceTags set (or overwrite) keys, DeleteTags remove keys. Only the owner's custom images.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { assertTag, assertTagCount } from "../../models/rules";
import { isKnownRegion } from "../../regions";
import { defineHandler } from "../types";

const params = z.strictObject({
    Resource: z.string(),
    ReplaceTags: z.array(z.strictObject({ TagKey: z.string(), TagValue: z.string() })).optional(),
    DeleteTags: z.array(z.strictObject({ TagKey: z.string() })).optional(),
});

const RESOURCE_RE = /^qcs::cvm:([a-z0-9-]+):uin\/(\d+):image\/([^/]+)$/;

export default defineHandler({
    service: "tag",
    action: "ModifyResourceTags",
    params,
    region: "optional",
    mutates: true,
    run(ctx, p) {
        const m = RESOURCE_RE.exec(p.Resource);
        if (!m) {
            fail(
                "InvalidParameterValue.ResourceDescriptionError",
                `Resource \`${p.Resource}\` is not of the form qcs::cvm:<region>:uin/<accountId>:image/<imageId>.`,
            );
        }
        const [, region, uin, imageId] = m;
        if (!isKnownRegion(region))
            fail("InvalidParameterValue.RegionInvalid", `The region \`${region}\` does not exist.`);
        if (uin !== ctx.accountId) {
            fail(
                "InvalidParameterValue.UinInvalid",
                `The resource's uin ${uin} is not the caller's account ${ctx.accountId}.`,
            );
        }
        const image = ID_PATTERNS.image.test(imageId)
            ? ctx.store.regionData(ctx.accountId, region).images[imageId]
            : undefined;
        if (!image)
            fail("ResourceNotFound", `The image ${imageId} is not one of your custom images in ${region}.`);
        const replace = p.ReplaceTags ?? [];
        const remove = (p.DeleteTags ?? []).map((t) => t.TagKey);
        for (const t of replace) {
            assertTag(t.TagKey, t.TagValue);
            if (remove.includes(t.TagKey)) {
                fail(
                    "InvalidParameterValue.DeleteTagsParamError",
                    `Tag key \`${t.TagKey}\` is both replaced and deleted.`,
                );
            }
        }
        const tags = { ...image.tags };
        for (const key of remove) delete tags[key];
        for (const t of replace) tags[t.TagKey] = t.TagValue;
        assertTagCount(tags);
        image.tags = tags;
        return {};
    },
});
