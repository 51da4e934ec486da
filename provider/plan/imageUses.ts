/**
 * The images the stack's resources manage or use, as the plan checks record them: an ImageRetention
 * spares them, and a resource whose image a retention checked before it would touch fails.
 */
import type { ResourceRef } from "../model/kinds";
import { markerTags, RESOURCE_NAME_TAG } from "../markers";
import { failure, type CheckFailure } from "./failures";
import type { ImageUse } from "./ledger";
import type { PlanContext } from "./planContext";

/**
 * Records the images a resource manages or uses, and fails it when an ImageRetention checked before
 * it would delete or deprecate one of them (a retention spares only what it knows of when it is checked).
 */
export function recordUses(ctx: PlanContext, ref: ResourceRef, uses: ImageUse[]): CheckFailure[] {
    ctx.ledger.recordUses(ref, uses);
    return ctx.ledger
        .retentionConflicts(uses)
        .map((conflict) =>
            failure(
                ref,
                "",
                `${conflict}, an image this resource manages or uses; an ImageRetention spares the images of ` +
                    `the resources declared before it: declare this resource before the ImageRetention, give the ` +
                    `image one of the retention's protectTags, or narrow the retention's selector`,
            ),
        );
}

/** The use of an image by its marker: the images the resource with this logical name made or adopted. */
export function markerUse(region: string, name: string): ImageUse {
    return { region, markerName: markerTags(name)[RESOURCE_NAME_TAG] };
}
