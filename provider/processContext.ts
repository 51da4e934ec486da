/**
 * The one per-process context of the provider: the settings (resolved at each call), and, built once
 * per settings key, the image backend (over the process's one rate limiter, ../backend/index.ts), the
 * coalesced reads by ID that every read and poll goes through, the waiter that batches polls, the
 * per-image turns of the calls a busy image refuses, and the live facts and ledger of the plan checks;
 * and, for the whole process, the engine operations running in it.
 * The resources' operations and the lookups (../lookup) both work through it. Test and benchmark
 * replacements go through {@link setProcessOverrides}, nowhere else.
 *
 * Nothing here is captured by the serialized provider (`__provider`): the provider's methods only
 * reference the handlers module, which asks for the context when a method runs. Settings come from
 * the stack config that `configure(req)` handed over (decrypted, in memory only), else from the
 * environment. The state lives on `globalThis` under a registered symbol, because every distinct
 * serialized provider text (one per resource type) may get its own copy of module variables, yet all
 * should share one backend (one rate limiter), one waiter (one batched poll per region) and one
 * ledger (the stack-wide limits).
 */
import { ProviderSettings, resolveSettings, settingSource } from "./config";
import { createImageBackend, CreateImageBackendOptions } from "./backend";
import { callerKeyOf } from "./backend/client";
import { ImageWaiter, ImageWaiterOptions } from "./backend/waiter";
import { BatchedImageReads } from "./backend/imageReads";
import { ImageTurns } from "./backend/imageTurns";
import { EngineSlots } from "./engineSlots";
import type { ImageBackend } from "./backend/types";
import { LiveFacts } from "./plan/liveFacts";
import { Ledger } from "./plan/ledger";

/** The `globalThis` key of the context. */
export const PROCESS_CONTEXT_KEY = Symbol.for("pulumi-tencentcloud-images.context");

/** The stack configuration as `configure(req)` hands it over (`req.config`). */
export interface StackConfig {
    get(key: string): string | undefined;
}

/** The waits the resources need (ImageWaiter's shape). */
export type Waiter = Pick<ImageWaiter, "waitForState" | "waitForGone">;

/** Replacements for tests and benchmarks: any part not given is built as usual. */
export interface ProcessOverrides {
    /** The backend to use instead of one built from the settings. */
    backend?: ImageBackend;
    /** Options for the backend built from the settings (ignored when `backend` is given). */
    backendOptions?: CreateImageBackendOptions;
    /** Makes the waiter over the backend; default one batching ImageWaiter per settings key. */
    waiter?: (backend: ImageBackend, options: ImageWaiterOptions) => Waiter;
    /** Options for the waiter. */
    waiterOptions?: ImageWaiterOptions;
    /** Makes the live facts of each check anew (default: one cache per settings key, i.e. per run). */
    liveFactsPerCheck?: (backend: ImageBackend) => LiveFacts;
    /** Where progress lines go; default console.log of the provider process, which reaches the user. */
    log?: (line: string) => void;
    /** Milliseconds since the epoch (progress throttling). */
    now?: () => number;
}

/** What is built once per settings key. */
interface Built {
    backend: ImageBackend;
    reads: BatchedImageReads;
    waiter: Waiter;
    turns: ImageTurns;
    facts: LiveFacts;
    ledger: Ledger;
}

interface ProcessState {
    stackConfig?: StackConfig;
    overrides: ProcessOverrides;
    /** By a hash of the credentials and endpoint (no secret is kept in clear here). */
    built: Map<string, Built>;
    /** The engine's operations running in this process, whatever their credentials. */
    slots: EngineSlots;
}

function state(): ProcessState {
    const holder = globalThis as unknown as Record<symbol, ProcessState | undefined>;
    let current = holder[PROCESS_CONTEXT_KEY];
    if (!current) {
        current = { overrides: {}, built: new Map(), slots: new EngineSlots() };
        holder[PROCESS_CONTEXT_KEY] = current;
    }
    return current;
}

/** What an operation or a check works with. */
export interface ProcessContext {
    readonly settings: ProviderSettings;
    readonly backend: ImageBackend;
    /** Reads of images by ID as they are now, one DescribeImages per region per turn of the event loop. */
    readonly reads: BatchedImageReads;
    readonly waiter: Waiter;
    /** One at a time per image: the calls that a busy image refuses (share, copy, rename). */
    readonly turns: ImageTurns;
    /** The engine's operations running in this process (an operation waiting for one to start). */
    readonly slots: EngineSlots;
    /** The live facts of this engine run (cached across checks). */
    readonly facts: LiveFacts;
    /** The stack-wide ledger of this engine run. */
    readonly ledger: Ledger;
    readonly log: (line: string) => void;
    readonly now: () => number;
}

/** Stores the stack config handed to `configure(req)`; settings are resolved from it at call time. */
export function configureProcess(config: StackConfig | undefined): void {
    state().stackConfig = config;
}

/** Replaces parts of the context (tests, benchmarks). Forgets what was built, so the next call builds afresh. */
export function setProcessOverrides(overrides: ProcessOverrides): void {
    const current = state();
    current.overrides = overrides;
    current.built.clear();
}

/** Forgets what one engine run learnt (live facts, ledger): a long-lived process that starts a new run. */
export function startNewRun(): void {
    state().built.clear();
}

/** Forgets the stack config, overrides and everything built (tests). */
export function resetProcessContext(): void {
    const current = state();
    current.stackConfig = undefined;
    current.overrides = {};
    current.built.clear();
}

function build(current: ProcessState, settings: ProviderSettings): Built {
    const { overrides } = current;
    const backend = overrides.backend ?? createImageBackend(settings, overrides.backendOptions);
    const waiterOptions = overrides.waiterOptions ?? {};
    const reads = new BatchedImageReads(backend);
    const waiter = overrides.waiter
        ? overrides.waiter(backend, waiterOptions)
        : new ImageWaiter(backend, { ...waiterOptions, reads });
    return {
        backend,
        reads,
        waiter,
        turns: new ImageTurns(() => current.slots.changed()),
        facts: new LiveFacts(backend, reads),
        ledger: new Ledger(),
    };
}

/** The context of one call: settings resolved now; the rest reused while the credentials and endpoint hold. */
export function processContext(): ProcessContext {
    return processContextFor(resolveSettings(settingSource(state().stackConfig)));
}

/**
 * The context of one call with settings resolved elsewhere (the lookups, which run in the program and
 * read the stack's config there): the same backend, reads, waiter and caches as every other call of
 * this process with those credentials and endpoint.
 */
export function processContextFor(settings: ProviderSettings): ProcessContext {
    const current = state();
    const key = callerKeyOf(settings);
    let built = current.built.get(key);
    if (!built) {
        built = build(current, settings);
        current.built.set(key, built);
    }
    const { overrides } = current;
    return {
        settings,
        backend: built.backend,
        reads: built.reads,
        waiter: built.waiter,
        turns: built.turns,
        slots: current.slots,
        facts: overrides.liveFactsPerCheck ? overrides.liveFactsPerCheck(built.backend) : built.facts,
        ledger: built.ledger,
        log: overrides.log ?? ((line: string) => console.log(line)),
        now: overrides.now ?? Date.now,
    };
}
