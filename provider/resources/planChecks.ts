/**
 * `check` of the three resources: the plan checks of ../plan (schemas, live facts cached per engine
 * run, rules, the stack-wide ledger), given the context of this process.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as plan from "../plan/check";
import { getResourceContext } from "./context";

type Inputs = Record<string, unknown>;

/** The plan context of this process: the shared backend, the settings, and the per-run facts and ledger. */
export function planContext(): plan.PlanContext {
    const { backend, settings } = getResourceContext();
    return plan.planContext(settings, backend);
}

/** Runs a plan check; the hidden `__logicalName` is kept in the checked inputs whatever the check returns. */
async function runCheck(
    check: (olds: Inputs, news: Inputs, ctx: plan.PlanContext) => Promise<pulumi.dynamic.CheckResult>,
    olds: Inputs,
    news: Inputs,
): Promise<pulumi.dynamic.CheckResult> {
    const result = await check(olds, news, planContext());
    const inputs = result.inputs as Inputs | undefined;
    if (inputs && inputs.__logicalName === undefined && news.__logicalName !== undefined) {
        return { ...result, inputs: { ...inputs, __logicalName: news.__logicalName } };
    }
    return result;
}

/** check of CustomImage. */
export const checkCustomImage = (olds: Inputs, news: Inputs) => runCheck(plan.checkCustomImage, olds, news);
/** check of ImageShare. */
export const checkImageShare = (olds: Inputs, news: Inputs) => runCheck(plan.checkImageShare, olds, news);
/** check of ImageCopy. */
export const checkImageCopy = (olds: Inputs, news: Inputs) => runCheck(plan.checkImageCopy, olds, news);
