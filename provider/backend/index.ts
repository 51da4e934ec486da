/**
 * Building the Tencent Cloud image backend from resolved settings: the client (signer, retry, rate
 * limiter) under the TencentCloudBackend. The pieces live in their own modules (./types, ./client,
 * ./errors, ./waiter, ...), imported from there; this module re-exports none of them.
 */
import { ProviderSettings } from "../config";
import { CallInfo, TencentCloudClient } from "./client";
import { Clock } from "./clock";
import { RateLimiter } from "./rateLimiter";
import { TencentCloudBackend } from "./tencentCloudBackend";
import { ImageBackend } from "./types";

let shared: RateLimiter | undefined;

/**
 * One limiter per process: limits are per account and action, and the provider may build many
 * backends (one per resource operation) that run concurrently.
 */
export function sharedRateLimiter(): RateLimiter {
    shared ??= new RateLimiter();
    return shared;
}

/** Options of createImageBackend. */
export interface CreateImageBackendOptions {
    /** Observer of every API attempt (benchmarks count calls with it). */
    onCall?: (info: CallInfo) => void;
    /** False disables client-side rate limiting. Default true (documented per-action limits). */
    rateLimit?: boolean;
    /** Per-attempt HTTP timeout. Default 30 s. */
    timeoutMs?: number;
    /** Attempts per call including the first (throttling included). Default 5 (12 when throttled); 1 disables retries. */
    maxAttempts?: number;
    /** For tests: a fake clock (timestamps, backoff, rate limiting). */
    clock?: Clock;
}

/**
 * The Tencent Cloud image backend for resolved settings. Credentials are checked at the first API
 * call, not here, so a backend can be built before it is known whether any call is needed (e.g.
 * at preview with unknown inputs); a missing key then fails that call with requireCredentials'
 * "No Tencent Cloud credentials: …" message.
 */
export function createImageBackend(
    settings: ProviderSettings,
    options: CreateImageBackendOptions = {},
): ImageBackend {
    const clock = options.clock;
    const client = new TencentCloudClient({
        settings,
        timeoutMs: options.timeoutMs,
        rateLimiter:
            options.rateLimit === false ? false : clock ? new RateLimiter({ clock }) : sharedRateLimiter(),
        retry:
            options.maxAttempts !== undefined
                ? { maxAttempts: options.maxAttempts, maxThrottledAttempts: options.maxAttempts }
                : undefined,
        onCall: options.onCall,
        clock,
    });
    return new TencentCloudBackend(client, { clock });
}
