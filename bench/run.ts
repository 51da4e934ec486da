/**
 * `npm run bench`: API calls, wall time and provider memory of preview, up, refresh and destroy at
 * scale, under the real engine with the installed package, against the emulator with the documented
 * per-action rate limits on and scaled-down backend latencies; and the same for the naive baseline.
 * Prints figures; nothing passes or fails on time.
 *
 *   npm run bench                               the 3×3 matrix and the baseline (see --help)
 *   npm run bench -- --quick                    10x1 and 100x5, baseline for both
 *   npm run bench -- --scenarios 10x1,100x5 --baseline none
 *   npm run bench -- --scenarios 100x5 --baseline none --sweep 8,32,64 --sweep-scenario 100x5
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createImagesSandbox } from "../test/e2e/harness/imagesSandbox";
import { REPO_ROOT } from "../scripts/lib/installPackage";
import { BenchReport, markdownReport } from "./report";
import { isOk, runScenario, ScenarioResult } from "./runScenario";
import { CommandTimer } from "./commandTimer";
import { Durations, MATRIX, parseScenarios, Scenario } from "./scenarios";

/**
 * The baseline scenarios of the default run: a subset, so that the default run stays within about 25
 * minutes on a 2-core machine (the whole matrix in the naive mode would double it).
 */
export const DEFAULT_BASELINE = "10x1,100x5";
const QUICK = "10x1,100x5";
/** The engine parallelism sweep of the default run, and its scenario. */
export const DEFAULT_SWEEP = "8,32,64";
export const DEFAULT_SWEEP_SCENARIO = "300x18";
/**
 * The factor the backend latencies are scaled down by (real minutes become seconds), and so the
 * waiter's poll delays too: polling keeps the pace relative to the latencies it has for real.
 */
export const DEFAULT_POLL_SCALE = 60;

interface Options {
    scenarios: Scenario[];
    baseline: Scenario[];
    durations: Durations;
    parallel: number | undefined;
    pollScale: number;
    sweep: number[];
    sweepScenario: Scenario;
    writeDocs: boolean;
    outDir: string;
    render: string | undefined;
    command: string;
}

const HELP = `Usage: npm run bench -- [options]
  --quick                 scenarios ${QUICK}, baseline for both (docs/benchmarks.md is not written)
  --scenarios <list>      e.g. 10x1,100x5,300x18 (default: the 3x3 matrix of 10/100/300 resources × 1/5/18 regions)
  --baseline <list|all|none>  scenarios also run in the naive mode (default: ${DEFAULT_BASELINE}; all = every scenario run)
  --parallel <n>          the engine's --parallel (default: the engine's own default, 4 × CPUs)
  --create-ms <n> --copy-ms <n> --import-ms <n>   backend latencies (default 2000, 3000, 4000)
  --poll-scale <n>        the waiter's poll delays divided by n (default ${DEFAULT_POLL_SCALE}, the latencies' scale; 1 = as shipped)
  --sweep <list|none>     engine parallelism sweep, e.g. 8,32,64 (default: ${DEFAULT_SWEEP} for the full default run, else none)
  --sweep-scenario <id>   the scenario of the sweep (default ${DEFAULT_SWEEP_SCENARIO})
  --write-docs / --no-docs  write docs/benchmarks.md (default: only for the full default matrix)
  --out <dir>             results folder (default bench/results)
  --render <file.json>    no run: rebuild latest.md (and docs/benchmarks.md with --write-docs) from a saved result`;

function parseArgs(argv: string[]): Options {
    const args = new Map<string, string | true>();
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (!a.startsWith("--")) throw new Error(`unexpected argument "${a}"\n${HELP}`);
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith("--")) {
            args.set(a.slice(2), next);
            i++;
        } else args.set(a.slice(2), true);
    }
    if (args.has("help")) {
        console.log(HELP);
        process.exit(0);
    }
    const known = [
        "render",
        "quick",
        "scenarios",
        "baseline",
        "parallel",
        "create-ms",
        "copy-ms",
        "import-ms",
        "poll-scale",
        "sweep",
        "sweep-scenario",
    ];
    for (const key of args.keys()) {
        if (![...known, "write-docs", "no-docs", "out"].includes(key))
            throw new Error(`unknown option --${key}\n${HELP}`);
    }
    const text = (key: string): string | undefined => {
        const v = args.get(key);
        if (v === true) throw new Error(`--${key} needs a value`);
        return v;
    };
    const num = (key: string, fallback: number): number => {
        const v = text(key);
        if (v === undefined) return fallback;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new Error(`--${key} must be a whole number, got "${v}"`);
        return n;
    };
    const quick = args.has("quick");
    const list = text("scenarios");
    const scenarios = list ? parseScenarios(list) : quick ? parseScenarios(QUICK) : MATRIX;
    const baselineText = text("baseline") ?? (quick ? "all" : DEFAULT_BASELINE);
    const baseline =
        baselineText === "all" ? scenarios : baselineText === "none" ? [] : parseScenarios(baselineText);
    const parallel = text("parallel") !== undefined ? num("parallel", 0) : undefined;
    const full = !list && !quick && !args.has("render");
    const sweepText = text("sweep") ?? (full ? DEFAULT_SWEEP : "none");
    const sweep =
        sweepText === "none"
            ? []
            : sweepText.split(",").map((v) => {
                  const n = Number(v.trim());
                  if (!Number.isInteger(n) || n < 1) throw new Error(`--sweep: "${v}" is not a parallelism`);
                  return n;
              });
    const pollScale = num("poll-scale", DEFAULT_POLL_SCALE);
    if (pollScale < 1) throw new Error("--poll-scale must be 1 or more");
    return {
        scenarios,
        baseline,
        durations: {
            createMs: num("create-ms", 2000),
            copyMs: num("copy-ms", 3000),
            importMs: num("import-ms", 4000),
        },
        parallel,
        pollScale,
        sweep,
        sweepScenario: parseScenarios(text("sweep-scenario") ?? DEFAULT_SWEEP_SCENARIO)[0],
        writeDocs: args.has("no-docs") ? false : args.has("write-docs") || full,
        outDir: path.resolve(REPO_ROOT, text("out") ?? "bench/results"),
        render: text("render"),
        command: ["npm run bench", ...(argv.length ? ["--", ...argv] : [])].join(" "),
    };
}

