/** DescribeImageQuota: the account's custom-image quota in the region. */
import { z } from "zod";
import { defineHandler } from "../types";

export default defineHandler({
    service: "cvm",
    action: "DescribeImageQuota",
    params: z.strictObject({}),
    region: "required",
    mutates: false,
    run(ctx) {
        return { ImageNumQuota: ctx.store.imageQuota(ctx.accountId, ctx.region) };
    },
});
