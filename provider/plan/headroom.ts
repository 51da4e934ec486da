/**
 * The quota headroom of a plan, said once its checks are over (./census.ts): one line per region the
 * plan adds to or deletes in, with the plan's totals, e.g.
 * `tencentcloud-images: ap-guangzhou: 9 of 10 custom images after this plan (+2 by CustomImage "web", −3 by ImageRetention "keep-3")`.
 * A region whose figures are what was said already is not said again.
 */
import type { ResourceRef } from "../model/kinds";
import { PROGRESS_PREFIX } from "../resources/progress";
import type { PlanContext } from "./planContext";

/**
 * Notes that the check of `ref` is done (with the program's count its inputs carried) and, when
 * that completes the plan, says the headroom of every region the plan touches.
 */
export async function checkDone(
    ctx: PlanContext,
    ref: ResourceRef,
    planCount: number | undefined,
): Promise<void> {
    if (!ctx.ledger.census.checkedOne(ref, planCount)) return;
    const regions = ctx.ledger.headroomRegions();
    // The live numbers were read by the checks already (the facts are cached per run).
    const figures = await Promise.all(
        regions.map(async (region) => {
            const [existing, quota] = await Promise.all([
                ctx.facts.customImageCount(region),
                ctx.facts.quota(region),
            ]);
            return { region, existing, quota };
        }),
    );
    for (const { region, existing, quota } of figures) {
        const line = ctx.ledger.headroomLine(region, existing, quota);
        if (line) ctx.log?.(`${PROGRESS_PREFIX} ${line}`);
    }
}
