/**
 * One scenario under the real engine: preview (new stack), up, preview again (nothing to do),
 * refresh and destroy, each timed, with its API calls counted from the emulator's call log and the
 * provider process's peak memory sampled.
 */
import type { OpMap } from "@pulumi/pulumi/automation";
import type { ImagesPackage, ImagesSandbox } from "../test/e2e/harness/imagesSandbox";
import * as path from "node:path";
import { BENCH_NAIVE_ENV, BENCH_PACKAGE_ENV, BENCH_POLL_SCALE_ENV } from "./providerPreload";
import { CallSummary, summarizeCalls } from "./calls";
import { MemoryReport, ProviderMemorySampler } from "./memory";
import { programOf } from "./program";
import { CommandTimer } from "./commandTimer";
import { Durations, Ideal, idealOf, Scenario, shapeOf, shapeSummary } from "./scenarios";

/** `batched`: the provider as shipped; `naive`: the baseline (./naiveBaseline.ts, set by ./providerPreload.ts). */
export type Mode = "batched" | "naive";

/** The phases, in the order they run. */
export const PHASES = ["preview", "up", "previewNoChange", "refresh", "destroy"] as const;
/** One phase. */
export type Phase = (typeof PHASES)[number];

/** The CLI command of each phase. */
const COMMAND_OF: Record<Phase, string> = {
    preview: "preview",
    up: "up",
    previewNoChange: "preview",
    refresh: "refresh",
    destroy: "destroy",
};

/** What one phase cost. */
export interface PhaseResult {
    /** The phase's own CLI command (`pulumi up`): what someone at a terminal waits for. */
    wallMs: number;
    /** The whole Automation API call, with its bookkeeping commands (./commandTimer.ts). */
    automationMs?: number;
    calls: CallSummary;
    memory: MemoryReport;
    /** The engine's change summary (preview) or resource changes (up, refresh, destroy). */
    changes?: OpMap;
    error?: string;
}

/** One scenario in one mode. */
export interface ScenarioResult {
    id: string;
    mode: Mode;
    resources: number;
    regions: number;
    shape: ReturnType<typeof shapeSummary>;
    ideal: Ideal;
    phases: Partial<Record<Phase, PhaseResult>>;
    /** up's wall time over the ideal chain, and over the bound at the engine's parallelism. */
    upOverIdeal?: { chain: number; boundAtParallel: number };
    /** True when up created every resource, the second preview had nothing to do and destroy removed all. */
    ok: boolean;
    error?: string;
}

/** What every scenario runs with. */
export interface BenchSetup {
    sandbox: ImagesSandbox;
    durations: Durations;
    /** The engine's --parallel (what the CLI defaults to when not given). */
    parallel: number;
    /** Pass --parallel explicitly (false: leave the engine's default). */
    explicitParallel: boolean;
    /** The waiter's poll delays are divided by this (the factor the latencies are scaled down by). */
    pollScale: number;
    log: (line: string) => void;
}

function message(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    return text.length > 6000 ? `${text.slice(0, 1000)} … ${text.slice(-5000)}` : text;
}

/**
 * The provider environment of a run: NODE_OPTIONS preloads ./providerPreload.ts (through tsx, as the
 * benchmarks run from source), which scales the installed package's poll delays and, for a naive
 * run, switches its provider to the baseline. (The tsx loader adds some MiB to the provider process.)
 */
function benchEnv(setup: BenchSetup, mode: Mode): Record<string, string> {
    // The engine harness also copies these into this process's environment, where they outlive the
    // run: every key is set each time, so no run inherits the previous run's mode.
    if (mode === "batched" && setup.pollScale === 1) {
        // No preload: the provider process is exactly the shipped one (its memory too).
        return {
            NODE_OPTIONS: "",
            [BENCH_PACKAGE_ENV]: "",
            [BENCH_POLL_SCALE_ENV]: "",
            [BENCH_NAIVE_ENV]: "",
        };
    }
    const repo = path.resolve(__dirname, "..");
    const tsx = path.join(repo, "node_modules", "tsx", "dist", "cjs", "index.cjs");
    const preload = path.join(repo, "bench", "providerPreload.ts");
    return {
        NODE_OPTIONS: `--require ${tsx} --require ${preload}`,
        [BENCH_PACKAGE_ENV]: path.join(
            setup.sandbox.engine.projectDir,
            "node_modules",
            "pulumi-tencentcloud-images",
        ),
        [BENCH_POLL_SCALE_ENV]: String(setup.pollScale),
        [BENCH_NAIVE_ENV]: mode === "naive" ? "1" : "",
    };
}

