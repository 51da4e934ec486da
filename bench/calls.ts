/** API calls of one phase, from the emulator's call log. */
import type { CallRecord } from "../emulator/callLog";
import { MUTATING_ACTIONS } from "../test/e2e/harness/mutatingActions";

/** The calls of a phase, counted. */
export interface CallSummary {
    total: number;
    /** Calls per action (`service.Action` for tag and cbs, `Action` for cvm), most first. */
    byAction: Record<string, number>;
    /** Calls refused with RequestLimitExceeded (the goal is zero). */
    throttled: number;
    /** The throttled calls by action. */
    throttledByAction: Record<string, number>;
    /** Calls answered with any other error, by code. */
    errors: Record<string, number>;
    /** Mutating calls (CreateImage, ImportImage, DeleteImages, ModifyImageAttribute, ModifyImageSharePermission, SyncImages, ModifyResourceTags). */
    mutating: number;
}

/** Counts the call log of a phase. */
export function summarizeCalls(records: CallRecord[]): CallSummary {
    const byAction = new Map<string, number>();
    const errors: Record<string, number> = {};
    let throttled = 0;
    const throttledByAction: Record<string, number> = {};
    let mutating = 0;
    for (const r of records) {
        const action = r.action ?? "(none)";
        const key = r.service && r.service !== "cvm" ? `${r.service}.${action}` : action;
        byAction.set(key, (byAction.get(key) ?? 0) + 1);
        if (MUTATING_ACTIONS.has(action)) mutating++;
        if (r.code === "RequestLimitExceeded") {
            throttled++;
            throttledByAction[key] = (throttledByAction[key] ?? 0) + 1;
        } else if (r.outcome !== "ok") {
            const code = r.code ?? r.outcome;
            errors[code] = (errors[code] ?? 0) + 1;
        }
    }
    return {
        total: records.length,
        byAction: Object.fromEntries([...byAction].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
        throttled,
        throttledByAction,
        errors,
        mutating,
    };
}
