/**
 * Tag service ModifyResourceTags for images (resource names: resourceName.ts): ReplaceTags set (or
 * overwrite) keys, DeleteTags remove keys, at most 10 of each per call, at least one of the two,
 * neither an empty list. Only the owner's custom images.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { assertTag, assertTagCount } from "../../models/rules";
import { defineHandler } from "../types";
import { resolveImageResource } from "./resourceName";

/** The documented limit of ReplaceTags and of DeleteTags per call. */
export const MAX_TAGS_PER_CALL = 10;

const params = z.strictObject({
    Resource: z.string(),
    // Category (Custom/System/All) is the Tag object's kind in listings; it sets nothing here.
    ReplaceTags: z
        .array(z.strictObject({ TagKey: z.string(), TagValue: z.string(), Category: z.string().optional() }))
        .optional(),
    DeleteTags: z.array(z.strictObject({ TagKey: z.string() })).optional(),
});

function assertTagList(name: string, list: unknown[] | undefined): void {
    if (list === undefined) return;
    if (list.length === 0) {
        fail("InvalidParameterValue", `${name} may be left out but not be an empty list.`);
    }
    if (list.length > MAX_TAGS_PER_CALL) {
        fail(
            "LimitExceeded.TagNumPerRequest",
            `${name} has ${list.length} tags; at most ${MAX_TAGS_PER_CALL} per call (split the change).`,
        );
    }
}

export default defineHandler({
    service: "tag",
    action: "ModifyResourceTags",
    params,
    region: "optional",
    mutates: true,
    run(ctx, p) {
        if (p.ReplaceTags === undefined && p.DeleteTags === undefined) {
            fail("MissingParameter", "Give ReplaceTags or DeleteTags (or both).");
        }
        assertTagList("ReplaceTags", p.ReplaceTags);
        assertTagList("DeleteTags", p.DeleteTags);
        const image = resolveImageResource(ctx, p.Resource);
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
