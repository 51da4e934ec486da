/**
 * DescribeImageFromFamily: the family's "available image" (可用镜像), or `Image: null` when it has
 * none ("没有可用镜像是返回为空"). The spec leaves the rules unwritten; the emulator's (README): the
 * newest of the caller's own custom images in the region that are in the family, made (NORMAL, or
 * SYNCING as the source of a copy) and not deprecated. Shared-in and public images never count; a missing or empty ImageFamily names no
 * family, so no image.
 */
import { z } from "zod";
import { isMade } from "../../models/lifecycle";
import { assertImageFamily } from "../../models/rules";
import { renderImage } from "../../wire/render";
import { defineHandler } from "../types";

const params = z.strictObject({
    ImageFamily: z.string().optional(),
});

export default defineHandler({
    service: "cvm",
    action: "DescribeImageFromFamily",
    params,
    region: "required",
    mutates: false,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        assertImageFamily(p.ImageFamily);
        const family = p.ImageFamily ?? "";
        const newest = Object.values(store.regionData(accountId, region).images)
            .filter((i) => family !== "" && i.imageFamily === family && !i.imageDeprecated && isMade(i, now))
            .sort((a, b) => b.createdAt - a.createdAt || a.imageId.localeCompare(b.imageId))[0];
        if (!newest) return { Image: null };
        // The official example shows ImageDeprecated (false) on the image this action returns.
        return {
            Image: { ...renderImage(store, { image: newest, relation: "own" }, now), ImageDeprecated: false },
        };
    },
});
