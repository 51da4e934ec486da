/**
 * Time as the backend sees it, injectable so that rate limiting, backoff and polling can be tested
 * with a fake clock instead of real sleeps.
 */

/** A source of time and of (abortable) sleeps. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
            if (signal?.aborted) {
                reject(abortReason(signal));
                return;
            }
            const onAbort = () => {
                clearTimeout(timer);
                reject(abortReason(signal!));
            };
            const timer = setTimeout(
                () => {
                    signal?.removeEventListener("abort", onAbort);
                    resolve();
                },
                Math.max(0, ms),
            );
            signal?.addEventListener("abort", onAbort, { once: true });
        }),
};

/** The error to reject with when a signal aborts. */
export function abortReason(signal: AbortSignal): Error {
    return signal.reason instanceof Error ? signal.reason : new Error("The operation was aborted");
}
