/** DescribeImageSharePermission: the accounts the caller's own custom image is shared with. */
import { z } from "zod";
import { isoTime } from "../../models/lifecycle";
import { defineHandler } from "../types";
import { requireOwnImage } from "./ownedImage";

export default defineHandler({
    service: "cvm",
    action: "DescribeImageSharePermission",
    params: z.strictObject({ ImageId: z.string() }),
    region: "required",
    mutates: false,
    run(ctx, p) {
        const { image } = requireOwnImage(ctx.store, ctx.accountId, ctx.region, p.ImageId);
        return {
            SharePermissionSet: image.shares.map((s) => ({
                CreatedTime: isoTime(s.createdAt),
                AccountId: s.accountId,
            })),
        };
    },
});
