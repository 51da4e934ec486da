/**
 * Fault injection and rate limiting: what the controls switch on to make the emulator behave like a
 * busy or flaky service (throttling, InternalError, latency, connections dropped after the action ran).
 */
import { z } from "zod";

/**
 * The documented default rate limits (requests per second per account and action), by service: the
 * CVM and Region services each have a DescribeRegions, with a limit of its own. The Region service's
 * (2022-06-27) is documented on its action page (tencentcloud.com/document/api/213/15708, "A maximum
 * of 50 requests can be initiated per second"); the spec itself documents no limits.
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
    cvm: {
        DescribeImages: 40,
        DescribeRegions: 20,
        DescribeImageFromFamily: 20,
        DescribeImportImageOs: 288,
    },
    region: { DescribeRegions: 50 },
};
/** The documented default for the other actions. */
export const DEFAULT_RATE_LIMIT = 10;

const counts = z.record(z.string(), z.number().int().min(0));

/** The fault settings (all optional; absent means off). Action names, or "*" for every action. */
export const faultSchema = z.strictObject({
    /** Apply the documented per-action limits (10/s; cvm DescribeImages 40/s, DescribeRegions and DescribeImageFromFamily 20/s; region DescribeRegions 50/s). */
    defaultRateLimits: z.boolean().optional(),
    /** Per-action limits in requests per second (throttling); they apply whether or not defaults are on. */
    rateLimits: counts.optional(),
    /** Probability (0–1) that a call fails with InternalError before it runs. */
    internalErrorRate: z.number().min(0).max(1).optional(),
    /** The next N calls of an action ("*" = any) fail with InternalError before they run. */
    internalErrorNext: counts.optional(),
    /** Actions internalErrorRate and dropRate apply to (default: all). */
    actions: z.array(z.string()).optional(),
    /** Added to every call (ms). */
    latencyMs: z.number().int().min(0).optional(),
    /** Probability (0–1) of a latency spike, and its length (ms). */
    latencySpikeRate: z.number().min(0).max(1).optional(),
    latencySpikeMs: z.number().int().min(0).optional(),
    /** Probability (0–1) that the connection is dropped after the action was carried out. */
    dropRate: z.number().min(0).max(1).optional(),
    /** The next N calls of an action ("*" = any) are carried out, then their connection is dropped. */
    dropNext: counts.optional(),
});

/** Fault settings. */
export type FaultConfig = z.infer<typeof faultSchema>;

/** The live fault state: settings plus rate-limit windows. */
export class Faults {
    config: FaultConfig = {};
    private windows = new Map<string, number[]>();

    constructor(private readonly random: () => number = Math.random) {}

    /** Replaces the settings. */
    set(config: FaultConfig): void {
        this.config = structuredClone(config);
        this.windows.clear();
    }

    /** Merges settings into the current ones (maps merge key by key). */
    merge(config: FaultConfig): void {
        const c = this.config;
        this.config = {
            ...c,
            ...config,
            rateLimits: { ...c.rateLimits, ...config.rateLimits },
            internalErrorNext: { ...c.internalErrorNext, ...config.internalErrorNext },
            dropNext: { ...c.dropNext, ...config.dropNext },
        };
    }

    /** The limit in force for an action of a service, if any. */
    rateLimitOf(service: string, action: string): number | undefined {
        const explicit = this.config.rateLimits?.[action] ?? this.config.rateLimits?.["*"];
        if (explicit !== undefined) return explicit;
        if (this.config.defaultRateLimits)
            return DOCUMENTED_RATE_LIMITS[service]?.[action] ?? DEFAULT_RATE_LIMIT;
        return undefined;
    }

    /** True when the call is over its limit in the last second (the call is counted when it is not). */
    throttled(accountId: string, service: string, action: string, nowMs: number): boolean {
        const limit = this.rateLimitOf(service, action);
        if (limit === undefined) return false;
        const key = `${accountId}:${service}:${action}`;
        const recent = (this.windows.get(key) ?? []).filter((t) => nowMs - t < 1000);
        if (recent.length >= limit) {
            this.windows.set(key, recent);
            return true;
        }
        recent.push(nowMs);
        this.windows.set(key, recent);
        return false;
    }

    /** Extra latency for this call (ms). */
    latency(): number {
        const c = this.config;
        let ms = c.latencyMs ?? 0;
        if (c.latencySpikeRate && this.random() < c.latencySpikeRate) ms += c.latencySpikeMs ?? 1000;
        return ms;
    }

    private applies(action: string): boolean {
        return !this.config.actions || this.config.actions.includes(action);
    }

    private takeNext(map: Record<string, number> | undefined, action: string): boolean {
        if (!map) return false;
        for (const key of [action, "*"]) {
            if ((map[key] ?? 0) > 0) {
                map[key]--;
                return true;
            }
        }
        return false;
    }

    /** Whether this call fails with InternalError before running. */
    internalError(action: string): boolean {
        if (this.takeNext(this.config.internalErrorNext, action)) return true;
        const rate = this.config.internalErrorRate ?? 0;
        return rate > 0 && this.applies(action) && this.random() < rate;
    }

    /** Whether this call's connection is dropped after it ran. */
    drop(action: string): boolean {
        if (this.takeNext(this.config.dropNext, action)) return true;
        const rate = this.config.dropRate ?? 0;
        return rate > 0 && this.applies(action) && this.random() < rate;
    }
}
