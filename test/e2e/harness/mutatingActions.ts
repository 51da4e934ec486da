/**
 * The API actions that change something. "Zero mutating calls" (a preview, a refused plan) and the
 * benchmarks' mutating-call counts are judged against this one list.
 */
export const MUTATING_ACTIONS: ReadonlySet<string> = new Set([
    "CreateImage",
    "ImportImage",
    "DeleteImages",
    "ModifyImageAttribute",
    "ModifyImageSharePermission",
    "SyncImages",
    "ModifyResourceTags",
    "TagResources",
    "UnTagResources",
]);
