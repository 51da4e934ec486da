import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/installPackage";
import { createUserProject, UserProject } from "./harness/userProject";

// The issue's "done when": the packed tarball installed into a fresh folder that the package's own
// scaffolding made, previewed, updated and destroyed against the emulator under the real engine,
// with no warning on stderr (or in the engine's output) that the package causes.
describe("a newcomer's first program: init, npm install of the tarball, preview, up, destroy", function () {
    let project: UserProject;
    /** Everything the engine wrote to stderr, per operation. */
    const stderr: Record<string, string> = {};
    const stdout: Record<string, string> = {};
    const capture = (op: string) => ({
        onOutput: (text: string) => (stdout[op] = (stdout[op] ?? "") + text),
        onError: (text: string) => (stderr[op] = (stderr[op] ?? "") + text),
        color: "never" as const,
    });

    before(async () => {
        project = await createUserProject("my-images");
    });
    after(async () => project?.dispose());

    it("writes a project whose package.json main exists, and installs it with no npm warning", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(project.dir, "package.json"), "utf8")) as {
            main: string;
            dependencies: Record<string, string>;
        };
        assert.ok(fs.existsSync(path.join(project.dir, manifest.main)), `main ${manifest.main} is missing`);
        assert.deepEqual(fs.readdirSync(project.dir).sort(), [
            "Pulumi.yaml",
            "index.ts",
            "node_modules",
            "package-lock.json",
            "package.json",
            "tsconfig.json",
        ]);
        assert.doesNotMatch(
            fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"),
            /\$\{|^template:/m,
        );
        assert.equal(project.initStderr, "");
        assert.deepEqual(
            project.installStderr.split("\n").filter((line) => /warn|ERR/i.test(line)),
            [],
        );
    });

    it("type-checks with the tsconfig it wrote (what the Pulumi CLI's TypeScript support runs)", () => {
        const tsc = spawnSync(
            path.join(project.dir, "node_modules", ".bin", "tsc"),
            ["--noEmit", "-p", "."],
            {
                cwd: project.dir,
                encoding: "utf8",
            },
        );
        assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    });

    it("is the README's first program, word for word", () => {
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        const firstTs = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
        assert.equal(firstTs, fs.readFileSync(path.join(project.dir, "index.ts"), "utf8"));
    });

    it("previews the stack and its 3 resources as creates, with no stack config at all", async () => {
        const stack = await project.stack("dev");
        const preview = await stack.preview(capture("preview"));
        assert.equal(preview.changeSummary.create, 4); // the stack and the three resources
    });

    it("ups: the image of web-1, two copies, a share with the emulator's other accounts", async () => {
        const stack = await project.stack("dev");
        const up = await stack.up(capture("up"));
        assert.equal(up.summary.result, "succeeded");
        assert.match(up.outputs.imageId.value as string, /^img-[a-z0-9]{8}$/);
        assert.deepEqual(Object.keys(up.outputs.copyImageIds.value as object).sort(), [
            "ap-shanghai",
            "ap-singapore",
        ]);
        assert.deepEqual(up.outputs.sharedWith.value, [
            project.accounts[1].accountId,
            project.accounts[2].accountId,
        ]);
        // What the state stores loads the installed package through its exports map.
        assert.match(
            project.stateText("dev"),
            /require\(\\"pulumi-tencentcloud-images\/dist\/provider\/resources\/handlers\.js\\"\)/,
        );
        // The hidden plan count (how the provider knows its checks are over) is taken out by the check:
        // no stored inputs or outputs hold it (the engine's propertyDependencies name the key only).
        const { resources } = (
            JSON.parse(project.stateText("dev")) as {
                checkpoint: { latest: { resources: { inputs?: object; outputs?: object }[] } };
            }
        ).checkpoint.latest;
        for (const r of resources) {
            assert.ok(!("__planCount" in (r.inputs ?? {})) && !("__planCount" in (r.outputs ?? {})));
        }
        const again = await stack.preview(capture("preview-again"));
        assert.deepEqual(again.changeSummary, { same: 4 });
    });

    it("destroys everything it made", async () => {
        const stack = await project.stack("dev");
        const destroy = await stack.destroy(capture("destroy"));
        assert.equal(destroy.summary.result, "succeeded");
        assert.equal(destroy.summary.resourceChanges?.delete, 4);
    });

    it("printed the waits and the quota headroom as plain lines, one fact per line", () => {
        const progress = stdout.up.split("\n").filter((line) => line.includes("tencentcloud-images: "));
        assert.ok(progress.length > 0, stdout.up);
        for (const line of progress) {
            assert.doesNotMatch(line, /\u001b/);
            // The engine shows them on its stack row ("+ pulumi:pulumi:Stack … creating (1s) <line>").
            const facts = line.split("tencentcloud-images: ").slice(1);
            assert.equal(facts.length, 1, `one fact per line: ${line}`);
            // A wait of one resource, or the quota headroom of one region after the plan.
            assert.match(
                facts[0],
                /^((CustomImage|ImageCopy|ImageShare) "[^"]+": \S.*|[a-z]+-[a-z-]+: \d+ of \d+ custom images after this plan \(.*\))$/,
            );
        }
    });

    it("printed no warning: nothing on the engine's stderr, no warning line in its output", () => {
        assert.deepEqual(Object.keys(stdout).sort(), ["destroy", "preview", "preview-again", "up"]);
        for (const [op, text] of Object.entries(stderr)) assert.equal(text, "", `${op} wrote to stderr`);
        for (const [op, text] of Object.entries(stdout)) {
            assert.deepEqual(
                text.split("\n").filter((line) => /warning/i.test(line)),
                [],
                `${op} printed a warning`,
            );
        }
    });
});
