/**
 * Waits for images to reach a state (or to disappear) by polling DescribeImages, batched: every
 * image being waited on in one region is polled with one DescribeImages call per tick (the backend
 * splits beyond 100 IDs), however many resources are waiting at once. The polls go through the same
 * per-region coalescing as every other read by ID (./imageReads.ts), so a read asked for at the moment
 * of a poll joins that call.
 */
import { abortReason, Clock, systemClock } from "./clock";
import { BatchedImageReads } from "./imageReads";
import { DEFAULT_ACTION_RATE_LIMITS, RateLimiter } from "./rateLimiter";
import { Image, ImageBackend, ImageState } from "./types";

/**
 * The poll delays a waiter uses unless told otherwise. Real service latencies are minutes; a wait
 * ends on average half the longest delay after its image is ready, and the polls of one region are
 * one call for all of its waits, so 10 s (about 5 s late on a copy of minutes) costs a region no more
 * than one DescribeImages every 10 s.
 */
export const DEFAULT_POLL_DELAYS = { initialDelayMs: 2_000, maxDelayMs: 10_000 } as const;

/**
 * The most polls a waiter sends over all regions in any second: three quarters of DescribeImages'
 * documented 40/s. Polls and every other read by ID share that limit: kept below it (and sent as
 * background calls, which wait behind the reads a resource is waiting on), the polls of many regions
 * never hold up a resource's own read.
 */
export const DEFAULT_POLLS_PER_SECOND = DEFAULT_ACTION_RATE_LIMITS.DescribeImages * 0.75;

export interface ImageWaiterOptions {
    /** Delay before a wait's first poll, and the first of its own growing delays. Default 2 s. */
    initialDelayMs?: number;
    /** Longest delay between polls. Default 10 s. */
    maxDelayMs?: number;
    /** Growth of the delay after each poll. Default 1.5. */
    backoff?: number;
    /** The most polls over all regions in any second (the busiest regions take turns). Default 30. */
    pollsPerSecond?: number;
    /** An image never seen yet may be missing this many polls in a row before it counts as gone (new
     * images can briefly be absent from DescribeImages). Default 3. */
    missesBeforeGone?: number;
    /** Poll failures in a row that are tolerated (the client already retries reads). Default 3. */
    maxConsecutivePollFailures?: number;
    clock?: Clock;
    /** The coalesced reads to poll through (the process's one); default its own over the backend. */
    reads?: BatchedImageReads;
}

export interface WaitForStateOptions {
    /** Resolve when the image is in one of these states. */
    until: ImageState[];
    /** Fail when the image is in one of these; CREATEFAILED and IMPORTFAILED always fail (unless in `until`). */
    failOn?: ImageState[];
    timeoutMs: number;
    /** Called when the state or SyncPercent changes (and on the first sighting). */
    onProgress?: (image: Image) => void;
    signal?: AbortSignal;
}

export interface WaitForGoneOptions {
    timeoutMs: number;
    onProgress?: (image: Image) => void;
    signal?: AbortSignal;
}

/** Why a wait ended without success (an abort rejects with the signal's reason instead). */
export type ImageWaitFailure = "failed" | "timeout" | "gone" | "poll-error";

/** A wait that did not succeed; names the image, its region, its last state and how long it waited. */
export class ImageWaitError extends Error {
    constructor(
        message: string,
        readonly reason: ImageWaitFailure,
        readonly imageId: string,
        readonly region: string,
        readonly lastState: ImageState | undefined,
        readonly waitedMs: number,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        this.name = "ImageWaitError";
    }
}

/** `1h 2m 3s`, `2m 0s`, `12s`. */
export function formatDuration(ms: number): string {
    const total = Math.round(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0) return `${h}h ${m}m ${s}s`;
    if (m > 0) return `${m}m ${s}s`;
    return `${s}s`;
}

interface Waiter {
    imageId: string;
    kind: "state" | "gone";
    until: Set<ImageState>;
    failOn: Set<ImageState>;
    startedAt: number;
    deadline: number;
    onProgress?: (image: Image) => void;
    resolve: (image: Image | undefined) => void;
    reject: (error: Error) => void;
    last?: Image;
    lastReported?: string;
    misses: number;
    done: boolean;
    /** This wait's own delay before its next poll (grows by the backoff from the initial delay). */
    delayMs: number;
    /** When this wait wants its next poll (clock time). */
    dueAt: number;
}

/**
 * The waits of one region, polled together: when the first of them is due, all are polled (a young
 * wait at its quick pace, an old one along with it), and each then grows its own delay. A newcomer
 * does not reset the pace of the others.
 */
interface RegionPoller {
    waiters: Set<Waiter>;
    /** Wakes a sleeping poll loop so that it looks again at when to poll (a new waiter, or the last one left). */
    wake?: () => void;
}

const ALWAYS_FAIL: ImageState[] = ["CREATEFAILED", "IMPORTFAILED"];

