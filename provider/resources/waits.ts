/**
 * Waiting on images with progress lines: thin wrappers over the batched ImageWaiter that print what
 * is waited on, its state and SyncPercent (throttled), and the outcome.
 */
import { formatDuration, ImageWaitError } from "../backend/waiter";
import { Image, ImageState } from "../backend/types";
import { OperationContext } from "./lifecycle";
import { describeImage, minutes } from "./images";
import { ProgressObservation } from "./progress";

/** How often a heartbeat line is offered while nothing changes (the reporter throttles). */
export const HEARTBEAT_MS = 10_000;

/**
 * Feeds a reporter with each observation and, while the wait lasts, repeats the last one every
 * {@link HEARTBEAT_MS} so a long wait without changes still shows it is alive.
 */
async function withHeartbeat<T>(
    report: (observation: ProgressObservation) => void,
    wait: (observe: (observation: ProgressObservation) => void) => Promise<T>,
): Promise<T> {
    let last: ProgressObservation | undefined;
    const timer = setInterval(() => last && report(last), HEARTBEAT_MS);
    timer.unref();
    try {
        return await wait((observation) => {
            last = observation;
            report(observation);
        });
    } finally {
        clearInterval(timer);
    }
}

/** Waits until the image is NORMAL (fails fast on CREATEFAILED / IMPORTFAILED), printing progress. */
export async function waitUntilNormal(
    op: OperationContext,
    region: string,
    imageId: string,
    timeoutMinutes: number,
): Promise<Image> {
    const report = op.progress(`${imageId} in ${region}`, "NORMAL");
    const image = await withHeartbeat(report, (observe) =>
        op.ctx.waiter.waitForState(region, imageId, {
            until: ["NORMAL"],
            failOn: ["CREATEFAILED", "IMPORTFAILED"],
            timeoutMs: minutes(timeoutMinutes),
            onProgress: (seen) => observe({ state: seen.imageState, percent: seen.syncPercent }),
        }),
    );
    report({ state: image.imageState, percent: image.syncPercent });
    return image;
}

/** Waits until the image no longer exists, printing progress. */
export async function waitUntilGone(
    op: OperationContext,
    region: string,
    imageId: string,
    timeoutMinutes: number,
): Promise<void> {
    const report = op.progress(`${imageId} in ${region}`, "GONE");
    await withHeartbeat(report, (observe) =>
        op.ctx.waiter.waitForGone(region, imageId, {
            timeoutMs: minutes(timeoutMinutes),
            onProgress: (seen) => observe({ state: seen.imageState, percent: seen.syncPercent }),
        }),
    );
    report({ state: "GONE" });
}

/** The state an image reached before a wait failed, if the waiter saw it. */
export function lastStateOf(error: unknown): ImageState | undefined {
    return error instanceof ImageWaitError ? error.lastState : undefined;
}

/** True when the image ended in a failure state (CREATEFAILED / IMPORTFAILED). */
export function endedInFailure(error: unknown): boolean {
    return error instanceof ImageWaitError && error.reason === "failed";
}

/** True when the image vanished while being waited on. */
export function vanished(error: unknown): boolean {
    return error instanceof ImageWaitError && error.reason === "gone";
}

/**
 * What went wrong in a failed wait, as a phrase without advice (callers add their own, since they
 * know what was done about it): `img-1 in ap-guangzhou ended CREATEFAILED after 4m 2s`.
 */
export function describeWaitFailure(error: unknown): string {
    if (!(error instanceof ImageWaitError)) return error instanceof Error ? error.message : String(error);
    const what = `${error.imageId} in ${error.region}`;
    const after = formatDuration(error.waitedMs);
    switch (error.reason) {
        case "failed":
            return `${what} ended ${error.lastState ?? "failed"} after ${after}: the service could not finish it`;
        case "timeout":
            return `${what} is still ${error.lastState ?? "not visible"} after ${after} (the timeout)`;
        case "gone":
            return `${what} disappeared while being waited on (deleted, or its creation was rolled back)`;
        default:
            return error.message;
    }
}

/**
 * Codes by which the service refuses an operation because the image is busy (still CREATING, or
 * SYNCING while it is being copied). The operation was not carried out, so it is safe to send again.
 */