function log(line: string): void {
    console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<void> {
    const options = parseArgs(process.argv.slice(2));
    if (options.render) {
        const saved = JSON.parse(fs.readFileSync(path.resolve(options.render), "utf8")) as BenchReport;
        for (const r of saved.results) r.ok = isOk(r);
        writeOutputs(saved, options);
        return;
    }
    const started = new Date();
    const t0 = performance.now();
    const parallel = options.parallel ?? os.cpus().length * 4;
    log(
        `scenarios ${options.scenarios.map((s) => s.id).join(", ")}; baseline ${options.baseline.map((s) => s.id).join(", ") || "none"}; ` +
            `--parallel ${parallel}${options.parallel === undefined ? " (engine default)" : ""}; ` +
            `poll delays ÷ ${options.pollScale}` +
            (options.sweep.length
                ? `; sweep ${options.sweepScenario.id} at --parallel ${options.sweep.join(", ")}`
                : ""),
    );
    // The image quota fits 300 resources in one region (and their copies in another).
    const sandbox = await createImagesSandbox("bench", {
        seed: { imageQuota: 1000, durations: options.durations },
    });
    const results: ScenarioResult[] = [];
    let engineFloorMs: number | undefined;
    try {
        const pulumiVersion = sandbox.engine.pulumi.version?.toString() ?? "unknown";
        // The fixed cost of one engine operation: an up of a program with no resources.
        const commands = new CommandTimer();
        const empty = await sandbox.engine.stack(
            "empty",
            async () => ({}),
            sandbox.providerEnv,
            (cli) => commands.wrap(cli),
        );
        await empty.up();
        engineFloorMs = commands.last("up");
        await empty.workspace.removeStack("empty").catch(() => undefined);
        log(`engine floor (pulumi up of an empty program): ${((engineFloorMs ?? 0) / 1000).toFixed(1)} s`);

        const setup = {
            sandbox,
            durations: options.durations,
            parallel,
            explicitParallel: options.parallel !== undefined,
            pollScale: options.pollScale,
            log,
        };
        const baselineIds = new Set(options.baseline.map((s) => s.id));
        for (const s of options.scenarios) {
            results.push(await runScenario(setup, s, "batched"));
            if (baselineIds.has(s.id)) results.push(await runScenario(setup, s, "naive"));
        }
        for (const s of options.baseline) {
            if (!options.scenarios.some((x) => x.id === s.id))
                results.push(await runScenario(setup, s, "naive"));
        }
        // The sweep: the same scenario at each parallelism (a main run at the same one is reused).
        const sweep: ScenarioResult[] = [];
        for (const p of options.sweep) {
            const same = results.find(
                (r) => r.mode === "batched" && r.id === options.sweepScenario.id && r.ideal.parallel === p,
            );
            sweep.push(
                same ??
                    (await runScenario(
                        { ...setup, parallel: p, explicitParallel: true },
                        options.sweepScenario,
                        "batched",
                    )),
            );
        }

        const report: BenchReport = {
            command: options.command,
            startedAt: started.toISOString(),
            durationMs: Math.round(performance.now() - t0),
            machine: {
                cpus: os.cpus().length,
                cpuModel: os.cpus()[0]?.model ?? "unknown",
                memoryGiB: Math.round(os.totalmem() / 2 ** 30),
                node: process.version,
                pulumi: pulumiVersion,
            },
            settings: {
                durations: options.durations,
                rateLimits:
                    "documented per-action limits on (10/s per account and action; DescribeImages 40/s, DescribeRegions 20/s)",
                parallel,
                parallelSource: options.parallel === undefined ? "engine default (4 × CPUs)" : "--parallel",
                imageQuota: 1000,
                engineFloorMs,
                pollScale: options.pollScale,
            },
            results,
            sweep,
        };
        writeOutputs(report, options);
    } finally {
        await sandbox.dispose();
    }
}

function writeOutputs(report: BenchReport, options: Options): void {
    fs.mkdirSync(options.outDir, { recursive: true });
    const stamp = report.startedAt.replace(/[:.]/g, "-");
    const jsonPath = path.join(options.outDir, `${stamp}.json`);
    fs.writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = markdownReport(report);
    fs.writeFileSync(path.join(options.outDir, "latest.md"), markdown);
    fs.writeFileSync(path.join(options.outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
    if (options.writeDocs) fs.writeFileSync(path.join(REPO_ROOT, "docs", "benchmarks.md"), markdown);
    console.log(markdown);
    log(
        `wrote ${path.relative(REPO_ROOT, jsonPath)} and ${path.relative(REPO_ROOT, path.join(options.outDir, "latest.md"))}` +
            (options.writeDocs ? " and docs/benchmarks.md" : "") +
            `; the run took ${(report.durationMs / 60000).toFixed(1)} min`,
    );
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
});
