/**
 * Loads a Pulumi program file (TypeScript, run by tsx) for an Automation API inline program, so that
 * the examples run as they are, with `import ... from "pulumi-tencentcloud-images"` resolved from the
 * node_modules next to them (the installed package, as users have it).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";

const load = createRequire(__filename);

/**
 * Runs the program at `file` and returns its exports (the stack outputs). The module is evaluated
 * afresh on every call: each engine operation (preview, up, refresh, destroy) must register its
 * resources again, and a cached module would register none. Only the program file is reloaded; the
 * packages it imports stay cached, so one `@pulumi/pulumi` instance serves the whole process.
 *
 * The process must have tsx's CommonJS hook (it does under `tsx` and mocha's `--require tsx/cjs`).
 */
export function loadProgram(file: string): Record<string, unknown> {
    if (!fs.existsSync(file)) throw new Error(`The Pulumi program ${file} does not exist.`);
    const resolved = load.resolve(file);
    delete load.cache[resolved];
    return { ...(load(resolved) as Record<string, unknown>) };
}
