/**
 * Per-process state of the plan checks (live facts, ledger). One provider process serves one engine
 * run, and every distinct serialized provider text gets its own copy of module variables, so the state
 * lives on `globalThis` under a registered symbol, keyed by a fingerprint of the settings that
 * identifies the account and endpoint without holding any secret.
 */
import { createHash } from "node:crypto";
import type { ProviderSettings } from "../config";

/** The `globalThis` key of the plan state. */
export const PLAN_STATE_KEY = Symbol.for("pulumi-tencentcloud-images.plan");

type PlanState = Map<string, unknown>;

function state(): PlanState {
    const holder = globalThis as unknown as Record<symbol, PlanState | undefined>;
    let current = holder[PLAN_STATE_KEY];
    if (!current) {
        current = new Map();
        holder[PLAN_STATE_KEY] = current;
    }
    return current;
}

/**
 * Identifies the account and endpoint the settings point at: a hash of the endpoint and the secret ID
 * (never the secret key or token), so objects made for one account are never used for another.
 */
export function settingsFingerprint(settings: Pick<ProviderSettings, "endpoint" | "secretId">): string {
    return createHash("sha256")
        .update(`${settings.endpoint ?? "default"}\u0000${settings.secretId ?? "anonymous"}`)
        .digest("hex")
        .slice(0, 16);
}

/** The per-process object of `kind` for these settings, made by `create` the first time it is asked for. */
export function planSingleton<T>(
    kind: string,
    settings: Pick<ProviderSettings, "endpoint" | "secretId">,
    create: () => T,
): T {
    const key = `${kind}:${settingsFingerprint(settings)}`;
    const map = state();
    if (!map.has(key)) map.set(key, create());
    return map.get(key) as T;
}

/** Forgets every per-process plan object (tests; a long-lived process that starts a new run). */
export function resetPlanSingletons(): void {
    state().clear();
}
