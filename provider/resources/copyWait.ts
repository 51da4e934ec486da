/**
 * Waiting on an ImageCopy's copies until each is NORMAL (failed copies are deleted and dropped), and
 * the error that keeps what exists when not every copy made it (id + properties: partial state).
 */
import type { ImageCopyInputs, ImageCopyOutputs } from "../model/imageCopy";
import { operationError, ResourceOperationError } from "./errors";
import type { OperationContext } from "./lifecycle";
import { describeImage } from "./images";
import { describeWaitFailure, endedInFailure, waitUntilNormal } from "./waits";
import { Copies, copyOutputs, copyTimeout, dropCopy, messageOf } from "./copies";
import { startCopies } from "./copyStart";
import { carryFamily } from "./copyFamily";

/**
 * Waits until every tracked copy that is not NORMAL is; failed copies are deleted and dropped.
 * Returns one line per copy that did not make it.
 */
async function waitForCopies(
    op: OperationContext,
    inputs: ImageCopyInputs,
    copies: Copies,
): Promise<string[]> {
    const timeout = copyTimeout(inputs);
    const pending = Object.entries(copies.images).filter(
        ([region]) => copies.imageStates[region] !== "NORMAL",
    );
    const results = await Promise.allSettled(
        pending.map(([region, imageId]) => waitUntilNormal(op, region, imageId, timeout)),
    );
    const problems: string[] = [];
    await Promise.all(
        results.map(async (result, i) => {
            const [region, imageId] = pending[i];
            if (result.status === "fulfilled") {
                copies.imageStates[region] = result.value.imageState;
                return;
            }
            const what = describeWaitFailure(result.reason);
            const live = await describeImage(op.ctx.reads, region, imageId).catch(() => undefined);
            if (live && endedInFailure(result.reason)) {
                const deleted = await op.ctx.backend
                    .deleteImages(region, [imageId], { deleteSnapshots: false })
                    .then(() => true)
                    .catch(() => false);
                problems.push(`${region}: ${what}${deleted ? "; the failed copy was deleted" : ""}`);
                if (deleted) {
                    dropCopy(copies, region);
                    return;
                }
            } else problems.push(`${region}: ${what}`);
            if (live) copies.imageStates[region] = live.imageState;
            else dropCopy(copies, region);
        }),
    );
    return problems;
}

/** An error that keeps the copies made so far (when there are any). */
export function partialCopyError(
    op: OperationContext,
    id: string,
    inputs: ImageCopyInputs,
    copies: Copies,
    error: unknown,
): ResourceOperationError {
    const worded =
        error instanceof ResourceOperationError
            ? error
            : operationError(
                  op.ref,
                  op.op,
                  messageOf(error),
                  "fix the cause and run `pulumi up` again",
                  error,
              );
    if (op.op === "create" && Object.keys(copies.images).length === 0) return worded;
    return worded.withPartialState(id, copyOutputs(inputs, copies));
}

/** What new copies are named and tagged (looked up only when there are new copies), and the family copies join. */
export interface NewCopies {
    name(): Promise<string>;
    tags(): Promise<Record<string, string> | undefined>;
    /** The source image's family (undefined: in none, or the source is gone). */
    family(): Promise<string | undefined>;
}

/** Copies to `regions` and waits; throws with the partial state when any region did not make it. */
export async function copyAndWait(
    op: OperationContext,
    id: string,
    inputs: ImageCopyInputs,
    regions: string[],
    copies: Copies,
    newCopies: NewCopies,
): Promise<ImageCopyOutputs> {
    const problems: string[] = [];
    try {
        if (regions.length > 0) {
            const started = await startCopies(
                op,
                inputs,
                regions,
                await newCopies.name(),
                await newCopies.tags(),
                copies,
            );
            for (const region of started.missing) {
                problems.push(`${region}: SyncImages did not confirm a copy and none appeared there`);
            }
            problems.push(...started.problems);
        }
        problems.push(...(await waitForCopies(op, inputs, copies)));
        problems.push(...(await carryFamily(op, copies, await newCopies.family(), copyTimeout(inputs))));
    } catch (error) {
        throw partialCopyError(op, id, inputs, copies, error);
    }
    if (problems.length > 0) {
        throw operationError(
            op.ref,
            op.op,
            `not every copy is ready: ${problems.join("; ")}`,
            "the copies that exist are kept in the state; run `pulumi up` again to finish the rest (raise timeoutMinutes for big images)",
        ).withPartialState(id, copyOutputs(inputs, copies));
    }
    return copyOutputs(inputs, copies);
}
