/**
 * The plan checks of the resources, one file each: defaults and shape (./shape.ts, from the
 * resources' property tables in ../model, through ./planContext.ts), then the live rules (./rules)
 * for the inputs that are known, then the stack-wide ledger (./ledger.ts). Rule violations are
 * returned as failures, all of one resource at once; only a failure to read a live fact throws (a
 * FactReadError of ./liveFacts.ts that says which fact and why).
 */
export type { PlanCheck, PlanCheckResult, PlanContext } from "./planContext";
export { planCheckCustomImage } from "./customImageCheck";
export { planCheckImageShare } from "./imageShareCheck";
export { planCheckImageCopy } from "./imageCopyCheck";
export { planCheckImageRetention } from "./retentionCheck";