/** Batched polling of image states, per region. */
export class ImageWaiter {
    private readonly pollers = new Map<string, RegionPoller>();
    private readonly initialDelayMs: number;
    private readonly maxDelayMs: number;
    private readonly backoff: number;
    private readonly missesBeforeGone: number;
    private readonly maxConsecutivePollFailures: number;
    private readonly clock: Clock;
    private readonly reads: BatchedImageReads;
    /** The polls' own pace, below the client's limit for DescribeImages (so a poll never waits there). */
    private readonly pollPace: RateLimiter;

    constructor(backend: ImageBackend, options: ImageWaiterOptions = {}) {
        this.initialDelayMs = options.initialDelayMs ?? DEFAULT_POLL_DELAYS.initialDelayMs;
        this.maxDelayMs = options.maxDelayMs ?? DEFAULT_POLL_DELAYS.maxDelayMs;
        this.backoff = options.backoff ?? 1.5;
        this.missesBeforeGone = options.missesBeforeGone ?? 3;
        this.maxConsecutivePollFailures = options.maxConsecutivePollFailures ?? 3;
        this.clock = options.clock ?? systemClock;
        this.reads = options.reads ?? new BatchedImageReads(backend);
        this.pollPace = new RateLimiter({
            clock: this.clock,
            defaultPerSecond: options.pollsPerSecond ?? DEFAULT_POLLS_PER_SECOND,
            // A pace of this process's own, not the service's count: no late arrival to allow for.
            arrivalSpreadMs: 0,
        });
    }

    /** Resolves with the image once it is in one of `until`; rejects on a failure state, timeout, or if it vanishes. */
    async waitForState(region: string, imageId: string, options: WaitForStateOptions): Promise<Image> {
        const failOn = new Set([
            ...(options.failOn ?? []),
            ...ALWAYS_FAIL.filter((s) => !options.until.includes(s)),
        ]);
        const image = await this.enqueue(region, imageId, "state", new Set(options.until), failOn, options);
        return image!;
    }

    /** Resolves once DescribeImages no longer returns the image (after a delete). */
    async waitForGone(region: string, imageId: string, options: WaitForGoneOptions): Promise<void> {
        await this.enqueue(region, imageId, "gone", new Set(), new Set(), options);
    }

