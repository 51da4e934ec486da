/**
 * A user's project as a newcomer makes it before a release is on the registry: the package packed
 * from this clone (`npm pack`, with its prepack build), a folder written by the package's own
 * `tencentcloud-images-init`, `npm install`, and the emulator started from the installed package's
 * bin. The engine runs through the Automation API of the project's own `@pulumi/pulumi` (so the
 * program, the engine's client and the dynamic-provider host all use the copy that npm installed),
 * with the project's index.ts as the inline program.
 */
import type * as automation from "@pulumi/pulumi/automation";
import { ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { pack, REPO_ROOT } from "../../../scripts/lib/installPackage";
import { loadProgram } from "../../../scripts/lib/loadProgram";
import { offlineEngineEnv, pulumiRoot } from "./engine";
import { runWithEnv } from "./processEnv";

export interface EmulatorAccount {
    accountId: string;
    secretId: string;
    secretKey: string;
}

export interface UserProject {
    /** The project folder (Pulumi.yaml, index.ts, package.json, tsconfig.json, node_modules). */
    dir: string;
    tarball: string;
    /** What `tencentcloud-images-init` and `npm install` printed on stderr. */
    initStderr: string;
    installStderr: string;
    /** The project's own Automation API module. */
    automation: typeof automation;
    /** The emulator, started with the installed bin, and its accounts. */
    endpoint: string;
    accounts: EmulatorAccount[];
    /** The provider's environment for the emulator's main account (as the README sets it). */
    providerEnv: Record<string, string>;
    /** The offline engine environment (file backend, own PULUMI_HOME, passphrase). */
    engineEnv: Record<string, string>;
    /** A stack of the project's program. */
    stack(stackName: string, options?: StackOptions): Promise<automation.Stack>;
    /** The raw text of a stack's state file. */
    stateText(stackName: string): string;
    dispose(): Promise<void>;
}

export interface StackOptions {
    /** The environment of the engine and the provider: default {@link UserProject.providerEnv}. */
    env?: Record<string, string>;
    /** Wraps the CLI, e.g. to add a flag that the Automation API has no option for. */
    wrap?: (cli: automation.PulumiCommand) => automation.PulumiCommand;
}

/** Reads the emulator's --json line, or fails with what it printed. */
function firstJsonLine(child: ChildProcess): Promise<{ endpoint: string; accounts: EmulatorAccount[] }> {
    return new Promise((resolve, reject) => {
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const lines = readline.createInterface({ input: child.stdout! });
        lines.once("line", (line) =>
            resolve(JSON.parse(line) as { endpoint: string; accounts: EmulatorAccount[] }),
        );
        child.once("exit", (code) =>
            reject(new Error(`the emulator exited (${code}) before it started: ${stderr}`)),
        );
    });
}

export async function createUserProject(name: string): Promise<UserProject> {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${name}-`));
    const tarball = pack(REPO_ROOT, path.join(base, "pack"));
    const dir = path.join(base, name);
    const home = path.join(base, "pulumi-home");
    const backendDir = path.join(base, "backend");
    for (const d of [home, backendDir]) fs.mkdirSync(d, { recursive: true });

    // The README's pre-release path: the init bin of the tarball, then npm install.
    const tool = path.join(base, "tool");
    fs.mkdirSync(tool);
    execFileSync("tar", ["-xzf", tarball, "-C", tool, "--strip-components=1"]);
    const init = spawnSync(
        process.execPath,
        [path.join(tool, "dist", "init", "cli.js"), dir, "--package-spec", `file:${tarball}`],
        { encoding: "utf8" },
    );
    if (init.status !== 0) throw new Error(`tencentcloud-images-init failed: ${init.stderr}`);
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
        cwd: dir,
        encoding: "utf8",
    });
    if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);

    const emulatorProcess = spawn(
        path.join(dir, "node_modules", ".bin", "tencentcloud-images-emulator"),
        ["--port", "0", "--json"],
        { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    const { endpoint, accounts } = await firstJsonLine(emulatorProcess);
    const providerEnv = {
        TENCENTCLOUD_IMAGES_ENDPOINT: endpoint,
        TENCENTCLOUD_SECRET_ID: accounts[0].secretId,
        TENCENTCLOUD_SECRET_KEY: accounts[0].secretKey,
        TENCENTCLOUD_REGION: "ap-guangzhou",
    };
    const engineEnv = offlineEngineEnv(home, backendDir);
    const requireFromProject = createRequire(path.join(dir, "index.ts"));
    const auto = requireFromProject("@pulumi/pulumi/automation") as typeof automation;
    const cli = await auto.PulumiCommand.get({ root: pulumiRoot() });
    const projectName = path.basename(dir);

    return {
        dir,
        tarball,
        initStderr: init.stderr,
        installStderr: install.stderr,
        automation: auto,
        endpoint,
        accounts,
        providerEnv,
        engineEnv,
        stack: async (stackName, { env = providerEnv, wrap } = {}) => {
            // The provider host gets the env from the workspace; the program (lookups) runs in this
            // process, and gets it only while an operation runs.
            const stack = await auto.LocalWorkspace.createOrSelectStack(
                {
                    stackName,
                    projectName,
                    program: async () => loadProgram(path.join(dir, "index.ts")),
                },
                {
                    workDir: dir,
                    pulumiHome: home,
                    pulumiCommand: wrap ? wrap(cli) : cli,
                    envVars: { ...engineEnv, ...env },
                },
            );
            return runWithEnv(stack, env);
        },
        stateText: (stackName) =>
            fs.readFileSync(
                path.join(backendDir, ".pulumi", "stacks", projectName, `${stackName}.json`),
                "utf8",
            ),
        dispose: async () => {
            if (emulatorProcess.exitCode === null) {
                const exited = new Promise((resolve) => emulatorProcess.once("exit", resolve));
                emulatorProcess.kill("SIGTERM");
                await exited;
            }
            fs.rmSync(base, { recursive: true, force: true });
        },
    };
}
