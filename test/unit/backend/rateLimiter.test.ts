import { strict as assert } from "node:assert";
import { RateLimiter } from "../../../provider/backend/rateLimiter";
import { FakeClock, flush } from "./fakeClock";

/** Starts `n` acquisitions and returns a live count of how many have been granted. */
function start(limiter: RateLimiter, action: string, n: number): { granted: () => number } {
    let granted = 0;
    for (let i = 0; i < n; i++) void limiter.acquire(action).then(() => granted++);
    return { granted: () => granted };
}

describe("RateLimiter (token bucket per action, fake clock)", () => {
    it("lets the default 10/s through at once, then one every 100 ms", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const run = start(limiter, "CreateImage", 13);
        await flush();
        assert.equal(run.granted(), 10);
        await clock.tick(99);
        assert.equal(run.granted(), 10);
        await clock.tick(1);
        assert.equal(run.granted(), 11);
        await clock.tick(200);
        assert.equal(run.granted(), 13);
    });

    it("uses the documented limits: DescribeImages 40/s, DescribeRegions 20/s", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const images = start(limiter, "DescribeImages", 41);
        const regions = start(limiter, "DescribeRegions", 21);
        await flush();
        assert.equal(images.granted(), 40);
        assert.equal(regions.granted(), 20);
        assert.equal(limiter.limitOf("ModifyImageSharePermission"), 10);
        await clock.tick(25);
        assert.equal(images.granted(), 41);
        assert.equal(regions.granted(), 20);
        await clock.tick(25);
        assert.equal(regions.granted(), 21);
    });

    it("keeps a separate bucket per action", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const a = start(limiter, "CreateImage", 10);
        const b = start(limiter, "SyncImages", 10);
        await flush();
        assert.equal(a.granted() + b.granted(), 20);
    });

    it("refills with time, up to one second's worth", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const first = start(limiter, "CreateImage", 10);
        await flush();
        assert.equal(first.granted(), 10);
        await clock.tick(60_000);
        const second = start(limiter, "CreateImage", 11);
        await flush();
        assert.equal(second.granted(), 10);
    });

    it("is configurable", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, limits: { DescribeImages: 2 }, defaultPerSecond: 1 });
        const images = start(limiter, "DescribeImages", 3);
        const other = start(limiter, "CreateImage", 2);
        await flush();
        assert.equal(images.granted(), 2);
        assert.equal(other.granted(), 1);
        await clock.tick(500);
        assert.equal(images.granted(), 3);
        assert.equal(other.granted(), 1);
    });

    it("can be disabled", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, enabled: false });
        const run = start(limiter, "CreateImage", 100);
        await flush();
        assert.equal(run.granted(), 100);
        assert.equal(clock.pending, 0);
    });

    it("an aborted wait rejects", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, defaultPerSecond: 1 });
        await limiter.acquire("CreateImage");
        const controller = new AbortController();
        const waiting = limiter.acquire("CreateImage", controller.signal);
        controller.abort(new Error("stop"));
        await assert.rejects(waiting, /stop/);
    });

    it("rejects a non-positive limit", () => {
        assert.throws(
            () => new RateLimiter({ limits: { DescribeImages: 0 } }),
            /DescribeImages must be positive/,
        );
    });
});