    private enqueue(
        region: string,
        imageId: string,
        kind: Waiter["kind"],
        until: Set<ImageState>,
        failOn: Set<ImageState>,
        options: { timeoutMs: number; onProgress?: (image: Image) => void; signal?: AbortSignal },
    ): Promise<Image | undefined> {
        return new Promise<Image | undefined>((resolve, reject) => {
            const signal = options.signal;
            if (signal?.aborted) {
                reject(abortReason(signal));
                return;
            }
            const startedAt = this.clock.now();
            const waiter: Waiter = {
                imageId,
                kind,
                until,
                failOn,
                startedAt,
                deadline: startedAt + options.timeoutMs,
                onProgress: options.onProgress,
                resolve,
                reject,
                misses: 0,
                done: false,
                delayMs: this.initialDelayMs,
                dueAt: startedAt + this.initialDelayMs,
            };
            const onAbort = () => {
                this.finish(region, waiter, () => reject(abortReason(signal!)));
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            // Detach the abort listener however the wait ends.
            waiter.resolve = (value) => {
                signal?.removeEventListener("abort", onAbort);
                resolve(value);
            };
            waiter.reject = (error) => {
                signal?.removeEventListener("abort", onAbort);
                reject(error);
            };

            let poller = this.pollers.get(region);
            if (!poller) {
                poller = { waiters: new Set() };
                this.pollers.set(region, poller);
                poller.waiters.add(waiter);
                void this.run(region, poller);
            } else {
                poller.waiters.add(waiter);
                // A newcomer (e.g. a fresh CreateImage) should not wait out a long-running copy's slow
                // cadence: the loop, asleep until a later poll, is woken to look at the newcomer's.
                poller.wake?.();
            }
        });
    }

    private finish(region: string, waiter: Waiter, settle: () => void): void {
        if (waiter.done) return;
        waiter.done = true;
        const poller = this.pollers.get(region);
        poller?.waiters.delete(waiter);
        settle();
        if (poller && poller.waiters.size === 0) poller.wake?.();
    }

    /** The poll loop of one region: runs while anyone waits there. */
    private async run(region: string, poller: RegionPoller): Promise<void> {
        let failures = 0;
        while (poller.waiters.size > 0) {
            await this.sleepUntilDue(poller);
            if (poller.waiters.size === 0) break;
            await this.pollPace.acquire("poll");
            if (poller.waiters.size === 0) break;

            const waiters = [...poller.waiters];
            const ids = [...new Set(waiters.map((w) => w.imageId))];
            let byId: Map<string, Image>;
            try {
                byId = await this.reads.images(region, ids, "background");
                failures = 0;
            } catch (error) {
                failures++;
                if (failures >= this.maxConsecutivePollFailures) {
                    for (const w of waiters) this.failPoll(region, w, error);
                }
                this.expire(region, waiters);
                this.schedule(waiters);
                continue;
            }
            for (const w of waiters) this.check(region, w, byId.get(w.imageId));
            this.expire(region, waiters);
            this.schedule(waiters);
        }
        if (this.pollers.get(region) === poller) this.pollers.delete(region);
    }

    /** After a poll: each wait that goes on grows its own delay and is due that long from now. */
    private schedule(polled: Waiter[]): void {
        const now = this.clock.now();
        for (const w of polled) {
            w.delayMs = Math.min(this.maxDelayMs, w.delayMs * this.backoff);
            w.dueAt = now + w.delayMs;
        }
    }

    /**
     * Sleeps until the first wait of the region is due or the earliest deadline comes, whichever is
     * first. Woken early (a newcomer, or nobody waits any more), it looks again.
     */
    private async sleepUntilDue(poller: RegionPoller): Promise<void> {
        while (poller.waiters.size > 0) {
            const waiters = [...poller.waiters];
            const firstDue = Math.min(...waiters.map((w) => Math.min(w.dueAt, w.deadline)));
            const delay = firstDue - this.clock.now();
            if (delay <= 0) return;
            const wakeUp = new AbortController();
            poller.wake = () => wakeUp.abort();
            const slept = await this.clock.sleep(delay, wakeUp.signal).then(
                () => true,
                () => false,
            );
            poller.wake = undefined;
            if (slept) return;
        }
    }

    private check(region: string, w: Waiter, image: Image | undefined): void {
        if (w.done) return;
        const waited = () => this.clock.now() - w.startedAt;
        if (!image) {
            if (w.kind === "gone") {
                this.finish(region, w, () => w.resolve(undefined));
                return;
            }
            w.misses++;
            if (w.last || w.misses >= this.missesBeforeGone) {
                const before = w.last ? ` (it was ${w.last.imageState})` : "";
                const message =
                    `Image ${w.imageId} in ${region} disappeared while waiting for it to become ` +
                    `${[...w.until].join(" or ")}${before}; it was deleted, or its creation was rolled back. ` +
                    "Check the image in the console and run the operation again.";
                this.finish(region, w, () =>
                    w.reject(
                        new ImageWaitError(message, "gone", w.imageId, region, w.last?.imageState, waited()),
                    ),
                );
            }
            return;
        }
        w.last = image;
        const progress = `${image.imageState}/${image.syncPercent ?? ""}`;
        if (w.onProgress && progress !== w.lastReported) {
            w.lastReported = progress;
            try {
                w.onProgress(image);
            } catch {
                // A failing progress callback must not break the wait.
            }
        }
        if (w.kind === "state" && w.until.has(image.imageState)) {
            this.finish(region, w, () => w.resolve(image));
        } else if (w.kind === "state" && w.failOn.has(image.imageState)) {
            const message =
                `Image ${w.imageId} (${image.imageName}) in ${region} is ${image.imageState} after ` +
                `${formatDuration(waited())}; the service could not finish it. Delete the failed image and try again ` +
                "(check the source instance, snapshots or import URL).";
            this.finish(region, w, () =>
                w.reject(
                    new ImageWaitError(message, "failed", w.imageId, region, image.imageState, waited()),
                ),
            );
        }
    }

    private failPoll(region: string, w: Waiter, error: unknown): void {
        const detail = error instanceof Error ? error.message : String(error);
        const message = `Could not poll image ${w.imageId} in ${region}: ${detail}`;
        this.finish(region, w, () =>
            w.reject(
                new ImageWaitError(
                    message,
                    "poll-error",
                    w.imageId,
                    region,
                    w.last?.imageState,
                    this.clock.now() - w.startedAt,
                    {
                        cause: error,
                    },
                ),
            ),
        );
    }

    private expire(region: string, waiters: Waiter[]): void {
        const now = this.clock.now();
        for (const w of waiters) {
            if (w.done || now < w.deadline) continue;
            const waited = now - w.startedAt;
            const target = w.kind === "gone" ? "be deleted" : `become ${[...w.until].join(" or ")}`;
            const state = w.last
                ? `it is still ${w.last.imageState}` +
                  (w.last.syncPercent !== null ? ` (SyncPercent ${w.last.syncPercent})` : "")
                : "it was not found yet";
            const message =
                `Timed out after ${formatDuration(waited)} waiting for image ${w.imageId} in ${region} to ${target}; ` +
                `${state}. Raise timeoutMinutes or check the image in the console.`;
            this.finish(region, w, () =>
                w.reject(
                    new ImageWaitError(message, "timeout", w.imageId, region, w.last?.imageState, waited),
                ),
            );
        }
    }
}
