import { strict as assert } from "node:assert";
import nock from "nock";
import { createImageBackend } from "../../../provider/backend";
import { CallInfo } from "../../../provider/backend/client";
import { Image, ImageBackend, ImageState } from "../../../provider/backend/types";
import { formatDuration, ImageWaiter, ImageWaitError } from "../../../provider/backend/waiter";
import { BatchedImageReads } from "../../../provider/backend/imageReads";
import { FakeClock, flush } from "./fakeClock";
import { apiImage, CVM, domainImage as image, fakeApi, SETTINGS } from "./helpers";

/** A backend whose images the test sets; records every DescribeImages (by IDs) call. */
class FakeBackend {
    readonly calls: Array<{ region: string; ids: string[] }> = [];
    readonly images = new Map<string, Image>();
    failures = 0;
    set(region: string, id: string, state: ImageState | undefined, syncPercent: number | null = null): void {
        if (state === undefined) this.images.delete(`${region}/${id}`);
        else this.images.set(`${region}/${id}`, image(id, region, state, syncPercent));
    }
    async describeImagesByIds(region: string, ids: string[]): Promise<Image[]> {
        this.calls.push({ region, ids: [...ids].sort() });
        if (this.failures > 0) {
            this.failures--;
            throw new Error("poll failed");
        }
        return ids.flatMap((id) => {
            const found = this.images.get(`${region}/${id}`);
            return found ? [found] : [];
        });
    }
    asBackend(): ImageBackend {
        return this as unknown as ImageBackend;
    }
}

/** Tracks a promise's outcome without awaiting it. */
function track<T>(promise: Promise<T>) {
    const state: { value?: T; error?: unknown; settled: boolean } = { settled: false };
    promise.then(
        (value) => Object.assign(state, { value, settled: true }),
        (error: unknown) => Object.assign(state, { error, settled: true }),
    );
    return state;
}

/** Delays that are easy to count in; the polls unpaced (the pace has its own test). */
const OPTIONS = { initialDelayMs: 1000, maxDelayMs: 4000, backoff: 2, pollsPerSecond: Infinity };

