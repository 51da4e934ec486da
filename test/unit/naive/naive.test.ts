import { strict as assert } from "node:assert";
import { ImageWaiter } from "../../../provider/backend/waiter";
import { NAIVE_ENV, naiveMode, PerImageWaiter } from "../../../provider/naive";
import { sharedLiveFacts } from "../../../provider/plan/liveFacts";
import { resetPlanSingletons } from "../../../provider/plan/singletons";
import { getResourceContext, resetContext, setContextOverrides } from "../../../provider/resources/context";
import { FakeBackend, makeImage } from "../plan/fakeBackend";

// The benchmark-only naive mode must do what the benchmark says it measures: per-image polling and
// no live-facts cache across checks; and it must be off unless asked for.
describe("naive mode (benchmark baseline switch)", () => {
    const saved = process.env[NAIVE_ENV];
    const settings = { endpoint: "http://emulator.test", secretId: "AKIDnaive" };
    afterEach(() => {
        if (saved === undefined) delete process.env[NAIVE_ENV];
        else process.env[NAIVE_ENV] = saved;
        resetContext();
        resetPlanSingletons();
    });

    it("is on for 1 or true, and off when unset or anything else", () => {
        assert.equal(naiveMode({}), false);
        assert.equal(naiveMode({ [NAIVE_ENV]: "0" }), false);
        assert.equal(naiveMode({ [NAIVE_ENV]: "no" }), false);
        assert.equal(naiveMode({ [NAIVE_ENV]: "1" }), true);
        assert.equal(naiveMode({ [NAIVE_ENV]: " TRUE " }), true);
    });

    /** Two concurrent waits in one region through the context's waiter; returns the poll calls made. */
    async function twoWaits(): Promise<string[]> {
        const backend = new FakeBackend();
        const a = makeImage({ region: "ap-guangzhou" });
        const b = makeImage({ region: "ap-guangzhou" });
        backend.images = [a, b];
        setContextOverrides({ backend, waiterOptions: { initialDelayMs: 0 } });
        const { waiter } = getResourceContext();
        const options = { until: ["NORMAL" as const], timeoutMs: 60_000 };
        await Promise.all([
            waiter.waitForState("ap-guangzhou", a.imageId, options),
            waiter.waitForState("ap-guangzhou", b.imageId, options),
        ]);
        return backend.log.filter((line) => line.startsWith("describeImagesByIds"));
    }

    it("off: concurrent waits in a region share one poll", async () => {
        delete process.env[NAIVE_ENV];
        assert.ok(getResourceContext().waiter instanceof ImageWaiter);
        const polls = await twoWaits();
        assert.equal(polls.length, 1);
        assert.equal(polls[0].split(" ")[2].split(",").length, 2, "both IDs in the one poll");
    });

    it("on: each wait polls its own image alone", async () => {
        process.env[NAIVE_ENV] = "1";
        assert.ok(getResourceContext().waiter instanceof PerImageWaiter);
        const polls = await twoWaits();
        assert.equal(polls.length, 2);
        for (const poll of polls) assert.equal(poll.split(" ")[2].split(",").length, 1, poll);
    });

    it("off: checks share one live-facts cache; on: each check reads afresh", async () => {
        const backend = new FakeBackend();
        delete process.env[NAIVE_ENV];
        await sharedLiveFacts(settings, backend).regions();
        await sharedLiveFacts(settings, backend).regions();
        assert.equal(backend.count("describeRegions"), 1);

        process.env[NAIVE_ENV] = "1";
        const first = sharedLiveFacts(settings, backend);
        assert.notEqual(sharedLiveFacts(settings, backend), first);
        await first.regions();
        await sharedLiveFacts(settings, backend).regions();
        assert.equal(backend.count("describeRegions"), 3);
    });
});
