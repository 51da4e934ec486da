/** DescribeRegions: the 18 regions, named in the request's language (X-TC-Language). */
import { z } from "zod";
import { REGIONS } from "../../regions";
import { defineHandler } from "../types";

export default defineHandler({
    service: "cvm",
    action: "DescribeRegions",
    params: z.strictObject({}),
    region: "none",
    mutates: false,
    run(ctx) {
        const english = ctx.language === "en-US";
        return {
            TotalCount: REGIONS.length,
            RegionSet: REGIONS.map((r) => ({
                Region: r.region,
                RegionName: english ? r.nameEn : r.nameZh,
                RegionState: "AVAILABLE",
            })),
        };
    },
});