/** Runs one scenario in one mode on a fresh emulator state, and destroys what it made. */
export async function runScenario(setup: BenchSetup, s: Scenario, mode: Mode): Promise<ScenarioResult> {
    const { sandbox, log } = setup;
    const controls = sandbox.emulator.controls;
    const shape = shapeOf(s);
    const ideal = idealOf(shape, setup.durations, setup.parallel);
    const result: ScenarioResult = {
        id: s.id,
        mode,
        resources: s.resources,
        regions: s.regions,
        shape: shapeSummary(shape),
        ideal,
        phases: {},
        ok: false,
    };

    controls.reset(); // the seed again; this also clears the faults
    controls.mergeFaults({ defaultRateLimits: true });
    const prefix = `bench-${s.id}-${mode}`;
    const stackName = `${s.id}-${mode}`;
    const program = programOf(shape, prefix);
    const commands = new CommandTimer();
    const stack = await sandbox.engine.stack(
        stackName,
        async (req) => program(req("pulumi-tencentcloud-images") as ImagesPackage),
        { ...sandbox.providerEnv, ...benchEnv(setup, mode) },
        (cli) => commands.wrap(cli),
    );
    const opts = setup.explicitParallel ? { parallel: setup.parallel } : {};
    const marker = `TENCENTCLOUD_IMAGES_ENDPOINT=${sandbox.providerEnv.TENCENTCLOUD_IMAGES_ENDPOINT}`;

    const phase = async (name: Phase, run: () => Promise<OpMap | undefined>): Promise<PhaseResult> => {
        controls.clearCalls();
        commands.clear();
        const sampler = new ProviderMemorySampler(marker);
        sampler.start();
        const started = performance.now();
        let changes: OpMap | undefined;
        let error: string | undefined;
        try {
            changes = await run();
        } catch (e) {
            error = message(e);
        }
        const automationMs = Math.round(performance.now() - started);
        const wallMs = commands.last(COMMAND_OF[name]) ?? automationMs;
        const memory = sampler.stop();
        const calls = summarizeCalls(controls.callLog());
        const phaseResult: PhaseResult = { wallMs, automationMs, calls, memory, changes, error };
        result.phases[name] = phaseResult;
        log(
            `${s.id} ${mode} ${name}: ${(wallMs / 1000).toFixed(1)} s (Automation API call ${(automationMs / 1000).toFixed(1)} s), ${calls.total} calls` +
                (calls.throttled ? `, ${calls.throttled} throttled` : "") +
                (memory.peakRssMiB !== undefined ? `, provider ${memory.peakRssMiB} MiB` : "") +
                (error ? `, FAILED: ${error.split("\n")[0]}` : ""),
        );
        return phaseResult;
    };

    try {
        const steps: [Phase, () => Promise<OpMap | undefined>][] = [
            ["preview", async () => (await stack.preview(opts)).changeSummary],
            ["up", async () => (await stack.up(opts)).summary.resourceChanges],
            ["previewNoChange", async () => (await stack.preview(opts)).changeSummary],
            ["refresh", async () => (await stack.refresh(opts)).summary.resourceChanges],
        ];
        for (const [name, run] of steps) {
            const r = await phase(name, run);
            if (r.error) {
                result.error = `${name}: ${r.error}`;
                break;
            }
        }
    } finally {
        // Always destroy, so a failed scenario does not leave images behind for the next.
        const destroyed = await phase(
            "destroy",
            async () => (await stack.destroy(opts)).summary.resourceChanges,
        );
        if (destroyed.error && !result.error) result.error = `destroy: ${destroyed.error}`;
        await stack.workspace.removeStack(stackName).catch(() => undefined);
    }

    result.ok = isOk(result);
    const up = result.phases.up;
    if (up && !up.error) {
        result.upOverIdeal = {
            chain: Math.round((up.wallMs / ideal.chainMs) * 100) / 100,
            boundAtParallel: Math.round((up.wallMs / ideal.boundAtParallelMs) * 100) / 100,
        };
    }
    return result;
}

/**
 * True when up created every resource, the second preview had nothing to do and destroy removed
 * everything. The engine counts the stack itself too: N resources are N + 1 changes.
 */
export function isOk(result: ScenarioResult): boolean {
    const all = result.resources + 1;
    const { up, previewNoChange, destroy } = result.phases;
    const quiet = previewNoChange?.changes ?? {};
    return (
        !result.error &&
        up?.changes?.create === all &&
        !quiet.create &&
        !quiet.update &&
        !quiet.delete &&
        !quiet.replace &&
        destroy?.changes?.delete === all
    );
}
