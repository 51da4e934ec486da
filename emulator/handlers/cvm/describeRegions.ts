/** DescribeRegions: the 18 regions, named in the request's language (X-TC-Language). */
import { z } from "zod";
import { renderRegions } from "../../wire/render";
import { defineHandler } from "../types";

export default defineHandler({
    service: "cvm",
    action: "DescribeRegions",
    params: z.strictObject({}),
    region: "none",
    mutates: false,
    run(ctx) {
        const regionSet = renderRegions(ctx.language);
        return { TotalCount: regionSet.length, RegionSet: regionSet };
    },
});
