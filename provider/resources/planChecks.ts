/**
 * `check` of the resources: the plan checks of ../plan (schemas, live facts cached per engine
 * run, rules, the stack-wide ledger), given the context of this process.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as plan from "../plan/check";
import { isUnknown } from "../plan/unknown";
import { processContext } from "../processContext";
import { diffCustomImage } from "./diffs";
import { markerTags, RESOURCE_NAME_TAG } from "../markers";
import { describeResource } from "../model/kinds";

type Inputs = Record<string, unknown>;

/** The plan context of this process: the shared backend, the settings, and the per-run facts and ledger. */
function currentPlanContext(): plan.PlanContext {
    return processContext();
}

/** Runs a plan check; the hidden `__logicalName` is kept in the checked inputs whatever the check returns. */
async function runCheck(
    check: (olds: Inputs, news: Inputs, ctx: plan.PlanContext) => Promise<pulumi.dynamic.CheckResult>,
    olds: Inputs,
    news: Inputs,
    ctx: plan.PlanContext = currentPlanContext(),
): Promise<pulumi.dynamic.CheckResult> {
    const result = await check(olds, news, ctx);
    const inputs = result.inputs as Inputs | undefined;
    if (inputs && inputs.__logicalName === undefined && news.__logicalName !== undefined) {
        return { ...result, inputs: { ...inputs, __logicalName: news.__logicalName } };
    }
    return result;
}

/** The checked inputs of a check that passed. */
function passedInputs(result: pulumi.dynamic.CheckResult): Inputs | undefined {
    return (result.failures?.length ?? 0) > 0 ? undefined : (result.inputs as Inputs | undefined);
}

/**
 * check of CustomImage. It also carries the image ID of an image that stays (no replacement) into
 * the checked inputs: in a preview the engine shows an updated dynamic resource's outputs as its
 * checked inputs, so without this a rename would make `imageId` unknown and every ImageCopy and
 * ImageShare that uses it would preview as a replacement that `up` then does not do.
 */
export async function providerCheckCustomImage(
    olds: Inputs,
    news: Inputs,
): Promise<pulumi.dynamic.CheckResult> {
    const result = await runCheck(plan.planCheckCustomImage, olds, news);
    const inputs = passedInputs(result);
    if (!inputs || Object.keys(olds).length === 0) return result;
    if ((diffCustomImage(olds, inputs).replaces?.length ?? 0) > 0) return result;
    const imageId = await stayingImageId(inputs);
    return imageId ? { ...result, inputs: { ...inputs, imageId } } : result;
}

/** The ID of the image this CustomImage made or adopted (found by its marker tag), when there is exactly one. */
async function stayingImageId(inputs: Inputs): Promise<string | undefined> {
    const { region, __logicalName: name } = inputs;
    if (typeof region !== "string" || isUnknown(region) || typeof name !== "string") return undefined;
    const marker = markerTags(name)[RESOURCE_NAME_TAG];
    const marked = await currentPlanContext().facts.ownImagesTagged(region, RESOURCE_NAME_TAG, marker);
    return marked.length === 1 ? marked[0].imageId : undefined;
}

/**
 * check of ImageShare. A new share of a known image is announced to the image's turns: the engine
 * checks it as soon as its image is made, but starts it only when one of its slots is free, and a copy
 * of the image that starts before it lets it go first (./waits.ts).
 */
export async function providerCheckImageShare(
    olds: Inputs,
    news: Inputs,
): Promise<pulumi.dynamic.CheckResult> {
    const ctx = processContext();
    const result = await runCheck(plan.planCheckImageShare, olds, news, ctx);
    const { region, imageId, __logicalName: name } = passedInputs(result) ?? {};
    const known = (value: unknown): value is string => typeof value === "string" && !isUnknown(value);
    if (Object.keys(olds).length === 0 && known(region) && known(imageId) && typeof name === "string") {
        ctx.turns.announceQuick(region, imageId, describeResource({ kind: "ImageShare", name }));
    }
    return result;
}

/** check of ImageCopy. */
export const providerCheckImageCopy = (olds: Inputs, news: Inputs) =>
    runCheck(plan.planCheckImageCopy, olds, news);
/** check of ImageRetention. */
export const providerCheckImageRetention = (olds: Inputs, news: Inputs) =>
    runCheck(plan.planCheckImageRetention, olds, news);
