import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { loadProgram } from "../../../scripts/lib/loadProgram";
import { REPO_ROOT } from "../../../scripts/lib/installPackage";
import type { ImagesSandbox } from "./imagesSandbox";

/**
 * A stack running examples/<name>/index.ts as it is, with the given stack config. The index.ts is
 * copied into the sandbox project, whose node_modules holds the packed package, so its
 * `import ... from "pulumi-tencentcloud-images"` resolves as in a user's project; the program runs
 * inline (the CLI has no Node.js language host here).
 */
export async function exampleStack(
    sandbox: ImagesSandbox,
    name: string,
    config: Record<string, string> = {},
): Promise<Stack> {
    const dir = path.join(sandbox.engine.projectDir, name);
    fs.mkdirSync(dir, { recursive: true });
    const program = path.join(dir, "index.ts");
    fs.copyFileSync(path.join(REPO_ROOT, "examples", name, "index.ts"), program);
    const stack = await sandbox.engine.stack(name, async () => loadProgram(program), sandbox.providerEnv);
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
    return stack;
}
