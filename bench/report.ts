/** The benchmark report: the JSON document and its markdown tables. */
import { Mode, Phase, PHASES, ScenarioResult } from "./runScenario";
import { Durations, EXTRA_COPY_REGION } from "./scenarios";
import { DEFAULT_POLL_DELAYS } from "../provider/backend/waiter";

/** The whole run, as written to bench/results/<timestamp>.json. */
export interface BenchReport {
    command: string;
    startedAt: string;
    durationMs: number;
    machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; pulumi: string };
    settings: {
        durations: Durations;
        rateLimits: string;
        parallel: number;
        parallelSource: string;
        imageQuota: number;
        /** Wall time of an up of a program with no resources: the engine's fixed cost per operation. */
        engineFloorMs: number | undefined;
        /** The waiter's poll delays were divided by this (absent in runs before issue 15: 1). */
        pollScale?: number;
    };
    results: ScenarioResult[];
    /** The engine parallelism sweep: one scenario at several --parallel values (absent before issue 15). */
    sweep?: ScenarioResult[];
}

const PHASE_LABEL: Record<Phase, string> = {
    preview: "preview (new stack)",
    up: "up",
    previewNoChange: "preview (no changes)",
    refresh: "refresh",
    destroy: "destroy",
};

const s = (ms: number | undefined) => (ms === undefined ? "–" : (ms / 1000).toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || b === 0 ? "–" : `×${(a / b).toFixed(1)}`;

function row(cells: (string | number)[]): string {
    return `| ${cells.join(" | ")} |`;
}

function table(head: string[], rows: (string | number)[][]): string {
    return [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
}

function of(results: ScenarioResult[], mode: Mode): ScenarioResult[] {
    return results.filter((r) => r.mode === mode);
}

function totalThrottled(r: ScenarioResult): number {
    return PHASES.reduce((n, p) => n + (r.phases[p]?.calls.throttled ?? 0), 0);
}

function peakMiB(r: ScenarioResult): number | undefined {
    const peaks = PHASES.map((p) => r.phases[p]?.memory.peakRssMiB).filter(
        (v): v is number => v !== undefined,
    );
    return peaks.length ? Math.max(...peaks) : undefined;
}

function peakMemory(r: ScenarioResult): string {
    return peakMiB(r)?.toFixed(0) ?? "–";
}

/** The growth of the provider's peak RSS from `small` to `large`, per 100 resources. */
function memoryRow(label: string, small: ScenarioResult, large: ScenarioResult): (string | number)[] {
    const per100 = ((peakMiB(large)! - peakMiB(small)!) / (large.resources - small.resources)) * 100;
    return [
        label,
        `${small.id} → ${large.id}`,
        `${peakMemory(small)} → ${peakMemory(large)}`,
        per100.toFixed(1),
    ];
}

/**
 * What 100 more resources cost the provider process: the growth of the peak RSS from the smallest
 * to the largest scenario, per 100 resources (the fixed cost of the process, the Node.js runtime and
 * the Pulumi SDK, cancels out), over the same regions where the run has two sizes, and over all.
 */
function memoryTable(results: ScenarioResult[]): string {
    const measured = results
        .filter((r) => peakMiB(r) !== undefined)
        .sort((a, b) => a.resources - b.resources || a.regions - b.regions);
    const rows: (string | number)[][] = [];
    for (const regions of [...new Set(measured.map((r) => r.regions))].sort((a, b) => a - b)) {
        const same = measured.filter((r) => r.regions === regions);
        const [small, large] = [same[0], same[same.length - 1]];
        if (large.resources > small.resources) rows.push(memoryRow(`${regions}`, small, large));
    }
    const [small, large] = [measured[0], measured[measured.length - 1]];
    if (measured.length > 1 && large.resources > small.resources) rows.push(memoryRow("all", small, large));
    if (rows.length === 0) return "(needs scenarios of two sizes)";
    return table(["Regions", "Scenarios", "Provider peak RSS MiB", "MiB per 100 resources"], rows);
}

function sweepTable(sweep: ScenarioResult[]): string {
    return table(
        [
            "Scenario",
            "--parallel",
            "up s",
            "Ideal up s at P",
            "of which: the service's rate limits alone",
            "up ÷ ideal (chain / at P)",
            "up calls",
            "Throttled",
            "Refused (other errors)",
            "Provider peak RSS MiB",
            "OK",
        ],
        sweep.map((r) => {
            const up = r.phases.up;
            const refused = Object.values(up?.calls.errors ?? {}).reduce((a, b) => a + b, 0);
            return [
                r.id,
                r.ideal.parallel,
                s(up?.wallMs),
                s(r.ideal.boundAtParallelMs),
                r.ideal.rateFloorMs === undefined ? "–" : s(r.ideal.rateFloorMs),
                r.upOverIdeal
                    ? `${r.upOverIdeal.chain.toFixed(1)} / ${r.upOverIdeal.boundAtParallel.toFixed(2)}`
                    : "–",
                up?.calls.total ?? "–",
                totalThrottled(r),
                refused,
                peakMemory(r),
                r.ok ? "yes" : "**no**",
            ];
        }),
    );
}

function mainTable(results: ScenarioResult[]): string {
    return table(
        [
            "Scenario",
            "Images / copies / shares",
            ...PHASES.map((p) => `${PHASE_LABEL[p]} s`),
            "up s (Automation API call)",
            "Ideal up s (chain / at P)",
            "up ÷ ideal (chain / at P)",
            "Throttled",
            "Provider peak RSS MiB",
            "OK",
        ],
        results.map((r) => [
            r.id,
            `${r.shape.customImages} / ${r.shape.imageCopies} / ${r.shape.imageShares}`,
            ...PHASES.map((p) => s(r.phases[p]?.wallMs)),
            s(r.phases.up?.automationMs),
            `${s(r.ideal.chainMs)} / ${s(r.ideal.boundAtParallelMs)}`,
            r.upOverIdeal
                ? `${r.upOverIdeal.chain.toFixed(1)} / ${r.upOverIdeal.boundAtParallel.toFixed(2)}`
                : "–",
            totalThrottled(r),
            peakMemory(r),
            r.ok ? "yes" : `**no**${r.error ? `: ${r.error.split("\n")[0].slice(0, 120)}` : ""}`,
        ]),
    );
}

function callsTable(results: ScenarioResult[]): string {
    return table(
        [
            "Scenario",
            ...PHASES.map((p) => PHASE_LABEL[p]),
            "Total",
            "Throttled (phase: action n)",
            "Other errors",
        ],
        results.map((r) => {
            const errors = new Map<string, number>();
            for (const p of PHASES) {
                for (const [code, n] of Object.entries(r.phases[p]?.calls.errors ?? {})) {
                    errors.set(code, (errors.get(code) ?? 0) + n);
                }
            }
            return [
                r.id,
                ...PHASES.map((p) => r.phases[p]?.calls.total ?? "–"),
                PHASES.reduce((n, p) => n + (r.phases[p]?.calls.total ?? 0), 0),
                PHASES.flatMap((p) =>
                    Object.entries(r.phases[p]?.calls.throttledByAction ?? {}).map(
                        ([action, n]) => `${PHASE_LABEL[p]}: ${action} ${n}`,
                    ),
                ).join("; ") || "0",
                [...errors].map(([code, n]) => `${code} ${n}`).join(", ") || "0",
            ];
        }),
    );
}

/** Issue 5: the API calls of one preview, resources × regions. */
function previewGrid(results: ScenarioResult[], phase: Phase): string {
    const sizes = [...new Set(results.map((r) => r.resources))].sort((a, b) => a - b);
    const regions = [...new Set(results.map((r) => r.regions))].sort((a, b) => a - b);
    return table(
        ["Resources \\ regions", ...regions.map((n) => `${n} region${n === 1 ? "" : "s"}`)],
        sizes.map((size) => [
            size,
            ...regions.map((n) => {
                const r = results.find((x) => x.resources === size && x.regions === n);
                return r?.phases[phase]?.calls.total ?? "–";
            }),
        ]),
    );
}

function baselineTable(results: ScenarioResult[]): string {
    const rows: (string | number)[][] = [];
    for (const naive of of(results, "naive")) {
        const batched = results.find((r) => r.mode === "batched" && r.id === naive.id);
        if (!batched) continue;
        for (const p of PHASES) {
            const b = batched.phases[p];
            const n = naive.phases[p];
            rows.push([
                naive.id,
                PHASE_LABEL[p],
                b?.calls.total ?? "–",
                n?.calls.total ?? "–",
                ratio(n?.calls.total, b?.calls.total),
                s(b?.wallMs),
                s(n?.wallMs),
                ratio(n?.wallMs, b?.wallMs),
            ]);
        }
    }
    if (rows.length === 0) return "(no baseline in this run)";
    return table(
        [
            "Scenario",
            "Phase",
            "Calls",
            "Calls (naive)",
            "Naive ÷ batched",
            "Time s",
            "Time s (naive)",
            "Naive ÷ batched",
        ],
        rows,
    );
}

function actionsSection(results: ScenarioResult[]): string {
    const parts: string[] = [];
    for (const r of results) {
        parts.push(`**${r.id} (${r.mode})**\n`);
        parts.push(
            table(
                ["Phase", "Calls per action"],
                PHASES.map((p) => [
                    PHASE_LABEL[p],
                    Object.entries(r.phases[p]?.calls.byAction ?? {})
                        .map(([action, n]) => `${action} ${n}`)
                        .join(", ") || "–",
                ]),
            ),
        );
        parts.push("");
    }
    return parts.join("\n");
}

/** The markdown report (bench/results/latest.md, and docs/benchmarks.md for the full run). */
export function markdownReport(report: BenchReport): string {
    const { settings, machine, results } = report;
    const d = settings.durations;
    const batched = of(results, "batched");
    const naive = of(results, "naive");
    const date = report.startedAt.slice(0, 16).replace("T", " ");
    const pollScale = settings.pollScale ?? 1;
    const sweep = report.sweep ?? [];
    return `# Benchmarks

Made by \`${report.command}\` on ${date} UTC; the run took ${(report.durationMs / 60000).toFixed(1)} min.
Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node.js ${machine.node}, Pulumi ${machine.pulumi}.
Figures only: nothing passes or fails on time.

**How it runs.** The real Pulumi engine runs an inline program with the package installed from
\`npm pack\` (the e2e harness), against the emulator with the ${settings.rateLimits} and backend latencies scaled down from minutes to seconds: image creation
${s(d.createMs)} s, import ${s(d.importMs)} s, copy ${s(d.copyMs)} s. Each scenario starts from a fresh
emulator state (image quota ${settings.imageQuota} per region) and runs a preview of the new stack,
up, a preview with nothing to do, refresh and destroy. ${
        pollScale === 1
            ? `The waiter polls at its shipped delays (${DEFAULT_POLL_DELAYS.initialDelayMs / 1000} s first, growing to ${DEFAULT_POLL_DELAYS.maxDelayMs / 1000} s).`
            : `The waiter's poll delays are scaled down by the same factor as the latencies (÷ ${pollScale}: ` +
              `${Math.round(DEFAULT_POLL_DELAYS.initialDelayMs / pollScale)} ms first, growing to ${Math.round(DEFAULT_POLL_DELAYS.maxDelayMs / pollScale)} ms), so polling keeps the pace it has ` +
              "against the real service (bench/providerPreload.ts sets them in the provider process; the package is unchanged)."
    } The engine runs ${settings.parallel} resource
operations at once (${settings.parallelSource}). Each phase's time is that of its own CLI command
(\`pulumi up\`, what someone at a terminal waits for); the Automation API call around it also runs
\`pulumi stack output\` and \`pulumi stack history\` to fill in its result, which the column
"up s (Automation API call)" includes. One engine command with no resources costs
${s(settings.engineFloorMs)} s here (\`pulumi up\` of an empty program): part of every figure below.

**Scenarios.** \`N x R\`: N resources over R regions: ceil(N/3) CustomImages round-robin over the first
R regions (every third one imported, the others made from an instance), floor(N/3) ImageCopies (copy k
copies image k to the next one or two of the R regions, alternately; with one region, to
${EXTRA_COPY_REGION}, since a copy must leave its region), and the rest ImageShares (share k shares
image k with one or two accounts; it waits while its image is being copied, as the service refuses
to share a SYNCING image).

**Ideal.** The backend's own latency for the longest chain of dependent operations, import then copy
(${s(d.importMs)} + ${s(d.copyMs)} s): what up would take with unlimited parallelism and no overhead.
"At P" is a lower bound at the engine's parallelism P = ${settings.parallel}: the chain, the
summed latency of all creations, imports and copies spread over P slots, or what the service's
documented rate limits alone allow (the last CreateImage, ImportImage, SyncImages or
ModifyImageSharePermission cannot go before ⌊(n − 1) / limit⌋ s, and then takes its latency),
whichever is longest. The last one matters only at a high \`--parallel\`.

**API calls** are counted by the emulator (every request it received from the provider, refused
ones included); **throttled** = calls refused with RequestLimitExceeded (the goal is zero).
**Provider peak RSS** is the largest VmHWM of the engine's dynamic-provider \`node\` process over
the phases. **OK**: up created every resource, the second preview had nothing to do, destroy
removed everything.

## Preview, up, refresh and destroy (the provider as shipped)

${mainTable(batched)}

## Memory of the provider process

${memoryTable(batched)}

## Engine parallelism

${sweep.length > 0 ? sweepTable(sweep) : "(no sweep in this run: `--sweep 8,32,64`)"}

## API calls per phase

${callsTable(batched)}

"Other errors" are replies the provider expects and handles (e.g. an image still busy).

## API calls of one preview (issue 5)

A preview of the new stack (nothing exists yet):

${previewGrid(batched, "preview")}

A preview after up (everything exists, nothing to do):

${previewGrid(batched, "previewNoChange")}

## Naive baseline

The same scenarios with the naive baseline preloaded into the provider process (bench/naiveBaseline.ts,
set through the process context's overrides; not in the package): every wait polls its own image alone instead of one
DescribeImages per region per tick for all waits, and every check reads its live facts afresh instead
of from one cache per engine run. The client-side rate limiter stays on in both. Baseline scenarios
in this run: ${naive.map((r) => r.id).join(", ") || "none"}${naive.length > 0 && naive.length < batched.length ? " (a subset, to keep the default run within about 25 minutes on 2 cores; `--baseline all` runs every scenario)" : ""}.

${baselineTable(results)}

## API calls per action

${actionsSection(results)}`;
}