const BUSY_CODES = new Set([
    "InvalidImageId.IncorrectState",
    "InvalidParameterValue.InvalidImageState",
    "FailedOperation.InvalidImageState",
    "MutexOperation.TaskRunning",
]);

/** States that end in NORMAL, and in which an image refuses to be shared, copied or renamed. */
const BUSY_STATES = new Set<ImageState>(["CREATING", "IMPORTING", "SYNCING"]);

/** How often an operation refused as busy is tried again (each after waiting for NORMAL). */
export const BUSY_RETRIES = 5;

/**
 * Runs an operation that a busy image refuses (share, copy, rename) when the image is NORMAL.
 * Sharing, copying or renaming an image while another resource copies it is an ordinary moment in one
 * `pulumi up`, so it is planned for rather than bounced off the service: the operations of one image
 * take turns in this process, and each reads the image's state (one read by ID, coalesced with the
 * region's others) and, when it is busy, waits on the batched waiter until it is NORMAL before
 * sending. An image made busy outside this process can still refuse: then it waits the same way and
 * sends again. `lookFirst: false` skips the turn and the read, for calls that seldom meet a busy
 * image (cancelling shares, mostly at destroy, when nothing is being copied), where a read before
 * every send would cost more than the rare refusal. `makesBusy`: the action itself makes the image busy
 * for long (SyncImages): it gives its turn up to the quick ones waiting, and once to those announced
 * (an ImageShare the engine checked but has not started, as its slots are full): it keeps its slot
 * until they ask, while some other operation works (its end is what lets the engine start them).
 */
export async function whenImageIdle<T>(
    op: OperationContext,
    region: string,
    imageId: string,
    timeoutMinutes: number,
    action: () => Promise<T>,
    { lookFirst = true, makesBusy = false }: { lookFirst?: boolean; makesBusy?: boolean } = {},
): Promise<T> {
    const what = `${imageId} in ${region}`;
    const untilNormal = () => waitUntilNormal(op, region, imageId, timeoutMinutes);
    if (!lookFirst) return retriedWhileBusy(op, what, action, untilNormal);
    const { turns, slots } = op.ctx;
    let heldForAnnounced = false;
    for (;;) {
        const outcome = await turns.take(
            region,
            imageId,
            async (): Promise<{ sent: T } | "gave way" | "announced"> => {
                const image = await describeImage(op.ctx.reads, region, imageId);
                if (image && BUSY_STATES.has(image.imageState)) {
                    op.say(`${what} is ${image.imageState}; waiting until it is NORMAL`);
                    await untilNormal();
                }
                // A copy lets the shares and renames that came while it looked go first (they take
                // one call; after the copy they would wait for all of it), then queues again.
                if (makesBusy && turns.quickWaiting(region, imageId)) return "gave way";
                if (makesBusy && !heldForAnnounced && turns.quickAnnounced(region, imageId).length > 0) {
                    return "announced";
                }
                return { sent: await retriedWhileBusy(op, what, action, untilNormal) };
            },
            { quick: !makesBusy, name: makesBusy ? undefined : op.label },
        );
        if (outcome === "announced") {
            heldForAnnounced = true;
            const coming = () => turns.quickAnnounced(region, imageId);
            await slots.holdWhile(
                () => coming().length > 0,
                () =>
                    op.say(
                        `letting ${coming().join(", ")} go first on ${what} (after the copy, a share waits for all of it)`,
                    ),
            );
        } else if (outcome !== "gave way") return outcome.sent;
    }
}

/** Sends; when the service refuses because the image is busy, waits until it is NORMAL and sends again. */
async function retriedWhileBusy<T>(
    op: OperationContext,
    what: string,
    action: () => Promise<T>,
    untilNormal: () => Promise<unknown>,
): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await action();
        } catch (error) {
            const code = (error as { code?: unknown }).code;
            if (typeof code !== "string" || !BUSY_CODES.has(code) || attempt > BUSY_RETRIES) throw error;
            op.say(`${what} is busy (${code}); waiting until it is NORMAL to try again`);
            await untilNormal();
        }
    }
}