describe("ImageWaiter", () => {
    let clock: FakeClock;
    let fake: FakeBackend;
    let waiter: ImageWaiter;

    beforeEach(() => {
        clock = new FakeClock();
        fake = new FakeBackend();
        waiter = new ImageWaiter(fake.asBackend(), { ...OPTIONS, clock });
    });

    it("polls all images of a region with one DescribeImages per tick", async () => {
        for (const id of ["img-1", "img-2", "img-3"]) fake.set("ap-guangzhou", id, "CREATING");
        fake.set("ap-shanghai", "img-9", "SYNCING");
        const opts = { until: ["NORMAL"] as ImageState[], timeoutMs: 600_000 };
        const waits = ["img-1", "img-2", "img-3"].map((id) =>
            track(waiter.waitForState("ap-guangzhou", id, opts)),
        );
        const other = track(waiter.waitForState("ap-shanghai", "img-9", opts));

        // The calls of one tick, in region order (regions polled at the same moment go in either order).
        const tickCalls = (from: number, to: number) =>
            fake.calls.slice(from, to).sort((a, b) => a.region.localeCompare(b.region));
        await clock.tick(1000);
        assert.deepEqual(tickCalls(0, 2), [
            { region: "ap-guangzhou", ids: ["img-1", "img-2", "img-3"] },
            { region: "ap-shanghai", ids: ["img-9"] },
        ]);

        fake.set("ap-guangzhou", "img-2", "NORMAL");
        await clock.tick(2000);
        assert.equal(fake.calls.length, 4);
        assert.deepEqual(tickCalls(2, 4)[0], { region: "ap-guangzhou", ids: ["img-1", "img-2", "img-3"] });
        assert.equal(waits[1].settled, true);
        assert.equal(waits[1].value?.imageState, "NORMAL");
        assert.equal(waits[0].settled, false);

        fake.set("ap-guangzhou", "img-1", "NORMAL");
        fake.set("ap-guangzhou", "img-3", "NORMAL");
        fake.set("ap-shanghai", "img-9", "NORMAL");
        await clock.tick(4000);
        assert.deepEqual(tickCalls(4, 6)[0], { region: "ap-guangzhou", ids: ["img-1", "img-3"] });
        assert.ok(waits.every((w) => w.settled && w.value?.imageState === "NORMAL"));
        assert.equal(other.settled, true);

        // Nobody waits any more: no further polls.
        await clock.tick(60_000);
        assert.equal(fake.calls.length, 6);
        assert.equal(clock.pending, 0);
    });

    it("through the real backend: 3 images → one HTTP DescribeImages per tick with the 3 IDs", async () => {
        nock.disableNetConnect();
        try {
            const calls: CallInfo[] = [];
            const backend = createImageBackend(SETTINGS, {
                rateLimit: false,
                clock,
                onCall: (c) => calls.push(c),
            });
            const realWaiter = new ImageWaiter(backend, { ...OPTIONS, clock });
            const creating = (id: string, state = "CREATING") => apiImage({ ImageId: id, ImageState: state });
            const sent = fakeApi(CVM, [
                {
                    TotalCount: 3,
                    ImageSet: [creating("img-a0000001"), creating("img-a0000002"), creating("img-a0000003")],
                },
                {
                    TotalCount: 3,
                    ImageSet: ["img-a0000001", "img-a0000002", "img-a0000003"].map((id) =>
                        creating(id, "NORMAL"),
                    ),
                },
            ]);
            const waits = ["img-a0000001", "img-a0000002", "img-a0000003"].map((id) =>
                track(realWaiter.waitForState("ap-guangzhou", id, { until: ["NORMAL"], timeoutMs: 60_000 })),
            );
            await clock.tick(1000);
            await flush();
            assert.equal(sent.length, 1);
            assert.deepEqual(sent[0].json.ImageIds, ["img-a0000001", "img-a0000002", "img-a0000003"]);
            await clock.tick(2000);
            await flush();
            assert.equal(sent.length, 2);
            assert.ok(waits.every((w) => w.settled && w.value?.imageState === "NORMAL"));
            assert.equal(calls.length, 2);
        } finally {
            nock.cleanAll();
            nock.enableNetConnect();
        }
    });

    it("fails fast on CREATEFAILED, naming the image", async () => {
        fake.set("ap-guangzhou", "img-1", "CREATING");
        const wait = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }),
        );
        await clock.tick(1000);
        fake.set("ap-guangzhou", "img-1", "CREATEFAILED");
        await clock.tick(2000);
        assert.ok(wait.error instanceof ImageWaitError);
        assert.equal(wait.error.reason, "failed");
        assert.equal(wait.error.lastState, "CREATEFAILED");
        assert.match(
            wait.error.message,
            /^Image img-1 \(name-img-1\) in ap-guangzhou is CREATEFAILED after 3s/,
        );
        assert.equal(fake.calls.length, 2);
    });

    it("fails on IMPORTFAILED and on extra failOn states", async () => {
        fake.set("ap-guangzhou", "img-1", "IMPORTFAILED");
        fake.set("ap-guangzhou", "img-2", "USING");
        const a = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 60_000 }),
        );
        const b = track(
            waiter.waitForState("ap-guangzhou", "img-2", {
                until: ["NORMAL"],
                failOn: ["USING"],
                timeoutMs: 60_000,
            }),
        );
        await clock.tick(1000);
        assert.equal((a.error as ImageWaitError).reason, "failed");
        assert.equal((b.error as ImageWaitError).lastState, "USING");
    });

    it("times out naming the image, its state and how long it waited", async () => {
        fake.set("ap-guangzhou", "img-1", "SYNCING", 40);
        const wait = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 10_000 }),
        );
        await clock.tick(9_999);
        assert.equal(wait.settled, false);
        await clock.tick(1);
        assert.ok(wait.error instanceof ImageWaitError);
        assert.equal(wait.error.reason, "timeout");
        assert.equal(wait.error.waitedMs, 10_000);
        assert.equal(
            wait.error.message,
            "Timed out after 10s waiting for image img-1 in ap-guangzhou to become NORMAL; it is still SYNCING " +
                "(SyncPercent 40). Raise timeoutMinutes or check the image in the console.",
        );
    });

    it("reports progress (state and SyncPercent) when it changes", async () => {
        const seen: string[] = [];
        fake.set("ap-shanghai", "img-1", "SYNCING", 0);
        const wait = track(
            waiter.waitForState("ap-shanghai", "img-1", {
                until: ["NORMAL"],
                timeoutMs: 600_000,
                onProgress: (i) => seen.push(`${i.imageState}:${i.syncPercent}`),
            }),
        );
        await clock.tick(1000);
        await clock.tick(2000); // unchanged: not reported again
        fake.set("ap-shanghai", "img-1", "SYNCING", 55);
        await clock.tick(4000);
        fake.set("ap-shanghai", "img-1", "NORMAL");
        await clock.tick(4000);
        assert.deepEqual(seen, ["SYNCING:0", "SYNCING:55", "NORMAL:null"]);
        assert.equal(wait.value?.imageState, "NORMAL");
    });

    it("an image that vanishes while waited on is an error, not an endless wait", async () => {
        fake.set("ap-guangzhou", "img-1", "CREATING");
        const wait = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }),
        );
        await clock.tick(1000);
        fake.set("ap-guangzhou", "img-1", undefined);
        await clock.tick(2000);
        assert.ok(wait.error instanceof ImageWaitError);
        assert.equal(wait.error.reason, "gone");
        assert.match(wait.error.message, /Image img-1 in ap-guangzhou disappeared .* \(it was CREATING\)/);
    });

    it("an image never seen counts as gone only after several misses", async () => {
        const wait = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }),
        );
        await clock.tick(1000);
        await clock.tick(2000);
        assert.equal(wait.settled, false);
        await clock.tick(4000);
        assert.equal((wait.error as ImageWaitError).reason, "gone");
        assert.equal(fake.calls.length, 3);
    });

    it("a freshly created image that appears late is waited for normally", async () => {
        const wait = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }),
        );
        await clock.tick(1000);
        fake.set("ap-guangzhou", "img-1", "NORMAL");
        await clock.tick(2000);
        assert.equal(wait.value?.imageState, "NORMAL");
    });

    it("waitForGone resolves once the image is no longer returned", async () => {
        fake.set("ap-guangzhou", "img-1", "NORMAL");
        const progress: string[] = [];
        const wait = track(
            waiter.waitForGone("ap-guangzhou", "img-1", {
                timeoutMs: 60_000,
                onProgress: (i) => progress.push(i.imageState),
            }),
        );
        await clock.tick(1000);
        assert.equal(wait.settled, false);
        fake.set("ap-guangzhou", "img-1", undefined);
        await clock.tick(2000);
        assert.equal(wait.settled, true);
        assert.equal(wait.error, undefined);
        assert.deepEqual(progress, ["NORMAL"]);
    });

    it("waitForGone times out if the image stays", async () => {
        fake.set("ap-guangzhou", "img-1", "NORMAL");
        const wait = track(waiter.waitForGone("ap-guangzhou", "img-1", { timeoutMs: 5_000 }));
        await clock.tick(5_000);
        assert.equal((wait.error as ImageWaitError).reason, "timeout");
        assert.match((wait.error as Error).message, /to be deleted; it is still NORMAL/);
    });

    it("tolerates a few poll failures, then fails naming the image", async () => {
        fake.set("ap-guangzhou", "img-1", "CREATING");
        fake.failures = 2;
        const ok = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["CREATING"], timeoutMs: 600_000 }),
        );
        await clock.tick(1000 + 2000 + 4000);
        assert.equal(ok.value?.imageState, "CREATING");

        fake.failures = 3;
        const bad = track(
            waiter.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }),
        );
        await clock.tick(1000 + 2000 + 4000);
        assert.equal((bad.error as ImageWaitError).reason, "poll-error");
        assert.match((bad.error as Error).message, /Could not poll image img-1 in ap-guangzhou: poll failed/);
    });

    it("stops waiting when the signal aborts", async () => {
        fake.set("ap-guangzhou", "img-1", "CREATING");
        const controller = new AbortController();
        const wait = track(
            waiter.waitForState("ap-guangzhou", "img-1", {
                until: ["NORMAL"],
                timeoutMs: 600_000,
                signal: controller.signal,
            }),
        );
        await clock.tick(1000);
        controller.abort(new Error("cancelled by user"));
        await flush();
        assert.match(String((wait.error as Error).message), /cancelled by user/);
        await clock.tick(60_000);
        assert.equal(fake.calls.length, 1);
    });

    /** A wait until NORMAL of an image in ap-guangzhou, tracked. */
    const untilNormal = (imageId: string) =>
        track(waiter.waitForState("ap-guangzhou", imageId, { until: ["NORMAL"], timeoutMs: 600_000 }));

    it("a new wait wakes a poll loop that sleeps a long delay, and polls at the newcomer's pace", async () => {
        fake.set("ap-guangzhou", "img-1", "SYNCING");
        fake.set("ap-guangzhou", "img-2", "CREATING");
        untilNormal("img-1");
        // Polls at 1 s, 3 s, 7 s: the loop now sleeps 4 s (the longest delay), until 11 s.
        await clock.tick(7000);
        assert.equal(fake.calls.length, 3);
        const second = untilNormal("img-2");
        fake.set("ap-guangzhou", "img-2", "NORMAL");
        // The newcomer is polled 1 s after it joined (at 8 s), with the image already waited on.
        await clock.tick(999);
        assert.equal(fake.calls.length, 3);
        await clock.tick(1);
        assert.deepEqual(fake.calls[3], { region: "ap-guangzhou", ids: ["img-1", "img-2"] });
        assert.equal(second.value?.imageState, "NORMAL");
        // The old wait kept its own cadence: its next poll is 4 s after that one (at 12 s), not sooner.
        await clock.tick(3999);
        assert.equal(fake.calls.length, 4);
        await clock.tick(1);
        assert.deepEqual(fake.calls[4], { region: "ap-guangzhou", ids: ["img-1"] });
    });

    it("paces its polls over all regions (30 in any second by default), every region in turn", async () => {
        const paced = new ImageWaiter(fake.asBackend(), { initialDelayMs: 1000, maxDelayMs: 4000, clock });
        const regions = Array.from({ length: 40 }, (_, i) => `region-${i}`);
        for (const region of regions) {
            fake.set(region, "img-1", "CREATING");
            track(paced.waitForState(region, "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }));
        }
        await clock.tick(1000);
        // All 40 were due at 1 s: 30 are polled then, the other 10 once the window has slid by.
        assert.equal(fake.calls.length, 30);
        await clock.tick(999);
        assert.equal(fake.calls.length, 30);
        await clock.tick(1);
        assert.equal(fake.calls.length, 40);
        assert.deepEqual(new Set(fake.calls.map((c) => c.region)), new Set(regions));
    });

    it("a newcomer never delays a poll that is due sooner", async () => {
        fake.set("ap-guangzhou", "img-1", "CREATING");
        fake.set("ap-guangzhou", "img-2", "CREATING");
        untilNormal("img-1");
        await clock.tick(500);
        untilNormal("img-2");
        await clock.tick(500);
        assert.deepEqual(fake.calls, [{ region: "ap-guangzhou", ids: ["img-1", "img-2"] }]);
    });

    it("a read by ID asked for at the moment of a poll joins its DescribeImages", async () => {
        const reads = new BatchedImageReads(fake.asBackend());
        let seen: ReturnType<typeof track<Image | undefined>> | undefined;
        // A clock that has a resource read another image in the very turn the loop wakes to poll.
        const wakingClock = {
            now: () => clock.now(),
            sleep: (ms: number, signal?: AbortSignal) =>
                clock.sleep(ms, signal).then(() => {
                    seen ??= track(reads.image("ap-guangzhou", "img-7"));
                }),
        };
        const shared = new ImageWaiter(fake.asBackend(), { ...OPTIONS, clock: wakingClock, reads });
        fake.set("ap-guangzhou", "img-1", "CREATING");
        fake.set("ap-guangzhou", "img-7", "NORMAL");
        track(shared.waitForState("ap-guangzhou", "img-1", { until: ["NORMAL"], timeoutMs: 600_000 }));
        await clock.tick(1000);
        assert.deepEqual(fake.calls, [{ region: "ap-guangzhou", ids: ["img-1", "img-7"] }]);
        assert.equal(seen?.value?.imageId, "img-7");
    });

    it("formatDuration", () => {
        assert.equal(formatDuration(12_000), "12s");
        assert.equal(formatDuration(120_000), "2m 0s");
        assert.equal(formatDuration(3_723_000), "1h 2m 3s");
    });
});
