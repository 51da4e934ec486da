import { strict as assert } from "node:assert";
import { Clock } from "../../../provider/backend/clock";
import { RateLimiter } from "../../../provider/backend/rateLimiter";
import { FakeClock, flush } from "./fakeClock";

/** Starts `n` acquisitions of `action` and records when each is granted. */
function start(limiter: RateLimiter, clock: FakeClock, action: string, n: number): { times: number[] } {
    const times: number[] = [];
    for (let i = 0; i < n; i++) void limiter.acquire(action).then(() => times.push(clock.now()));
    return { times };
}

/** The most grants in any one-second window (the way the service counts). */
function busiestSecond(times: number[]): number {
    return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
}

/**
 * A clock whose event loop stalls: a sleep that would end inside [from, until) ends at `until`, as timers
 * do when the process is busy.
 */
class StallingClock implements Clock {
    constructor(
        private readonly inner: FakeClock,
        private readonly from: number,
        private readonly until: number,
    ) {}
    now(): number {
        return this.inner.now();
    }
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
        const due = this.now() + ms;
        const late = due >= this.from && due < this.until ? this.until - this.now() : ms;
        return this.inner.sleep(late, signal);
    }
}

describe("RateLimiter (a sliding window per action, fake clock)", () => {
    it("never lets more than the limit through in any one-second window, and keeps most of the rate", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const t0 = clock.now();
        const run = start(limiter, clock, "CreateImage", 40);
        await clock.runAll();
        assert.equal(run.times.length, 40);
        assert.ok(busiestSecond(run.times) <= 10, `${busiestSecond(run.times)} in one second`);
        const seconds = (run.times[run.times.length - 1] - t0) / 1000;
        // 10 in every 1.25 s (a second and the arrival spread): the 40th at 3.75 s.
        assert.ok(seconds <= 3.75 + 0.01, `40 requests took ${seconds} s at a limit of 10/s`);
    });

    it("after a stall of the event loop, the late requests do not go in a burst", async () => {
        const fake = new FakeClock();
        const t0 = fake.now();
        const clock = new StallingClock(fake, t0 + 500, t0 + 2500);
        const limiter = new RateLimiter({ clock });
        const run = start(limiter, fake, "CreateImage", 30);
        await fake.runAll();
        assert.equal(run.times.length, 30);
        assert.ok(
            run.times.some((t) => t >= t0 + 2500),
            "the stall delayed some requests (else the test shows nothing)",
        );
        assert.ok(busiestSecond(run.times) <= 10, `${busiestSecond(run.times)} in one second after a stall`);
    });

    it("leaves room for late arrivals: even a window 250 ms longer than a second never holds more than the limit", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        for (const [action, limit] of [
            ["CreateImage", 10],
            ["DescribeImages", 40],
            ["DescribeRegions", 20],
        ] as const) {
            const run = start(limiter, clock, action, limit * 3);
            await clock.runAll();
            const busiest = Math.max(
                ...run.times.map((t) => run.times.filter((u) => u >= t && u < t + 1250).length),
            );
            assert.ok(busiest <= limit, `${action}: ${busiest} within 1.25 s at a limit of ${limit}/s`);
        }
    });

    it("uses the documented limits (DescribeImages 40/s, DescribeRegions 20/s, else 10/s)", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const images = start(limiter, clock, "DescribeImages", 120);
        const regions = start(limiter, clock, "DescribeRegions", 60);
        await clock.runAll();
        assert.equal(busiestSecond(images.times), 40);
        assert.equal(busiestSecond(regions.times), 20);
        assert.equal(limiter.limitOf("ModifyImageSharePermission"), 10);
    });

    it("keeps a separate bucket per action", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        const a = start(limiter, clock, "CreateImage", 1);
        const b = start(limiter, clock, "SyncImages", 1);
        await flush();
        assert.equal(a.times.length + b.times.length, 2, "one of each goes at once");
    });

    it("after a quiet spell, the allowance goes at once (no wait for a quiet lane), the rest when the window slides", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock });
        start(limiter, clock, "CreateImage", 5);
        await clock.runAll();
        await clock.tick(60_000);
        const t0 = clock.now();
        const second = start(limiter, clock, "CreateImage", 12);
        await flush();
        assert.equal(second.times.length, 10);
        await clock.runAll();
        assert.equal(second.times.length, 12);
        assert.deepEqual(second.times.slice(10), [t0 + 1250, t0 + 1250]);
    });

    it("lets waiting foreground requests go before background ones (a poll never holds up a resource's read)", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, limits: { DescribeImages: 2 } });
        const order: string[] = [];
        const ask = (name: string, priority: "foreground" | "background") =>
            limiter
                .acquire("DescribeImages", undefined, "DescribeImages", priority)
                .then(() => order.push(name));
        for (const name of ["poll-1", "poll-2", "poll-3", "poll-4"]) void ask(name, "background");
        void ask("read", "foreground");
        await clock.runAll();
        assert.deepEqual(order, ["poll-1", "poll-2", "read", "poll-3", "poll-4"]);
    });

    it("is configurable, and a limit below 2/s still holds in every window", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, limits: { DescribeImages: 5 }, defaultPerSecond: 1 });
        const images = start(limiter, clock, "DescribeImages", 15);
        const other = start(limiter, clock, "CreateImage", 4);
        await clock.runAll();
        assert.equal(busiestSecond(images.times), 5);
        assert.equal(busiestSecond(other.times), 1);
    });

    it("can be disabled", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, enabled: false });
        const run = start(limiter, clock, "CreateImage", 100);
        await flush();
        assert.equal(run.times.length, 100);
        assert.equal(clock.pending, 0);
    });

    it("an aborted wait rejects", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, defaultPerSecond: 1 });
        await clock.runAll();
        const controller = new AbortController();
        const waiting = limiter.acquire("CreateImage", controller.signal);
        const next = limiter.acquire("CreateImage", controller.signal);
        controller.abort(new Error("stop"));
        await assert.rejects(Promise.all([waiting, next]), /stop/);
    });

    it("rejects a non-positive limit, and a negative arrival spread", () => {
        assert.throws(
            () => new RateLimiter({ limits: { DescribeImages: 0 } }),
            /DescribeImages must be positive/,
        );
        assert.throws(() => new RateLimiter({ arrivalSpreadMs: -1 }), /Arrival spread must be at least 0 ms/);
    });

    it("with no arrival spread, lets the whole limit through in every second", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ clock, arrivalSpreadMs: 0 });
        const t0 = clock.now();
        const run = start(limiter, clock, "DescribeImages", 80);
        await clock.runAll();
        assert.equal(busiestSecond(run.times), 40);
        assert.equal(run.times[79] - t0, 1000, "the second 40 go one second after the first");
    });
});
