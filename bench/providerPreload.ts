/**
 * Loaded with `--require` (NODE_OPTIONS) into the provider process of a benchmark run: sets the
 * process context's overrides of the installed package, named by {@link BENCH_PACKAGE_ENV}, before
 * any provider method runs:
 * - {@link BENCH_POLL_SCALE_ENV} = n: the waiter's poll delays divided by n, the factor by which the
 *   benchmark scales the backend's latencies down (minutes to seconds), so that polling keeps the
 *   pace it has against the real service;
 * - {@link BENCH_NAIVE_ENV} = 1: the naive baseline (./naiveBaseline.ts).
 */
import * as path from "node:path";
import { naiveOverrides } from "./naiveBaseline";

/** The folder of the installed package whose provider the preload sets up. */
export const BENCH_PACKAGE_ENV = "TENCENTCLOUD_IMAGES_BENCH_PACKAGE";
/** The factor the waiter's poll delays are divided by (unset: the shipped delays). */
export const BENCH_POLL_SCALE_ENV = "TENCENTCLOUD_IMAGES_BENCH_POLL_SCALE";
/** `1`: the naive baseline. */
export const BENCH_NAIVE_ENV = "TENCENTCLOUD_IMAGES_BENCH_NAIVE";

const packageDir = process.env[BENCH_PACKAGE_ENV];
if (packageDir) {
    // The installed package's modules, by path, synchronously: the overrides must be set before the
    // provider host loads the handlers.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (module: string): unknown => require(path.join(packageDir, "dist", "provider", module));
    const { ImageWaiter, DEFAULT_POLL_DELAYS } = load(
        "backend/waiter",
    ) as typeof import("../provider/backend/waiter");
    const { LiveFacts } = load("plan/liveFacts") as typeof import("../provider/plan/liveFacts");
    const context = load("processContext") as typeof import("../provider/processContext");
    const scale = Number(process.env[BENCH_POLL_SCALE_ENV] ?? "1");
    if (!(scale > 0)) throw new Error(`${BENCH_POLL_SCALE_ENV} must be a positive number`);
    context.setProcessOverrides({
        waiterOptions: {
            initialDelayMs: DEFAULT_POLL_DELAYS.initialDelayMs / scale,
            maxDelayMs: DEFAULT_POLL_DELAYS.maxDelayMs / scale,
        },
        ...(process.env[BENCH_NAIVE_ENV] === "1" ? naiveOverrides({ ImageWaiter, LiveFacts }) : {}),
    });
}
