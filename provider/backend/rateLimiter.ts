/**
 * Client-side rate limiting, as a layer in front of the transport: one queue per action, paced below
 * the documented default limits, so bursts (a big stack, many waiters) wait here instead of being
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

/**
 * How far below a limit the limiter paces by default. The service counts requests when they arrive,
 * and requests sent evenly do not arrive evenly (the network, a busy event loop at either end); pacing
 * at the limit itself was throttled under load. See `pacedRateOf` for how the margin is applied.
 */
export const DEFAULT_RATE_MARGIN = 0.1;

export interface RateLimiterOptions {
    /** Per-action overrides of the limits (requests per second). */
    limits?: Record<string, number>;
    /** Limit of actions not in `limits`; default 10/s. */
    defaultPerSecond?: number;
    /** The share of each limit left unused (0 ≤ margin < 1). Default 0.1. */
    margin?: number;
    /** False: no limiting at all. Default true. */
    enabled?: boolean;
    clock?: Clock;
}

interface Pending {
    grant: () => void;
    signal?: AbortSignal;
}

interface Lane {
    /** The least time between two grants (ms). */
    intervalMs: number;
    /** When the last request was let through (clock time), if ever. */
    lastGrantAt?: number;
    /** Callers waiting their turn, first come first served. */
    queue: Pending[];
    /** True while a loop is granting this lane's queue. */
    pumping: boolean;
}

/**
 * Lanes keyed by action. Each lets requests through one at a time, at least `1 / pacedRateOf(action)`
 * seconds apart, measured when a request really goes (not when it was queued): a caller that
 * slept late (a stall of the event loop) goes late, and the ones behind it keep their distance, so no
 * one-second window ever sees more than the paced rate.
 */
export class RateLimiter {
    private readonly lanes = new Map<string, Lane>();
    private readonly limits: Record<string, number>;
    private readonly defaultPerSecond: number;
    private readonly margin: number;
    private readonly enabled: boolean;
    private readonly clock: Clock;

    constructor(options: RateLimiterOptions = {}) {
        this.limits = { ...DEFAULT_ACTION_RATE_LIMITS, ...options.limits };
        this.defaultPerSecond = options.defaultPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND;
        this.margin = options.margin ?? DEFAULT_RATE_MARGIN;
        this.enabled = options.enabled ?? true;
        this.clock = options.clock ?? systemClock;
        for (const [action, limit] of Object.entries(this.limits)) {
            if (!(limit > 0)) throw new Error(`Rate limit of ${action} must be positive, got ${limit}`);
        }
        if (!(this.defaultPerSecond > 0)) throw new Error(`Default rate limit must be positive`);
        if (!(this.margin >= 0 && this.margin < 1)) {
            throw new Error(`Rate margin must be at least 0 and below 1, got ${this.margin}`);
        }
    }

    /** The limit (requests per second) that applies to an action. */
    limitOf(action: string): number {
        return this.limits[action] ?? this.defaultPerSecond;
    }

    /**
     * The rate (requests per second) the limiter lets an action through at: the limit less the margin,
     * less one more request. Requests spaced 1/r s apart put r + 1 of them into one second (the first
     * and the last at its edges), so at `limit − 1` a second a window holds the limit only if every
     * request arrives exactly on time; one request and a tenth fewer leave a whole interval of slack
     * for the jitter of arrival (about 120 ms at 10/s). A limit below 2/s is paced at half of it.
     */
    pacedRateOf(action: string): number {
        const limit = this.limitOf(action);
        return Math.max(limit * (1 - this.margin) - 1, limit / 2);
    }

    /** Waits until the action may be sent. `key` defaults to the action (limits are per action). */
    acquire(action: string, signal?: AbortSignal, key: string = action): Promise<void> {
        if (!this.enabled) return Promise.resolve();
        if (signal?.aborted) return Promise.reject(abortReason(signal));
        let lane = this.lanes.get(key);
        if (!lane) {
            lane = { intervalMs: 1000 / this.pacedRateOf(action), queue: [], pumping: false };
            this.lanes.set(key, lane);
        }
        const current = lane;
        return new Promise<void>((resolve, reject) => {
            const pending: Pending = { grant: resolve, signal };
            const onAbort = () => {
                const at = current.queue.indexOf(pending);
                if (at >= 0) current.queue.splice(at, 1);
                reject(abortReason(signal!));
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            pending.grant = () => {
                signal?.removeEventListener("abort", onAbort);
                resolve();
            };
            current.queue.push(pending);
            if (!current.pumping) void this.pump(current);
        });
    }

    /** Lets the lane's callers through in order, each when its distance from the last one is kept. */
    private async pump(lane: Lane): Promise<void> {
        lane.pumping = true;
        try {
            while (lane.queue.length > 0) {
                const now = this.clock.now();
                const dueAt = lane.lastGrantAt === undefined ? now : lane.lastGrantAt + lane.intervalMs;
                if (dueAt > now) {
                    await this.clock.sleep(dueAt - now);
                    continue;
                }
                const next = lane.queue.shift()!;
                lane.lastGrantAt = now;
                next.grant();
            }
        } finally {
            lane.pumping = false;
        }
    }
}
