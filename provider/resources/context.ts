/**
 * The per-process context of the resource providers: settings, the image backend, the waiter, and
 * where progress lines go.
 *
 * Nothing here is captured by the serialized provider (`__provider`): the provider's methods only
 * reference the handlers module, and the handlers ask for the context when they run. Settings are
 * resolved at call time from the stack config that `configure(req)` received (decrypted, in memory
 * only), else from the environment. The state lives on `globalThis` under a registered symbol,
 * because every distinct serialized provider text (one per resource type) gets its own copy of
 * module variables, yet all of them should share one backend (one rate limiter) and one waiter (one
 * batched poll per region).
 */
import { createHash } from "node:crypto";
import { ProviderSettings, resolveSettings, settingSource } from "../config";
import { createImageBackend, CreateImageBackendOptions } from "../backend";
import { ImageWaiter, ImageWaiterOptions } from "../backend/waiter";
import { ImageBackend } from "../backend/types";
import { naiveMode, PerImageWaiter } from "../naive";

/** The `globalThis` key of the context. */
export const CONTEXT_KEY = Symbol.for("pulumi-tencentcloud-images.context");

/** The stack configuration as `configure(req)` hands it over (`req.config`). */
export interface StackConfig {
    get(key: string): string | undefined;
}

/** The waits the resources need (ImageWaiter's shape; tests may substitute it). */
export type Waiter = Pick<ImageWaiter, "waitForState" | "waitForGone">;

/** What an operation works with. */
export interface ResourceContext {
    readonly settings: ProviderSettings;
    readonly backend: ImageBackend;
    readonly waiter: Waiter;
    /** Where progress lines go (console.log of the provider process reaches the user). */
    readonly log: (line: string) => void;
    /** Milliseconds since the epoch (progress throttling). */
    readonly now: () => number;
}

/** Replacements for tests (and benchmarks): any part not given is built as usual. */
export interface ContextOverrides {
    backend?: ImageBackend;
    waiter?: Waiter;
    log?: (line: string) => void;
    now?: () => number;
    /** Options for the backend built from the settings (ignored when `backend` is given). */
    backendOptions?: CreateImageBackendOptions;
    /** Options for the waiter built over the backend (ignored when `waiter` is given). */
    waiterOptions?: ImageWaiterOptions;
}

interface ContextState {
    stackConfig?: StackConfig;
    overrides: ContextOverrides;
    /** The backend and waiter of the last settings, keyed by a hash (no secret is kept in clear here). */
    built?: { key: string; backend: ImageBackend; waiter: Waiter };
}

function state(): ContextState {
    const holder = globalThis as unknown as Record<symbol, ContextState | undefined>;
    let current = holder[CONTEXT_KEY];
    if (!current) {
        current = { overrides: {} };
        holder[CONTEXT_KEY] = current;
    }
    return current;
}

/** Stores the stack config handed to `configure(req)`; settings are resolved from it at call time. */
export function configureContext(config: StackConfig | undefined): void {
    state().stackConfig = config;
}

/** Replaces parts of the context (tests). Clears what was built, so the next call builds afresh. */
export function setContextOverrides(overrides: ContextOverrides): void {
    const current = state();
    current.overrides = overrides;
    current.built = undefined;
}

/** Forgets the stack config, overrides and everything built (tests; a new engine run in one process). */
export function resetContext(): void {
    const current = state();
    current.stackConfig = undefined;
    current.overrides = {};
    current.built = undefined;
}

/** Every setting that shapes the backend, hashed: a change of key or endpoint builds a new backend. */
function settingsKey(settings: ProviderSettings): string {
    return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}

/** The context for one operation: settings resolved now, backend and waiter reused while settings hold. */
export function getResourceContext(): ResourceContext {
    const current = state();
    const settings = resolveSettings(settingSource(current.stackConfig));
    const { overrides } = current;
    const key = settingsKey(settings);
    if (!current.built || current.built.key !== key) {
        const backend = overrides.backend ?? createImageBackend(settings, overrides.backendOptions);
        const waiter =
            overrides.waiter ??
            // The benchmark baseline (../naive.ts): each wait polls alone.
            (naiveMode()
                ? new PerImageWaiter(backend, overrides.waiterOptions)
                : new ImageWaiter(backend, overrides.waiterOptions));
        current.built = { key, backend, waiter };
    }
    return {
        settings,
        backend: current.built.backend,
        waiter: current.built.waiter,
        log: overrides.log ?? ((line: string) => console.log(line)),
        now: overrides.now ?? Date.now,
    };
}

/** The stack config that `configure(req)` stored, if any (the plan checks resolve their settings from it). */
export function storedStackConfig(): StackConfig | undefined {
    return state().stackConfig;
}
