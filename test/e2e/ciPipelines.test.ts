import type * as automation from "@pulumi/pulumi/automation";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../scripts/lib/installPackage";
import { createUserProject, UserProject } from "./harness/userProject";
import { aroundRun } from "./harness/cliRun";

// examples/ci: the GitHub Actions workflow and the GitLab CI file, parsed, and their preview paths
// for forks run here as the pipelines run them: the emulator step's own shell script (on a random
// port instead of 8080), then the preview through the Automation API, as `pulumi preview --diff`
// and as `pulumi preview --json`. A pull request that names an instance that does not exist must
// fail there, with the failure in the JSON under the resource's URN, readable as plain lines.

interface GitHubStep {
    name?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface GitHubJob {
    if?: string;
    env?: Record<string, string>;
    steps: GitHubStep[];
}
interface GitLabJob {
    rules?: { if: string }[];
    variables?: Record<string, string>;
    script: string[];
}

const CI_DIR = path.join(REPO_ROOT, "examples", "ci");
const github = parse(fs.readFileSync(path.join(CI_DIR, "github-actions.yml"), "utf8")) as {
    on: Record<string, unknown>;
    jobs: Record<string, GitHubJob>;
};
const gitlab = parse(fs.readFileSync(path.join(CI_DIR, "gitlab-ci.yml"), "utf8")) as Record<
    string,
    GitLabJob
>;

const ANSI = /\u001b\[[0-9;]*m/g;
const MISSING_INSTANCE = "ins-zzzzzzzz";

/** Runs a pipeline's shell lines with bash in the project folder; the emulator gets a random port. */
function runShell(script: string, project: UserProject, env: Record<string, string>): void {
    const local = script.replaceAll("--port 8080", "--port 0");
    assert.notEqual(local, script, "the emulator step starts the emulator on port 8080");
    const result = spawnSync("bash", ["-euo", "pipefail", "-c", local], {
        cwd: project.dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
        timeout: 60_000,
    });
    assert.equal(result.status, 0, `the pipeline's shell lines failed: ${result.stderr}`);
}

/** The processes whose parent is `pid` (from Linux /proc). */
function childrenOf(pid: number): number[] {
    return fs.readdirSync("/proc").flatMap((entry) => {
        if (!/^\d+$/.test(entry)) return [];
        try {
            // "<pid> (<command>) <state> <ppid> …": the command may hold spaces, so split after it.
            const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
            return ppid === pid ? [Number(entry)] : [];
        } catch {
            return []; // gone meanwhile
        }
    });
}

/** Stops a process and everything it started: `npx` runs the emulator as its grandchild. */
function stopTree(pid: number): void {
    for (const child of childrenOf(pid)) stopTree(child);
    try {
        process.kill(pid, "SIGTERM");
    } catch {
        // exited already
    }
}

/** `KEY=value` lines (GITHUB_ENV, `env` output) as a record. */
function envLines(text: string): Record<string, string> {
    return Object.fromEntries(
        text
            .split("\n")
            .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
            .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
}

/** The CLI with `--json` added to `preview`, which the Automation API has no option for. */
function withJson(cli: automation.PulumiCommand): automation.PulumiCommand {
    return aroundRun(cli, (args, run) => run(args[0] === "preview" ? [...args, "--json"] : args));
}

interface PreviewRun {
    ok: boolean;
    stdout: string;
    stderr: string;
}
async function preview(stack: automation.Stack, opts: automation.PreviewOptions): Promise<PreviewRun> {
    let stdout = "";
    let stderr = "";
    try {
        await stack.preview({ ...opts, onOutput: (t) => (stdout += t), onError: (t) => (stderr += t) });
        return { ok: true, stdout, stderr };
    } catch {
        return { ok: false, stdout, stderr };
    }
}

interface PreviewJson {
    steps?: { op: string; urn: string }[];
    diagnostics?: { urn?: string; severity: string; message: string; prefix?: string }[];
}

/** The failure of the CustomImage "release" in the JSON a gate would read: its URN, one plain line. */
function assertFailureInJson(json: PreviewJson): void {
    const errors = (json.diagnostics ?? []).filter((d) => d.severity === "error" && d.urn);
    const failure = errors.find((d) => /:CustomImage::release$/.test(d.urn!));
    assert.ok(
        failure,
        `no error diagnostic with the CustomImage's URN in ${JSON.stringify(json.diagnostics)}`,
    );
    assert.match(
        failure.message,
        new RegExp(`CustomImage "release": source\\.instanceId "${MISSING_INSTANCE}"`),
    );
    assert.doesNotMatch(failure.message, ANSI);
    assert.equal(failure.message.trim().split("\n").length, 1, `one line per failure: ${failure.message}`);
}

/**
 * What the CLI wrote to stderr besides the provider's quota headroom lines (the engine prints a
 * dynamic provider's own lines there in --diff mode): one plain fact per line, nothing else allowed.
 */
function stderrBesidesHeadroom(stderr: string): string[] {
    const headroom = /^tencentcloud-images: [a-z]+-[a-z-]+: \d+ of \d+ custom images after this plan \(.*\)$/;
    return stderr.split("\n").filter((line) => line.trim() !== "" && !headroom.test(line));
}

describe("examples/ci: pipelines that gate on the preview", function () {
    let project: UserProject;
    /** The emulators that the pipelines' own shell lines started. */
    const emulatorPids: number[] = [];

    before(async () => {
        // A project made by tencentcloud-images-init, with this folder's program, as a user sets it up.
        project = await createUserProject("images-ci");
        fs.copyFileSync(path.join(CI_DIR, "index.ts"), path.join(project.dir, "index.ts"));
    });
    after(async () => {
        for (const pid of emulatorPids) stopTree(pid);
        await project?.dispose();
    });

    describe("GitHub Actions (examples/ci/github-actions.yml)", () => {
        const previewJob = github.jobs.preview;
        const upJob = github.jobs.up;
        const pulumiStep = (job: GitHubJob) => {
            const step = job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
            assert.ok(step, "the job uses the official pulumi/actions");
            return step;
        };
        const emulatorStep = () => {
            const step = previewJob.steps.find((s) => s.run?.includes("tencentcloud-images-emulator"));
            assert.ok(step, "the preview job starts the emulator");
            return step;
        };

        it("previews with --diff on pull requests and ups on pushes to main, with pulumi/actions", () => {
            assert.ok("pull_request" in github.on && "push" in github.on);
            assert.match(previewJob.if!, /github\.event_name == 'pull_request'/);
            assert.deepEqual(
                { command: pulumiStep(previewJob).with!.command, diff: pulumiStep(previewJob).with!.diff },
                { command: "preview", diff: true },
            );
            assert.match(upJob.if!, /github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
            assert.equal(pulumiStep(upJob).with!.command, "up");
        });

        it("starts the emulator only for forks, and gives forks no secret", () => {
            assert.match(previewJob.env!.FROM_FORK, /head\.repo\.full_name != github\.repository/);
            assert.equal(emulatorStep().if, "env.FROM_FORK == 'true'");
            const forkSteps = previewJob.steps.filter((s) => s.if !== "env.FROM_FORK != 'true'");
            assert.doesNotMatch(JSON.stringify(forkSteps), /secrets\./);
            assert.doesNotMatch(JSON.stringify(previewJob.env), /secrets\./);
        });

        describe("a fork's pull request, run here", () => {
            let env: Record<string, string>;
            let stack: automation.Stack;
            let jsonStack: automation.Stack;
            const stackName = "emulator";

            before(async () => {
                assert.match(previewJob.env!.STACK, new RegExp(`'${stackName}'`));
                const runnerTemp = fs.mkdtempSync(path.join(project.dir, ".runner-"));
                const githubEnv = path.join(runnerTemp, "github-env");
                fs.writeFileSync(githubEnv, "");
                runShell(emulatorStep().run!, project, { RUNNER_TEMP: runnerTemp, GITHUB_ENV: githubEnv });
                env = envLines(fs.readFileSync(githubEnv, "utf8"));
                emulatorPids.push(Number(fs.readFileSync(path.join(runnerTemp, "emulator.pid"), "utf8")));
                // upsert: true, as the step sets for forks: the stack is created on the fresh backend.
                stack = await project.stack(stackName, { env });
                jsonStack = await project.stack(stackName, { env, wrap: withJson });
            });

            it("gets the emulator's endpoint and keys, a file backend and a passphrase from the step", () => {
                assert.deepEqual(Object.keys(env).sort(), [
                    "PULUMI_BACKEND_URL",
                    "PULUMI_CONFIG_PASSPHRASE",
                    "TENCENTCLOUD_IMAGES_ENDPOINT",
                    "TENCENTCLOUD_REGION",
                    "TENCENTCLOUD_SECRET_ID",
                    "TENCENTCLOUD_SECRET_KEY",
                ]);
                assert.match(env.TENCENTCLOUD_IMAGES_ENDPOINT, /^http:\/\/127\.0\.0\.1:\d+$/);
                assert.equal(env.TENCENTCLOUD_SECRET_ID, project.accounts[0].secretId);
            });

            it("pulumi preview --diff passes on the unchanged program and shows the creates", async () => {
                const run = await preview(stack, { diff: true, color: "never" });
                assert.ok(run.ok, run.stdout + run.stderr);
                assert.match(run.stdout, /\+ \S+:CustomImage: \(create\)\n\s+\[urn=\S+::release\]/);
                assert.deepEqual(stderrBesidesHeadroom(run.stderr), []);
            });

            describe("a pull request that names an instance that does not exist", () => {
                // The stack config file (Pulumi.emulator.yaml) is the project's: the next pipeline shares it.
                before(async () => stack.setConfig("instanceId", { value: MISSING_INSTANCE }));
                after(async () => stack.removeConfig("instanceId"));

                it("fails pulumi preview --diff with the failure on one plain line", async () => {
                    const run = await preview(stack, { diff: true, color: "never" });
                    assert.equal(run.ok, false);
                    assert.doesNotMatch(run.stdout + run.stderr, ANSI);
                    const lines = (run.stdout + run.stderr)
                        .split("\n")
                        .filter((line) => line.includes(MISSING_INSTANCE));
                    assert.ok(lines.length > 0, run.stdout + run.stderr);
                    for (const line of lines)
                        assert.match(line, /CustomImage resource 'release'.*CustomImage "release"/);
                });

                it("keeps the provider's message free of colour codes in a coloured console log", async () => {
                    const plain = await preview(stack, { diff: true, color: "never" });
                    const coloured = await preview(stack, { diff: true, color: "always" });
                    assert.equal(coloured.ok, false);
                    const message = (text: string) =>
                        text.split("\n").find((line) => line.includes(`is not an instance`)) ?? "";
                    const colouredLine = message(coloured.stdout + coloured.stderr);
                    const providerPart = colouredLine.slice(colouredLine.indexOf(`CustomImage "release"`));
                    assert.ok(providerPart.length > 0, coloured.stdout);
                    assert.doesNotMatch(providerPart.replace(/\u001b\[0m$/, ""), ANSI);
                    assert.equal(
                        colouredLine.replace(ANSI, "").trim(),
                        message(plain.stdout + plain.stderr).trim(),
                    );
                });

                it("puts the failure in pulumi preview --json under the CustomImage's URN", async () => {
                    const run = await preview(jsonStack, {});
                    assert.equal(run.ok, false);
                    assertFailureInJson(JSON.parse(run.stdout) as PreviewJson);
                });
            });
        });
    });

    describe("GitLab CI (examples/ci/gitlab-ci.yml)", () => {
        const isPulumi = (line: string) => /^pulumi /.test(line);

        it("previews with --diff on merge requests and ups on the default branch", () => {
            for (const name of ["preview", "preview-fork"]) {
                assert.match(gitlab[name].rules![0].if, /merge_request_event/);
                assert.ok(
                    gitlab[name].script.some((l) => /^pulumi preview --diff /.test(l)),
                    name,
                );
            }
            assert.match(gitlab.up.rules![0].if, /\$CI_COMMIT_BRANCH == \$CI_DEFAULT_BRANCH/);
            assert.ok(gitlab.up.script.some((l) => /^pulumi up --yes /.test(l)));
        });

        it("starts the emulator only for merge requests from forks, which get no project variable", () => {
            assert.match(gitlab["preview-fork"].rules![0].if, /SOURCE_PROJECT_ID != \$CI_PROJECT_ID/);
            assert.match(gitlab.preview.rules![0].if, /SOURCE_PROJECT_ID == \$CI_PROJECT_ID/);
            assert.ok(gitlab["preview-fork"].script.some((l) => l.includes("tencentcloud-images-emulator")));
            assert.ok(!gitlab.preview.script.some((l) => l.includes("tencentcloud-images-emulator")));
        });

        describe("a fork's merge request, run here", () => {
            const job = gitlab["preview-fork"];
            let env: Record<string, string>;
            let stackName: string;

            before(() => {
                const firstPulumi = job.script.findIndex(isPulumi);
                const setUp = job.script.slice(0, firstPulumi);
                const envFile = path.join(project.dir, ".gitlab-env");
                // One shell per job, as GitLab runs it: what the lines export is what the pulumi lines see.
                runShell([...setUp, `env > ${envFile}`, `echo $! > ${envFile}.pid`].join("\n"), project, {
                    ...job.variables,
                    CI_PROJECT_DIR: project.dir,
                });
                const all = envLines(fs.readFileSync(envFile, "utf8"));
                emulatorPids.push(Number(fs.readFileSync(`${envFile}.pid`, "utf8")));
                env = Object.fromEntries(
                    Object.entries(all).filter(([key]) => /^(TENCENTCLOUD_|PULUMI_)/.test(key)),
                );
                const select = job.script.find((l) => /^pulumi stack select /.test(l))!;
                stackName = /^pulumi stack select (\S+) --create/.exec(select)![1];
            });

            it("pulumi preview --diff passes on the unchanged program", async () => {
                const stack = await project.stack(stackName, { env });
                const run = await preview(stack, { diff: true, color: "never" });
                assert.ok(run.ok, run.stdout + run.stderr);
                assert.deepEqual(stderrBesidesHeadroom(run.stderr), []);
            });

            it("a merge request naming a missing instance fails, with the URN in pulumi preview --json", async () => {
                const stack = await project.stack(stackName, { env, wrap: withJson });
                await stack.setConfig("instanceId", { value: MISSING_INSTANCE });
                const run = await preview(stack, {});
                assert.equal(run.ok, false);
                assertFailureInJson(JSON.parse(run.stdout) as PreviewJson);
            });
        });
    });
});
