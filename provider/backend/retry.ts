/**
 * Retry as a layer around one API call: exponential backoff with full jitter, bounded attempts
 * (a larger bound for throttling), and the classification of errors.ts deciding what may be resent
 * (throttling always; transient failures only for idempotent calls). Each attempt is a fresh call, so it is re-signed with a
 * fresh timestamp by the caller's `attempt` function.
 */
import { Clock, systemClock } from "./clock";
import { isRetryable, isThrottlingCode, TencentCloudApiError } from "./errors";

export interface RetryPolicy {
    /** Attempts that may fail with a retryable non-throttling error, the first included; 1 disables retries. Default 5. */
    maxAttempts: number;
    /** Cap of the first backoff window; doubles each retry. Default 500 ms. */
    baseDelayMs: number;
    /** Largest backoff window. Default 10 s. */
    maxDelayMs: number;
    /**
     * Attempts that may be throttled, counted apart from other failures. Default 12 (about 40 s of backoff): the
     * rate limit is per account, so concurrent pipelines of one account throttle each other for
     * longer than a transient fault lasts, and a throttled request was not acted on, so resending is
     * always safe.
     */
    maxThrottledAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 10_000,
    maxThrottledAttempts: 12,
};

/** Full jitter: a uniformly random delay in [0, min(max, base·2^(retry-1))). `retry` starts at 1. */
export function backoffDelayMs(
    retry: number,
    policy: RetryPolicy,
    random: () => number = Math.random,
): number {
    const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(random() * window);
}

export interface RetryOptions {
    idempotent: boolean;
    policy?: Partial<RetryPolicy>;
    clock?: Clock;
    random?: () => number;
    signal?: AbortSignal;
    /** Called before each wait, e.g. for logging. */
    onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Runs `attempt(1)`, then retries retryable failures up to the policy's bound. */
export async function withRetry<T>(
    attempt: (attemptNumber: number) => Promise<T>,
    options: RetryOptions,
): Promise<T> {
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    const clock = options.clock ?? systemClock;
    // Throttling and other failures are counted apart: waiting out a rate limit must not use up
    // the attempts a transient fault gets (and the other way round).
    let throttles = 0;
    let failures = 0;
    for (let n = 1; ; n++) {
        try {
            return await attempt(n);
        } catch (error) {
            const throttled = error instanceof TencentCloudApiError && isThrottlingCode(error.code);
            if (throttled) throttles++;
            else failures++;
            if (throttled ? throttles >= policy.maxThrottledAttempts : failures >= policy.maxAttempts) {
                throw error;
            }
            if (options.signal?.aborted) throw error;
            if (!isRetryable(error, { idempotent: options.idempotent })) throw error;
            const delayMs = backoffDelayMs(n, policy, options.random);
            options.onRetry?.({ attempt: n, delayMs, error });
            await clock.sleep(delayMs, options.signal);
        }
    }
}
