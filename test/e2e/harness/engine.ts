import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installPackage } from "../../../scripts/lib/installPackage";
import { runWithEnv } from "./processEnv";

/** A program run inline by the Automation API: it gets `require` bound to the project folder. */
export type InlineProgram = (requireFromProject: NodeJS.Require) => Promise<Record<string, unknown> | void>;

export interface EngineSandbox {
    /** The project folder: Pulumi.yaml, node_modules with the installed packages. */
    projectDir: string;
    /** The file backend's folder (its state files live under .pulumi/stacks). */
    backendDir: string;
    /** The environment every engine process gets (offline, no prompts). */
    env: Record<string, string>;
    pulumi: PulumiCommand;
    /** Installs a package folder (packed with npm pack) into the project. */
    install(packageDir: string): void;
    /**
     * Creates (or selects) a stack that runs `program` with the project's packages. `wrap`: the CLI
     * the stack's workspace runs, in place of the sandbox's (e.g. to time each command).
     */
    stack(
        stackName: string,
        program: InlineProgram,
        extraEnv?: Record<string, string>,
        wrap?: (cli: PulumiCommand) => PulumiCommand,
    ): Promise<Stack>;
    /** The raw text of a stack's state file. */
    stateText(stackName: string): string;
    /** Removes the sandbox folders. */
    dispose(): void;
}

/** The folder that holds bin/pulumi (set by scripts/env.sh). */
export function pulumiRoot(): string {
    const bin = process.env.PULUMI_BIN_DIR;
    if (!bin || !fs.existsSync(path.join(bin, "pulumi"))) {
        throw new Error(
            "PULUMI_BIN_DIR is not set or has no pulumi binary: run the end-to-end tests through `npm run test:e2e`",
        );
    }
    return path.dirname(bin);
}

/** The environment of an offline, prompt-free engine with its own PULUMI_HOME and file backend. */
export function offlineEngineEnv(home: string, backendDir: string): Record<string, string> {
    return {
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PATH: process.env.PATH ?? "",
    };
}

/**
 * A throwaway engine environment: its own PULUMI_HOME, a file backend, a passphrase, no update
 * check and no plugin download. Nothing outside the sandbox folder is touched.
 */
export async function createEngineSandbox(projectName: string): Promise<EngineSandbox> {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${projectName}-`));
    const projectDir = path.join(base, "project");
    const backendDir = path.join(base, "backend");
    const home = path.join(base, "pulumi-home");
    const scratch = path.join(base, "scratch");
    for (const dir of [projectDir, backendDir, home, scratch]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(projectDir, "package.json"),
        JSON.stringify({ name: projectName, private: true, main: "index.js" }, null, 2),
    );
    // Written once, here: a workspace given projectSettings rewrites Pulumi.yaml (truncate, then
    // write) each time a stack is made, and an engine of another stack reading it at that moment
    // finds it empty ("expected project to be an object, was '<nil>'").
    fs.writeFileSync(
        path.join(projectDir, "Pulumi.yaml"),
        `name: ${projectName}\nruntime: nodejs\nbackend:\n  url: file://${backendDir}\n`,
    );
    const env = offlineEngineEnv(home, backendDir);
    const pulumi = await PulumiCommand.get({ root: pulumiRoot() });
    const { createRequire } = await import("node:module");
    const requireFromProject = createRequire(path.join(projectDir, "index.js"));

    return {
        projectDir,
        backendDir,
        env,
        pulumi,
        install: (packageDir) => void installPackage(projectDir, packageDir, scratch),
        stack: async (stackName, program, extraEnv, wrap) => {
            const stackEnv = { ...env, ...extraEnv };
            // The engine's processes (the provider host among them) get the env from the workspace;
            // the inline program runs in this process, and gets it only while an operation runs.
            const stack = await LocalWorkspace.createOrSelectStack(
                {
                    stackName,
                    projectName,
                    program: async () => (await program(requireFromProject)) ?? undefined,
                },
                {
                    workDir: projectDir,
                    pulumiHome: home,
                    pulumiCommand: wrap ? wrap(pulumi) : pulumi,
                    envVars: stackEnv,
                },
            );
            return runWithEnv(stack, extraEnv ?? {});
        },
        stateText: (stackName) =>
            fs.readFileSync(
                path.join(backendDir, ".pulumi", "stacks", projectName, `${stackName}.json`),
                "utf8",
            ),
        dispose: () => fs.rmSync(base, { recursive: true, force: true }),
    };
}
