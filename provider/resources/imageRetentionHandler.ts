/**
 * The operations of ImageRetention. It owns no cloud object: `create` and `update` apply the policy
 * to the images that exist then, `delete` only stops applying it, `read` changes nothing.
 *
 * Applying plans again against fresh reads (the images, the instances, the shares of this moment, and
 * the stack's images as the ledger of this run knows them) and acts only on the images that are in
 * both that plan and the checked one (`pendingImageIds`), so an `up` never does more than its check
 * showed and never touches an image that became protected meanwhile. Deletes are waited on; an image
 * that vanished meanwhile counts as done.
 */
import { isNotFoundError } from "../backend/errors";
import {
    imageRetentionDeclaration,
    type ImageRetentionInputs,
    type ImageRetentionOutputs,
} from "../model/imageRetention";
import { pickInputs } from "../model/property";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";
import { retentionEntries, type RetentionSources } from "../plan/retentionCheck";
import { actions, planLines, type RetentionActEntry, type RetentionEntry } from "../plan/retentionPlan";
import { instancesByImage } from "../plan/liveFacts";
import { providerCheckImageRetention } from "./planChecks";
import { diffImageRetention } from "./diffs";
import { operationError } from "./errors";
import { messageOf } from "./copies";
import { deleteImageAndWait } from "./deletion";
import { defineResource, type OperationContext, type ReadOutcome } from "./lifecycle";

/** Fresh reads for the apply-time plan. */
function liveSources(op: OperationContext): RetentionSources {
    const { backend } = op.ctx;
    return {
        images: (region) => backend.listImages(region, { imageTypes: ["PRIVATE_IMAGE"] }),
        imagesInUse: async (region) => instancesByImage(await backend.listInstances(region)),
        sharedWith: async (region, imageId) =>
            (await backend.describeSharePermission(region, imageId)).map((p) => p.accountId),
    };
}

/** Carries out one entry (an image that is gone counts as done). */
async function act(
    op: OperationContext,
    inputs: ImageRetentionInputs,
    entry: RetentionActEntry,
): Promise<void> {
    const { backend } = op.ctx;
    const { region } = entry;
    try {
        if (entry.decision === "deprecate") {
            await backend.modifyImageAttribute(region, entry.imageId, { imageDeprecated: true });
            op.say(`deprecated ${entry.imageId} "${entry.imageName}" in ${region}: ${entry.reason}`);
            return;
        }
        if (entry.unshare && entry.unshare.length > 0) {
            await backend.modifySharePermission(region, entry.imageId, entry.unshare, "CANCEL");
        }
        await deleteImageAndWait(op, region, entry.imageId, {
            deleteSnapshots: inputs.deleteSnapshots === true,
            timeoutMinutes: DEFAULT_TIMEOUT_MINUTES.delete,
        });
        op.say(`deleted ${entry.imageId} "${entry.imageName}" in ${region}: ${entry.reason}`);
    } catch (error) {
        if (isNotFoundError(error)) return;
        throw error;
    }
}

/** The regions the check found the policy to apply in (its own region when they are not known). */
function regionsOf(inputs: ImageRetentionInputs): string[] {
    const checked = (inputs as Partial<ImageRetentionOutputs>).regions;
    const list = Array.isArray(checked) ? checked.filter((r): r is string => typeof r === "string") : [];
    return list.length > 0 ? list : [inputs.region];
}

/** The policy's plan against fresh reads. */
function plan(inputs: ImageRetentionInputs, op: OperationContext): Promise<RetentionEntry[]> {
    return retentionEntries(regionsOf(inputs), {
        policy: inputs,
        sources: liveSources(op),
        ledger: op.ctx.ledger,
        ref: op.ref,
        now: op.ctx.now(),
    });
}

/** Applies the policy now; returns the outputs (what it did). */
async function apply(inputs: ImageRetentionInputs, op: OperationContext): Promise<ImageRetentionOutputs> {
    const checked = (inputs as Partial<ImageRetentionOutputs>).pendingImageIds;
    const pending = new Set(Array.isArray(checked) ? checked : []);
    const entries = await plan(inputs, op);
    const todo = actions(entries).filter((e) => pending.has(e.imageId));
    const outcomes = await Promise.allSettled(todo.map((entry) => act(op, inputs, entry)));
    const failed = outcomes
        .map((outcome, i) => ({ outcome, entry: todo[i] }))
        .filter(
            (x): x is { outcome: PromiseRejectedResult; entry: RetentionActEntry } =>
                x.outcome.status === "rejected",
        )
        .map(({ outcome, entry }) => `${entry.decision} ${entry.imageId}: ${messageOf(outcome.reason)}`);
    if (failed.length > 0) {
        throw operationError(
            op.ref,
            op.op,
            `${failed.length} of ${todo.length} images could not be handled in ${regionsOf(inputs).join(", ")}: ${failed.join("; ")}`,
            "fix the cause and run `pulumi up` again: the retention is applied anew to what exists then",
        );
    }
    const done = (decision: string) => todo.filter((e) => e.decision === decision).map((e) => e.imageId);
    // The stored plan is the one that holds after this apply, so that the next check, if nothing
    // changed meanwhile, finds the same plan and reports no change.
    const after = todo.length > 0 ? await plan(inputs, op) : entries;
    return {
        ...inputs,
        plan: planLines(after, inputs.allFamilyRegions === true),
        regions: regionsOf(inputs),
        pendingImageIds: [],
        deletedImageIds: done("delete"),
        deprecatedImageIds: done("deprecate"),
    };
}

async function create(
    inputs: ImageRetentionInputs,
    op: OperationContext,
): Promise<{ id: string; outs: ImageRetentionOutputs }> {
    return { id: `${inputs.region}:${inputs.__logicalName}`, outs: await apply(inputs, op) };
}

function read(id: string, props: ImageRetentionOutputs): Promise<ReadOutcome<ImageRetentionOutputs>> {
    return Promise.resolve({ id, props, inputs: pickInputs(imageRetentionDeclaration, props) });
}

async function update(
    _id: string,
    _olds: ImageRetentionOutputs,
    news: ImageRetentionInputs,
    op: OperationContext,
): Promise<ImageRetentionOutputs> {
    return apply(news, op);
}

/** Removing the policy deletes nothing: it only stops being applied. */
async function remove(): Promise<void> {}

/** The handlers of ImageRetention. */
export const imageRetention = defineResource<ImageRetentionInputs, ImageRetentionOutputs>({
    kind: imageRetentionDeclaration.kind,
    check: providerCheckImageRetention,
    diff: diffImageRetention,
    create,
    read,
    update,
    delete: remove,
});
