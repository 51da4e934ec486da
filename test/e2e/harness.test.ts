import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createEngineSandbox, EngineSandbox } from "./harness/engine";

// Proves the engine harness itself with a minimal dynamic resource from an installed package:
// preview, up, refresh and destroy on a file backend, with a secret read from the environment.
describe("engine harness (real Pulumi CLI, file backend)", function () {
    const secret = "e2e-secret-" + "x".repeat(24);
    let sandbox: EngineSandbox;

    before(async () => {
        sandbox = await createEngineSandbox("harness");
        sandbox.install(path.join(__dirname, "fixtures", "echo-provider"));
    });
    after(() => sandbox?.dispose());

    it("runs preview, up, refresh and destroy, and keeps the secret out of the state", async () => {
        let seenByProgram: string | undefined;
        const program = async (req: NodeJS.Require) => {
            // The inline program runs in this process: it sees the stack's env while an operation runs.
            seenByProgram = process.env.E2E_ECHO_SECRET;
            const { Echo } = req("e2e-echo-provider") as {
                Echo: new (n: string, a: object) => { keyLength: unknown };
            };
            const echo = new Echo("hello", { message: "hi" });
            return { keyLength: echo.keyLength };
        };
        const stack = await sandbox.stack("dev", program, { E2E_ECHO_SECRET: secret });
        assert.equal(process.env.E2E_ECHO_SECRET, undefined, "the stack's env is not left in this process");

        const preview = await stack.preview();
        assert.equal(preview.changeSummary.create, 2, "the stack and the Echo resource are to be created");

        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(seenByProgram, secret, "the program saw the stack's env during the operation");
        assert.equal(process.env.E2E_ECHO_SECRET, undefined, "and it is taken off after the operation");
        assert.equal(up.outputs.keyLength.value, secret.length);

        const state = sandbox.stateText("dev");
        assert.ok(
            state.includes("e2e-echo-provider/impl.js"),
            "the provider is stored as a require of the installed package",
        );
        assert.ok(!state.includes(secret), "the secret read by the provider must not reach the state");

        const refresh = await stack.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        const again = await stack.preview();
        assert.equal(again.changeSummary.same, 2, "after refresh, the preview shows no changes");

        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.equal(destroy.summary.resourceChanges?.delete, 2);
    });

    it("making a stack leaves Pulumi.yaml alone, so an engine of another stack never reads it half-written", async () => {
        const projectFile = path.join(sandbox.projectDir, "Pulumi.yaml");
        const before = fs.statSync(projectFile, { bigint: true });
        await sandbox.stack("second", async () => undefined);
        await sandbox.stack("third", async () => undefined);
        const after = fs.statSync(projectFile, { bigint: true });
        assert.equal(after.mtimeNs, before.mtimeNs, "Pulumi.yaml is written once, by the sandbox");
        assert.match(fs.readFileSync(projectFile, "utf8"), /^name: harness\nruntime: nodejs\n/);
    });
});
