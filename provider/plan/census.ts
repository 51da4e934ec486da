/**
 * When the checks of a plan are over. The engine calls `check` once per resource but never says that
 * the last one came, so each resource carries the hidden input `__planCount` (set by the resource
 * classes, ../resources/programCensus.ts): how many resources of this package its program had
 * constructed when the program's synchronous body (or the apply that made it) was done. The plan is
 * complete when as many distinct resources have been checked as the largest count seen; a resource
 * the program makes later (inside an apply) brings a larger count, and the plan is complete again
 * once it is checked too. A check without the count (a direct call; the engine's check of read inputs
 * in `pulumi import`) finds the plan complete at once, as if each check were the last.
 */
import type { ResourceRef } from "../model/kinds";
import { PLAN_COUNT_KEY } from "../model/property";

/** The count a check's inputs carry, when it is a whole number ≥ 1. */
export function planCountOf(news: Record<string, unknown>): number | undefined {
    const count = news[PLAN_COUNT_KEY];
    return typeof count === "number" && Number.isInteger(count) && count >= 1 ? count : undefined;
}

/** The inputs without the hidden count (it must never reach the checked inputs, the diff or the state). */
export function withoutPlanCount(news: Record<string, unknown>): Record<string, unknown> {
    if (!(PLAN_COUNT_KEY in news)) return news;
    const { [PLAN_COUNT_KEY]: _count, ...rest } = news;
    return rest;
}

/** The census of one engine run: the distinct resources checked, against the largest count seen. */
export class PlanCensus {
    private readonly checked = new Set<string>();
    private expected = 0;

    /** Notes that a resource's check is done; true when the plan is complete with it. */
    checkedOne(ref: ResourceRef, planCount: number | undefined): boolean {
        this.checked.add(`${ref.kind}\u0000${ref.name ?? ""}`);
        if (planCount !== undefined) this.expected = Math.max(this.expected, planCount);
        return this.checked.size >= this.expected;
    }
}
