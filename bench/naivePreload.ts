/**
 * Loaded with `--require` (NODE_OPTIONS) into the provider process of a naive benchmark run: sets
 * the naive baseline (./naiveBaseline.ts) as the process context's overrides of the installed
 * package, named by {@link BENCH_PACKAGE_ENV}, before any provider method runs.
 */
import * as path from "node:path";
import { naiveOverrides } from "./naiveBaseline";

/** The folder of the installed package whose provider the preload switches to the baseline. */
export const BENCH_PACKAGE_ENV = "TENCENTCLOUD_IMAGES_BENCH_PACKAGE";

const packageDir = process.env[BENCH_PACKAGE_ENV];
if (packageDir) {
    // The installed package's modules, by path, synchronously: the overrides must be set before the
    // provider host loads the handlers.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (module: string): unknown => require(path.join(packageDir, "dist", "provider", module));
    const { ImageWaiter } = load("backend/waiter") as typeof import("../provider/backend/waiter");
    const { LiveFacts } = load("plan/liveFacts") as typeof import("../provider/plan/liveFacts");
    const context = load("processContext") as typeof import("../provider/processContext");
    context.setProcessOverrides(naiveOverrides({ ImageWaiter, LiveFacts }));
}
