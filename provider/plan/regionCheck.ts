/** The plan checks' judgement of a region input: one that CVM offers (from the run's region list). */
import type { ResourceRef } from "../model/kinds";
import type { CheckFailure } from "./failures";
import type { PlanContext } from "./planContext";
import { regionFailures } from "./rules/region";
import { isUnknown } from "./unknown";

/** True when the region exists (adds its failures otherwise); false, without failures, when unknown. */
export async function regionOk(
    ctx: PlanContext,
    ref: ResourceRef,
    property: string,
    label: string,
    region: unknown,
    failures: CheckFailure[],
): Promise<boolean> {
    if (typeof region !== "string" || isUnknown(region)) return false;
    const problems = regionFailures(ref, property, label, region, await ctx.facts.regions());
    failures.push(...problems);
    return problems.length === 0;
}
