/** The plan checks' reading of an image a resource names as the account's own (a share's, a copy's source). */
import type { Image } from "../backend/types";
import type { ResourceRef } from "../model/kinds";
import type { CheckFailure } from "./failures";
import { MAINLAND_CHINA_REGIONS, isMainlandChina } from "./formats";
import type { PlanContext } from "./planContext";
import { imageNotFound, marketplaceRegionFailures, ownImageFailures } from "./rules/ownership";

/**
 * The failure of an image ID that the region does not know. Marketplace images exist only in mainland
 * China, so one named in another region is never found there: the ID is looked up in a mainland region
 * (ap-guangzhou) so that the message can say the real problem rather than "no such image". This costs
 * one read, and only when the plan already fails.
 */
async function missingImageFailures(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    imageId: string,
    region: string,
): Promise<CheckFailure[]> {
    if (!isMainlandChina(region)) {
        const mainland = await ctx.facts.image(MAINLAND_CHINA_REGIONS[0], imageId);
        if (mainland?.imageType === "MARKET_IMAGE") {
            return marketplaceRegionFailures(ref, property, mainland, region);
        }
    }
    return [imageNotFound(ref, property, property, imageId, region)];
}

/**
 * Reads the image a resource names by `property` in `region` and adds the failures of an image that is
 * missing, not the account's own custom image, or a marketplace image out of mainland China; returns
 * the image when the region has it.
 */
export async function readOwnImage(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    region: string,
    imageId: string,
    verb: Parameters<typeof ownImageFailures>[3],
    failures: CheckFailure[],
): Promise<Image | undefined> {
    const image = await ctx.facts.image(region, imageId);
    if (!image) {
        failures.push(...(await missingImageFailures(ctx, ref, property, imageId, region)));
        return undefined;
    }
    failures.push(...ownImageFailures(ref, property, image, verb));
    failures.push(...marketplaceRegionFailures(ref, property, image, region));
    return image;
}
