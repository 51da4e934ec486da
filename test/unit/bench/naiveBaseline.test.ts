import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ImageWaiter } from "../../../provider/backend/waiter";
import { LiveFacts } from "../../../provider/plan/liveFacts";
import { processContext, resetProcessContext, setProcessOverrides } from "../../../provider/processContext";
import { naiveOverrides, PerImageWaiter } from "../../../bench/naiveBaseline";
import { FakeBackend, makeImage } from "../plan/fakeBackend";

// The naive baseline must do what the benchmark says it measures: per-image polling and no
// live-facts cache across checks; without it, the shipped behaviour.
describe("naive benchmark baseline (bench/, through the process context's overrides)", () => {
    const parts = { ImageWaiter, LiveFacts };
    afterEach(() => resetProcessContext());

    /** Two concurrent waits in one region through the context's waiter; returns the poll calls made. */
    async function twoWaits(naive: boolean): Promise<string[]> {
        const backend = new FakeBackend();
        const a = makeImage({ region: "ap-guangzhou" });
        const b = makeImage({ region: "ap-guangzhou" });
        backend.images = [a, b];
        setProcessOverrides({
            backend,
            waiterOptions: { initialDelayMs: 0 },
            ...(naive ? naiveOverrides(parts) : {}),
        });
        const { waiter } = processContext();
        assert.ok(naive ? waiter instanceof PerImageWaiter : waiter instanceof ImageWaiter);
        const options = { until: ["NORMAL" as const], timeoutMs: 60_000 };
        await Promise.all([
            waiter.waitForState("ap-guangzhou", a.imageId, options),
            waiter.waitForState("ap-guangzhou", b.imageId, options),
        ]);
        return backend.log.filter((line) => line.startsWith("describeImagesByIds"));
    }

    it("off: concurrent waits in a region share one poll", async () => {
        const polls = await twoWaits(false);
        assert.equal(polls.length, 1);
        assert.equal(polls[0].split(" ")[2].split(",").length, 2, "both IDs in the one poll");
    });

    it("on: each wait polls its own image alone", async () => {
        const polls = await twoWaits(true);
        assert.equal(polls.length, 2);
        for (const poll of polls) assert.equal(poll.split(" ")[2].split(",").length, 1, poll);
    });

    it("off: checks share one live-facts cache; on: each check reads afresh", async () => {
        const backend = new FakeBackend();
        setProcessOverrides({ backend });
        await processContext().facts.regions();
        await processContext().facts.regions();
        assert.equal(backend.count("describeRegions"), 1);

        setProcessOverrides({ backend, ...naiveOverrides(parts) });
        const first = processContext().facts;
        assert.notEqual(processContext().facts, first);
        await first.regions();
        await processContext().facts.regions();
        assert.equal(backend.count("describeRegions"), 3);
    });

    it("the preload sets the baseline on the package it is pointed at, in a fresh process", () => {
        const repo = path.resolve(__dirname, "../../..");
        const script = [
            'const { processContext } = require("./provider/processContext");',
            'process.env.TENCENTCLOUD_IMAGES_ENDPOINT = "http://127.0.0.1:9";',
            "const ctx = processContext();",
            "const delays = ctx.waiter.initialDelayMs ?? ctx.waiter.options.initialDelayMs;",
            "console.log(ctx.waiter.constructor.name, processContext().facts === ctx.facts, delays);",
        ].join("\n");
        const run = (env: Record<string, string>) =>
            execFileSync(
                process.execPath,
                ["--require", "tsx/cjs", "--require", "./bench/providerPreload.ts", "-e", script],
                {
                    cwd: repo,
                    env: { ...process.env, ...env },
                    encoding: "utf8",
                },
            ).trim();
        // A package folder whose dist/provider is the repository's provider/ (the same modules).
        const pkg = fs.mkdtempSync(path.join(os.tmpdir(), "naive-preload-"));
        try {
            fs.mkdirSync(path.join(pkg, "dist"));
            fs.symlinkSync(path.join(repo, "provider"), path.join(pkg, "dist", "provider"));
            const bench = { TENCENTCLOUD_IMAGES_BENCH_PACKAGE: pkg };
            assert.equal(run({}), "ImageWaiter true 2000");
            assert.equal(run(bench), "ImageWaiter true 2000");
            assert.equal(
                run({ ...bench, TENCENTCLOUD_IMAGES_BENCH_POLL_SCALE: "100" }),
                "ImageWaiter true 20",
            );
            assert.equal(
                run({ ...bench, TENCENTCLOUD_IMAGES_BENCH_NAIVE: "1" }),
                "PerImageWaiter false 2000",
            );
        } finally {
            fs.rmSync(pkg, { recursive: true, force: true });
        }
    });
});
