/**
 * Region service DescribeRegions (2022-06-27): the regions of a product, the API that CVM's own
 * (no longer maintained) DescribeRegions points to. The emulator knows the products it plays, cvm
 * and cbs, which have the same 18 regions. The MC members (a console whitelist) are null, as in the
 * official example; Scene is accepted and changes nothing, since the emulator has no whitelist.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { renderRegions } from "../../wire/render";
import { defineHandler } from "../types";

const PRODUCTS = ["cvm", "cbs"];

const params = z.strictObject({
    Product: z.string(),
    Scene: z.number().int().optional(),
});

export default defineHandler({
    service: "region",
    action: "DescribeRegions",
    params,
    region: "optional",
    mutates: false,
    run(ctx, p) {
        if (!PRODUCTS.includes(p.Product)) {
            fail(
                "InvalidParameterValue",
                `The product \`${p.Product}\` is not one the emulator serves (${PRODUCTS.join(", ")}).`,
            );
        }
        if (p.Scene !== undefined && p.Scene !== 0 && p.Scene !== 1) {
            fail("InvalidParameterValue", `Scene must be 0 or 1 (got ${p.Scene}).`);
        }
        const regionSet = renderRegions(ctx.language).map((r) => ({
            ...r,
            RegionTypeMC: null,
            LocationMC: null,
            RegionNameMC: null,
            RegionIdMC: null,
        }));
        return { TotalCount: regionSet.length, RegionSet: regionSet };
    },
});
