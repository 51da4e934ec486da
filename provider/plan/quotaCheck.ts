/**
 * The plan checks' quota step: a resource's region deltas go into the stack-wide ledger, and every
 * region the resource adds to is judged (the headroom is said once the plan's checks are over, ./headroom.ts).
 */
import type { ResourceRef } from "../model/kinds";
import type { CheckFailure } from "./failures";
import type { Contribution, RegionDelta } from "./ledger";
import type { PlanContext } from "./planContext";

/**
 * Records the resource's region deltas (with the rest of its contribution) and judges every region
 * it adds to; its additions (if any) are also judged against the `makeRoomFor` of every
 * ImageRetention checked before it.
 */
export async function judgeQuota(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    deltas: RegionDelta[],
    validRegions: ReadonlySet<string>,
    rest: Omit<Contribution, "regions"> = {},
): Promise<CheckFailure[]> {
    const counted = deltas.filter((d) => validRegions.has(d.region));
    ctx.ledger.record(ref, { ...rest, regions: counted });
    const judged = await Promise.all(
        counted
            .filter((d) => d.add > 0)
            .map(async (d) => {
                const [existing, quota] = await Promise.all([
                    ctx.facts.customImageCount(d.region),
                    ctx.facts.quota(d.region),
                ]);
                return ctx.ledger.judgeRegion(ref, property, d.region, existing, quota);
            }),
    );
    const room = ctx.ledger.judgeRoom(ref, property);
    return [...judged.filter((f): f is CheckFailure => f !== undefined), ...room];
}
