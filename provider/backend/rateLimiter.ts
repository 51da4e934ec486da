/**
 * Client-side rate limiting, as a layer in front of the transport: one lane per action, kept below
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
 * How much later than another a request may reach the service, after leaving here, without the two
 * counting into one second there (the network, a busy event loop at either end): the limiter counts
 * `limit` requests in any window of a second and this much, so any second of arrivals holds at most
 * the limit while no request is more than this much later on its way than another.
 */
export const ARRIVAL_SPREAD_MS = 250;

export interface RateLimiterOptions {
    /** Per-action overrides of the limits (requests per second). */
    limits?: Record<string, number>;
    /** Limit of actions not in `limits`; default 10/s. */
    defaultPerSecond?: number;
    /** How much later a request may arrive than another (ms, at least 0). Default {@link ARRIVAL_SPREAD_MS}. */
    arrivalSpreadMs?: number;
    /** False: no limiting at all. Default true. */
    enabled?: boolean;
    clock?: Clock;
}

/** How urgent a request is: a `background` one (a poll) lets every waiting `foreground` one go first. */
export type RatePriority = "foreground" | "background";

interface Pending {
    grant: () => void;
}

interface Lane {
    /** How many requests any window may hold. */
    allowance: number;
    /** When the requests of the last window were let through (clock time), oldest first. */
    grants: number[];
    /** Callers waiting their turn, first come first served within each priority. */
    queues: Record<RatePriority, Pending[]>;
    /** True while a loop is granting this lane's queue. */
    pumping: boolean;
}

/**
 * Lanes keyed by action. A request goes at once while the last second and {@link ARRIVAL_SPREAD_MS}
 * hold fewer than the limit (at least 1), counted when requests really go (not when they were queued):
 * a stall of the process cannot release more than the limit, and a quiet lane costs a request no
 * wait at all. Waiting requests go in order, foreground before background.
 */
export class RateLimiter {
    private readonly lanes = new Map<string, Lane>();
    private readonly limits: Record<string, number>;
    private readonly defaultPerSecond: number;
    private readonly windowMs: number;
    private readonly enabled: boolean;
    private readonly clock: Clock;

    constructor(options: RateLimiterOptions = {}) {
        this.limits = { ...DEFAULT_ACTION_RATE_LIMITS, ...options.limits };
        this.defaultPerSecond = options.defaultPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND;
        const spread = options.arrivalSpreadMs ?? ARRIVAL_SPREAD_MS;
        this.windowMs = 1000 + spread;
        this.enabled = options.enabled ?? true;
        this.clock = options.clock ?? systemClock;
        for (const [action, limit] of Object.entries(this.limits)) {
            if (!(limit > 0)) throw new Error(`Rate limit of ${action} must be positive, got ${limit}`);
        }
        if (!(this.defaultPerSecond > 0)) throw new Error(`Default rate limit must be positive`);
        if (!(spread >= 0)) throw new Error(`Arrival spread must be at least 0 ms, got ${spread}`);
    }

    /** The limit (requests per second) that applies to an action. */
    limitOf(action: string): number {
        return this.limits[action] ?? this.defaultPerSecond;
    }

    /** Waits until the action may be sent. `key` defaults to the action (limits are per action). */
    acquire(
        action: string,
        signal?: AbortSignal,
        key: string = action,
        priority: RatePriority = "foreground",
    ): Promise<void> {
        if (!this.enabled) return Promise.resolve();
        if (signal?.aborted) return Promise.reject(abortReason(signal));
        let lane = this.lanes.get(key);
        if (!lane) {
            lane = {
                allowance: Math.max(1, Math.floor(this.limitOf(action))),
                grants: [],
                queues: { foreground: [], background: [] },
                pumping: false,
            };
            this.lanes.set(key, lane);
        }
        const queue = lane.queues[priority];
        const current = lane;
        return new Promise<void>((resolve, reject) => {
            const pending: Pending = { grant: resolve };
            const onAbort = () => {
                const at = queue.indexOf(pending);
                if (at >= 0) queue.splice(at, 1);
                reject(abortReason(signal!));
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            pending.grant = () => {
                signal?.removeEventListener("abort", onAbort);
                resolve();
            };
            queue.push(pending);
            if (!current.pumping) void this.pump(current);
        });
    }

    /** Lets the lane's callers through while the window has room, else sleeps until it has. */
    private async pump(lane: Lane): Promise<void> {
        lane.pumping = true;
        try {
            for (;;) {
                const next = lane.queues.foreground[0] ? lane.queues.foreground : lane.queues.background;
                if (next.length === 0) return;
                const now = this.clock.now();
                while (lane.grants.length > 0 && now - lane.grants[0] >= this.windowMs) lane.grants.shift();
                if (lane.grants.length < lane.allowance) {
                    lane.grants.push(now);
                    next.shift()!.grant();
                    continue;
                }
                await this.clock.sleep(lane.grants[0] + this.windowMs - now);
            }
        } finally {
            lane.pumping = false;
        }
    }
}
