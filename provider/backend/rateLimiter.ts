/**
 * Client-side rate limiting, as a layer in front of the transport: one token bucket per action, at
 * the documented default limits, so bursts (a big stack, many waiters) queue here instead of being
 * answered with RequestLimitExceeded.
 */
import { abortReason, Clock, systemClock } from "./clock";

/** Documented per-action limits (requests per second); everything else gets the default. */
export const DEFAULT_ACTION_RATE_LIMITS: Readonly<Record<string, number>> = {
    DescribeImages: 40,
    DescribeRegions: 20,
};

/** The documented default limit of an action: 10 requests per second. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 10;

export interface RateLimiterOptions {
    /** Per-action overrides of the limits (requests per second). */
    limits?: Record<string, number>;
    /** Limit of actions not in `limits`; default 10/s. */
    defaultPerSecond?: number;
    /** False: no limiting at all. Default true. */
    enabled?: boolean;
    clock?: Clock;
}

interface Bucket {
    ratePerMs: number;
    capacity: number;
    /** May go negative: a caller that takes a token it has to wait for reserves it, so waiters are FIFO. */
    tokens: number;
    updatedAt: number;
}

/** Token buckets keyed by action, sized so that no one-second window sees more than the limit. */
export class RateLimiter {
    private readonly buckets = new Map<string, Bucket>();
    private readonly limits: Record<string, number>;
    private readonly defaultPerSecond: number;
    private readonly enabled: boolean;
    private readonly clock: Clock;

    constructor(options: RateLimiterOptions = {}) {
        this.limits = { ...DEFAULT_ACTION_RATE_LIMITS, ...options.limits };
        this.defaultPerSecond = options.defaultPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND;
        this.enabled = options.enabled ?? true;
        this.clock = options.clock ?? systemClock;
        for (const [action, limit] of Object.entries(this.limits)) {
            if (!(limit > 0)) throw new Error(`Rate limit of ${action} must be positive, got ${limit}`);
        }
        if (!(this.defaultPerSecond > 0)) throw new Error(`Default rate limit must be positive`);
    }

    /** The limit (requests per second) that applies to an action. */
    limitOf(action: string): number {
        return this.limits[action] ?? this.defaultPerSecond;
    }

    /** Waits until the action may be sent. `key` defaults to the action (limits are per action). */
    async acquire(action: string, signal?: AbortSignal, key: string = action): Promise<void> {
        if (!this.enabled) return;
        if (signal?.aborted) throw abortReason(signal);
        const waitMs = this.reserve(action, key);
        if (waitMs > 0) await this.clock.sleep(waitMs, signal);
    }

    /** Takes a token now and returns how long to wait until it is really available. */
    private reserve(action: string, key: string): number {
        const now = this.clock.now();
        let bucket = this.buckets.get(key);
        if (!bucket) {
            // The service counts requests in any one-second window (a sliding window), and a bucket
            // lets through its capacity plus one second of refill in such a window: so capacity +
            // rate must not exceed the limit. A bucket the size of the limit let twice the limit
            // through and was throttled under load; one token of burst keeps ~90% of the rate.
            const perSecond = this.limitOf(action);
            const capacity = perSecond >= 2 ? 1 : perSecond / 2;
            const rate = perSecond - capacity;
            bucket = { ratePerMs: rate / 1000, capacity, tokens: capacity, updatedAt: now };
            this.buckets.set(key, bucket);
        }
        const elapsed = Math.max(0, now - bucket.updatedAt);
        bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsed * bucket.ratePerMs);
        bucket.updatedAt = now;
        bucket.tokens -= 1;
        return bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / bucket.ratePerMs);
    }
}
