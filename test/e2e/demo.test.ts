import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/installPackage";

// The demo runner (what `npm run demo` runs after installing and building) in a temp copy of the
// project folder, so the repository's own .emulator/ and .pulumi-state/ are left alone.
describe("npm run demo (scripts/demo.ts) in a copy of the project folder", function () {
    let projectDir: string;

    /** Runs the demo runner with `args`; returns its output, failing on a non-zero exit. */
    function demo(...args: string[]): string {
        const result = spawnSync(
            path.join(REPO_ROOT, "node_modules", ".bin", "tsx"),
            [path.join(REPO_ROOT, "scripts", "demo.ts"), ...args],
            {
                cwd: projectDir,
                encoding: "utf8",
                env: { ...process.env, DEMO_PROJECT_DIR: projectDir, PULUMI_CONFIG_PASSPHRASE: "demo-e2e" },
                maxBuffer: 64 * 1024 * 1024,
            },
        );
        const output = `${result.stdout}${result.stderr}`;
        if (process.env.E2E_TRANSCRIPT) console.log(output);
        assert.equal(result.status, 0, `demo ${args.join(" ")} failed:\n${output.slice(-3000)}`);
        return output;
    }

    before(() => {
        projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-demo-"));
        fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(projectDir, "Pulumi.yaml"));
        const example = path.join(projectDir, "examples", "quickstart");
        fs.mkdirSync(example, { recursive: true });
        for (const file of ["index.ts", "package.json", "Pulumi.yaml"]) {
            fs.copyFileSync(path.join(REPO_ROOT, "examples", "quickstart", file), path.join(example, file));
        }
    });
    after(() => projectDir && fs.rmSync(projectDir, { recursive: true, force: true }));

    it("up makes the stack, a second run changes nothing, destroy deletes it; the state persists between runs", () => {
        const first = demo();
        assert.match(first, /\+ 4 to create/, "the preview runs first");
        assert.match(first, /\+ 4 created/);
        const imageId = /^\s+imageId\s+(img-[a-z0-9]{8})$/m.exec(first)?.[1];
        assert.ok(imageId, "the demo prints the outputs");
        assert.match(first, /npm run demo -- destroy/, "the demo says how to destroy");
        assert.ok(fs.existsSync(path.join(projectDir, ".emulator", "state.json")));
        assert.ok(
            fs.existsSync(
                path.join(projectDir, ".pulumi-state", ".pulumi", "stacks", "quickstart", "dev.json"),
            ),
        );

        const second = demo();
        assert.match(second, /4 unchanged/);
        assert.doesNotMatch(second, /created|updated|replaced|deleted/);
        assert.match(
            second,
            new RegExp(`imageId\\s+${imageId}`),
            "the same image, kept by the emulator's state",
        );

        const destroy = demo("destroy");
        assert.match(destroy, /- 4 deleted/);
    });
});
