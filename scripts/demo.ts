/**
 * The one-command demo (`npm run demo`, through scripts/demo.sh, which installs, builds and puts the
 * Pulumi CLI on PATH first): runs the quickstart stack (examples/quickstart, the root Pulumi.yaml's
 * program) against the local emulator with the real Pulumi engine.
 *
 *   npm run demo                 preview, then up (a second run shows no changes)
 *   npm run demo -- preview      preview only
 *   npm run demo -- refresh      read the stack's images back from the emulator
 *   npm run demo -- destroy      delete what the stack made
 *
 * Everything it keeps is in the project folder: .emulator/state.json (the emulator's images),
 * .pulumi-state/ (the file backend), .pulumi-home/ (PULUMI_HOME) and Pulumi.dev.yaml (stack config).
 * The CLI built here has no Node.js language host, so the program runs as an Automation API inline
 * program: the example's index.ts, loaded with the packed package installed next to it.
 */
import { LocalWorkspace, OutputMap, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAIN_ACCOUNT } from "../emulator/accounts";
import { seededInstanceId } from "../emulator/models/seed";
import { startEmulator } from "../emulator/server";
import { installPackage, REPO_ROOT } from "./lib/installPackage";
import { loadProgram } from "./lib/loadProgram";

const COMMANDS = ["up", "preview", "refresh", "destroy"] as const;
type Command = (typeof COMMANDS)[number];

const STACK = "dev";
const PROJECT = "quickstart";
const REGION = "ap-guangzhou";
/**
 * The project folder: the root Pulumi.yaml, examples/quickstart, and the demo's state. The repository
 * root, unless DEMO_PROJECT_DIR names a copy (the end-to-end test runs the demo in a temp folder).
 */
const PROJECT_DIR = path.resolve(process.env.DEMO_PROJECT_DIR ?? REPO_ROOT);
const EXAMPLE_DIR = path.join(PROJECT_DIR, "examples", "quickstart");
const STATE_FILE = path.join(PROJECT_DIR, ".emulator", "state.json");
const BACKEND_DIR = path.join(PROJECT_DIR, ".pulumi-state");
const PULUMI_HOME = path.join(PROJECT_DIR, ".pulumi-home");
/** The demo's passphrase for its stack secrets, unless PULUMI_CONFIG_PASSPHRASE is set: demo use only. */
const DEMO_PASSPHRASE = "quickstart-demo";

const say = (line = "") => process.stdout.write(`${line}\n`);
const heading = (text: string) => say(`\n=== ${text}`);

function parseCommand(argv: string[]): Command {
    const [arg = "up", ...rest] = argv;
    if (rest.length > 0 || !(COMMANDS as readonly string[]).includes(arg)) {
        console.error(`usage: npm run demo [-- ${COMMANDS.join("|")}]   (got: ${argv.join(" ")})`);
        process.exit(2);
    }
    return arg as Command;
}

/** The folder that holds bin/pulumi (scripts/env.sh sets PULUMI_BIN_DIR). */
function pulumiRoot(): string {
    const bin = process.env.PULUMI_BIN_DIR;
    if (!bin || !fs.existsSync(path.join(bin, "pulumi"))) {
        throw new Error(
            "PULUMI_BIN_DIR is not set or has no pulumi binary: run the demo with `npm run demo`",
        );
    }
    return path.dirname(bin);
}

function printOutputs(outputs: OutputMap): void {
    const names = Object.keys(outputs);
    if (names.length === 0) {
        say("(the stack has no outputs)");
        return;
    }
    const width = Math.max(...names.map((n) => n.length));
    for (const name of names) {
        const { value, secret } = outputs[name];
        const text = secret ? "[secret]" : typeof value === "string" ? value : JSON.stringify(value);
        say(`  ${name.padEnd(width)}  ${text}`);
    }
}

function printNext(command: Command): void {
    heading("Next");
    say("  npm run demo               preview and up again (no changes the second time)");
    say("  npm run demo -- preview    preview only");
    say("  npm run demo -- refresh    read the stack's images back from the emulator");
    say("  npm run demo -- destroy    delete the images, copies and shares the stack made");
    if (command === "destroy") say("  (the stack is empty now; `npm run demo` makes it again)");
    say("  rm -rf .emulator .pulumi-state .pulumi-home Pulumi.dev.yaml    start over from nothing");
    say(
        `State: ${path.relative(PROJECT_DIR, STATE_FILE)} (emulator), ${path.relative(PROJECT_DIR, BACKEND_DIR)}/ (stack).`,
    );
}

async function run(command: Command, stack: Stack): Promise<void> {
    const color = process.stdout.isTTY ? "always" : "never";
    const onOutput = (out: string) => process.stdout.write(out);
    switch (command) {
        case "up":
            heading(`pulumi preview (stack ${STACK})`);
            await stack.preview({ color, onOutput, diff: false });
            heading(`pulumi up (stack ${STACK})`);
            await stack.up({ color, onOutput });
            break;
        case "preview":
            heading(`pulumi preview (stack ${STACK})`);
            await stack.preview({ color, onOutput });
            break;
        case "refresh":
            heading(`pulumi refresh (stack ${STACK})`);
            await stack.refresh({ color, onOutput });
            break;
        case "destroy":
            heading(`pulumi destroy (stack ${STACK})`);
            await stack.destroy({ color, onOutput });
            break;
    }
}

async function main(): Promise<void> {
    const command = parseCommand(process.argv.slice(2));
    const started = Date.now();

    heading("Installing the packed package into examples/quickstart/node_modules");
    const installed = installPackage(EXAMPLE_DIR, REPO_ROOT, path.join(PROJECT_DIR, ".tmp", "demo-pack"));
    say(`  ${path.relative(PROJECT_DIR, installed)}`);

    fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
    fs.mkdirSync(BACKEND_DIR, { recursive: true });
    fs.mkdirSync(PULUMI_HOME, { recursive: true });
    const emulator = await startEmulator({ port: 0, statePath: STATE_FILE });
    try {
        heading("Local image service (emulator)");
        say(`  endpoint ${emulator.endpoint}, state ${path.relative(PROJECT_DIR, STATE_FILE)}`);
        say(`  acting as account ${MAIN_ACCOUNT.accountId} (${MAIN_ACCOUNT.name}) in ${REGION}`);

        // The provider reads these when its methods run: in this process (the program, lookups) and
        // in the dynamic-provider host the engine starts (it inherits the engine's environment).
        const providerEnv: Record<string, string> = {
            TENCENTCLOUD_IMAGES_ENDPOINT: emulator.endpoint,
            TENCENTCLOUD_SECRET_ID: MAIN_ACCOUNT.secretId,
            TENCENTCLOUD_SECRET_KEY: MAIN_ACCOUNT.secretKey,
            TENCENTCLOUD_REGION: REGION,
        };
        Object.assign(process.env, providerEnv);
        const engineEnv: Record<string, string> = {
            ...providerEnv,
            PULUMI_HOME,
            PULUMI_BACKEND_URL: `file://${BACKEND_DIR}`,
            PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? DEMO_PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        };

        const pulumiCommand = await PulumiCommand.get({ root: pulumiRoot() });
        // The root Pulumi.yaml (project quickstart, main examples/quickstart) is the project; its
        // program runs inline: the example's own index.ts, loaded afresh for each operation.
        const stack = await LocalWorkspace.createOrSelectStack(
            {
                stackName: STACK,
                projectName: PROJECT,
                program: async () => loadProgram(path.join(EXAMPLE_DIR, "index.ts")),
            },
            { workDir: PROJECT_DIR, pulumiHome: PULUMI_HOME, pulumiCommand, envVars: engineEnv },
        );
        const instanceId = seededInstanceId(MAIN_ACCOUNT.accountId, REGION, "web-1");
        await stack.setConfig("instanceId", { value: instanceId });
        say(`  stack ${STACK}: config instanceId = ${instanceId} (the emulator's seeded web-1 in ${REGION})`);

        try {
            await run(command, stack);
        } catch (err) {
            heading(`${command} failed`);
            // The engine's own output (streamed above) has the details; the error repeats it.
            const message = (err as Error).message ?? String(err);
            const tail = message.split("\n").filter((l) => /error|failed/i.test(l));
            say(tail.slice(-5).join("\n") || message.slice(-2000));
            process.exitCode = 1;
            return;
        }

        if (command !== "destroy") {
            heading(`Outputs of stack ${STACK}`);
            printOutputs(await stack.outputs());
        }
        printNext(command);
        say(`(${command} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } finally {
        await emulator.close();
    }
}

main().catch((err: unknown) => {
    console.error(`demo: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
});
