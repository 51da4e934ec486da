import { strict as assert } from "node:assert";
import { networkInterfaces } from "node:os";
import { performance } from "node:perf_hooks";
import { isLoopback } from "../../emulator/controls";
import { startEmulator } from "../../emulator/server";
import { callRaw, control, errorCode, ok, raw } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import { createImage, instanceId, main, second } from "./helpers/world";

type Json = Record<string, unknown>;

describe("emulator: controls", () => {
    // A frozen wall clock makes the one-second rate-limit windows deterministic.
    const frozen = Date.now();
    const f = useEmulator({ wallClock: () => frozen });
    const quota = { action: "DescribeImageQuota", key: main };

    it("POST /_emulator/reset returns to the seed", async () => {
        await createImage(f, "before-reset");
        assert.equal(f.emu.controls.images({ accountId: main.accountId }).length, 1);
        const r = await control(f.endpoint, "POST", "/_emulator/reset");
        assert.equal(r.status, 200);
        assert.equal(f.emu.controls.images({ accountId: main.accountId }).length, 0);
    });

    it("POST /_emulator/seed loads quotas, limits, durations, accounts and images; bad seeds are refused", async () => {
        const seed = {
            builtins: false,
            imageQuota: 3,
            shareLimit: 1,
            durations: { createMs: 0 },
            accounts: [{ accountId: "100000000009", secretId: "AKIDSEEDED9", secretKey: "seeded-key-9" }],
            images: [
                {
                    accountId: "100000000009",
                    region: "ap-tokyo",
                    imageName: "seeded",
                    sharedWith: [main.accountId],
                },
            ],
            instances: [
                { accountId: main.accountId, region: "ap-tokyo", instanceName: "vm", dataDiskSizes: [10] },
            ],
        };
        assert.equal((await control(f.endpoint, "POST", "/_emulator/seed", seed)).status, 200);
        assert.equal((await ok(f.endpoint, quota)).ImageNumQuota, 3);
        const pub = await ok(f.endpoint, { action: "DescribeImages", key: main, body: {} });
        assert.equal(pub.TotalCount, 0, "no built-in images");
        const tokyo = await ok(f.endpoint, {
            action: "DescribeImages",
            key: main,
            region: "ap-tokyo",
            body: {},
        });
        assert.deepEqual(
            (tokyo.ImageSet as Json[]).map((i) => [i.ImageName, i.ImageType]),
            [["seeded", "SHARED_IMAGE"]],
        );
        const seededKey = { secretId: "AKIDSEEDED9", secretKey: "seeded-key-9" };
        assert.equal(
            (await ok(f.endpoint, { ...quota, key: seededKey, region: "ap-tokyo" })).ImageNumQuota,
            3,
        );
        const ins = await ok(f.endpoint, {
            action: "DescribeInstances",
            key: main,
            region: "ap-tokyo",
            body: {},
        });
        assert.equal(ins.TotalCount, 1);
        const bad = await control(f.endpoint, "POST", "/_emulator/seed", { imageQuota: "many" });
        assert.equal(bad.status, 400);
        await control(f.endpoint, "POST", "/_emulator/seed", {});
        assert.equal((await ok(f.endpoint, quota)).ImageNumQuota, 10, "an empty seed is the default one");
    });

    it("GET/POST /_emulator/config changes rules without a reset", async () => {
        await createImage(f, "kept");
        const r = await control(f.endpoint, "POST", "/_emulator/config", { imageQuota: 4, shareLimit: 9 });
        assert.equal((r.json as Json).imageQuota, 4);
        assert.equal(((await control(f.endpoint, "GET", "/_emulator/config")).json as Json).shareLimit, 9);
        assert.equal((await ok(f.endpoint, quota)).ImageNumQuota, 4);
        assert.equal(f.emu.controls.images({ accountId: main.accountId }).length, 1);
    });

    it("GET /_emulator/calls logs calls per account, region, action with outcome and code", async () => {
        await ok(f.endpoint, quota);
        await ok(f.endpoint, { ...quota, key: second, region: "ap-tokyo" });
        await errorCode(f.endpoint, { ...quota, region: "ap-nowhere" });
        const all = ((await control(f.endpoint, "GET", "/_emulator/calls")).json as { calls: Json[] }).calls;
        assert.equal(all.length, 3);
        const mine = (
            (await control(f.endpoint, "GET", `/_emulator/calls?accountId=${second.accountId}`)).json as {
                calls: Json[];
            }
        ).calls;
        assert.deepEqual(
            mine.map((c) => [c.accountId, c.region, c.action, c.outcome]),
            [[second.accountId, "ap-tokyo", "DescribeImageQuota", "ok"]],
        );
        const errors = (
            (await control(f.endpoint, "GET", "/_emulator/calls?outcome=error")).json as { calls: Json[] }
        ).calls;
        assert.equal(errors[0].code, "InvalidRegion.NotFound");
        assert.equal((await control(f.endpoint, "DELETE", "/_emulator/calls")).status, 200);
        assert.equal(f.emu.controls.callLog().length, 0);
    });

    it("GET /_emulator/images dumps images per account and region with computed states", async () => {
        const id = await createImage(f, "dumped");
        const r = (
            await control(
                f.endpoint,
                "GET",
                `/_emulator/images?accountId=${main.accountId}&region=ap-guangzhou`,
            )
        ).json as { images: Json[] };
        assert.deepEqual(
            r.images.map((i) => [i.imageId, i.imageState]),
            [[id, "CREATING"]],
        );
        const seeded = (await control(f.endpoint, "GET", `/_emulator/images?accountId=${second.accountId}`))
            .json as { images: Json[] };
        assert.ok(seeded.images.some((i) => (i.sharedWith as string[]).includes(main.accountId)));
    });

    it("POST /_emulator/clock and /_emulator/fail-next", async () => {
        const id = await createImage(f, "clocked");
        const c = await control(f.endpoint, "POST", "/_emulator/clock", { advanceMs: 60_000 });
        assert.equal((c.json as Json).offsetMs, 60_000);
        assert.equal(
            f.emu.controls.images({ accountId: main.accountId }).find((i) => i.imageId === id)?.imageState,
            "NORMAL",
        );
        await control(f.endpoint, "POST", "/_emulator/fail-next", { create: 1 });
        const failing = await createImage(f, "will-fail");
        await control(f.endpoint, "POST", "/_emulator/clock", { advanceMs: 60_000 });
        assert.equal(
            f.emu.controls.images({ accountId: main.accountId }).find((i) => i.imageId === failing)
                ?.imageState,
            "CREATEFAILED",
        );
    });

    it("unknown controls are 404", async () => {
        assert.equal((await control(f.endpoint, "GET", "/_emulator/nothing")).status, 404);
    });

    describe("faults", () => {
        it("throttling: a per-action rate limit → RequestLimitExceeded past it (other actions unaffected)", async () => {
            await control(f.endpoint, "PUT", "/_emulator/faults", { rateLimits: { DescribeImageQuota: 2 } });
            await ok(f.endpoint, quota);
            await ok(f.endpoint, quota);
            assert.equal(await errorCode(f.endpoint, quota), "RequestLimitExceeded");
            await ok(f.endpoint, { action: "DescribeImages", key: main, body: { Limit: 1 } });
            // Limits are per account.
            await ok(f.endpoint, { ...quota, key: second });
        });

        it("documented default limits switched on: 10/s, DescribeImages 40/s, DescribeRegions 20/s (the Region service's 50/s)", async () => {
            await control(f.endpoint, "PUT", "/_emulator/faults", { defaultRateLimits: true });
            const burst = async (spec: Parameters<typeof ok>[1], n: number) => {
                for (let i = 0; i < n; i++) await ok(f.endpoint, spec);
                return errorCode(f.endpoint, spec);
            };
            assert.equal(await burst(quota, 10), "RequestLimitExceeded");
            assert.equal(
                await burst({ action: "DescribeImages", key: main, body: { Limit: 1 } }, 40),
                "RequestLimitExceeded",
            );
            assert.equal(
                await burst({ action: "DescribeRegions", key: main, region: null }, 20),
                "RequestLimitExceeded",
            );
            // The Region service's DescribeRegions has a limit (and a window) of its own.
            const regionService = {
                action: "DescribeRegions",
                service: "region",
                key: main,
                region: null,
                body: { Product: "cvm" },
            };
            assert.equal(await burst(regionService, 50), "RequestLimitExceeded");
            const throttled = f.emu.controls.callLog({ code: "RequestLimitExceeded" });
            assert.equal(throttled.length, 4);
        });

        it("internalErrorRate 1 → InternalError (limited to the listed actions); 0 → none", async () => {
            await control(f.endpoint, "PUT", "/_emulator/faults", {
                internalErrorRate: 1,
                actions: ["DescribeImageQuota"],
            });
            assert.equal(await errorCode(f.endpoint, quota), "InternalError");
            await ok(f.endpoint, { action: "DescribeRegions", key: main, region: null });
            await control(f.endpoint, "POST", "/_emulator/faults", { internalErrorRate: 0 });
            await ok(f.endpoint, quota);
        });

        it("internalErrorNext fails the next N calls before they run (nothing is created)", async () => {
            f.emu.controls.setFaults({ internalErrorNext: { CreateImage: 1 } });
            const body = { ImageName: "x", InstanceId: instanceId(main.accountId, "ap-guangzhou") };
            assert.equal(
                await errorCode(f.endpoint, { action: "CreateImage", key: main, body }),
                "InternalError",
            );
            assert.equal(f.emu.controls.images({ accountId: main.accountId }).length, 0);
            await ok(f.endpoint, { action: "CreateImage", key: main, body });
        });

        it("dropNext: the action is carried out, then the connection is dropped", async () => {
            await control(f.endpoint, "PUT", "/_emulator/faults", { dropNext: { CreateImage: 1 } });
            const body = { ImageName: "dropped", InstanceId: instanceId(main.accountId, "ap-guangzhou") };
            const r = await callRaw(f.endpoint, { action: "CreateImage", key: main, body });
            assert.equal(r.dropped, true);
            assert.equal(f.emu.controls.images({ accountId: main.accountId })[0]?.imageName, "dropped");
            assert.equal(f.emu.controls.callLog({ outcome: "dropped" }).length, 1);
            assert.equal(
                await errorCode(f.endpoint, { action: "CreateImage", key: main, body }),
                "InvalidImageName.Duplicate",
            );
        });

        it("dropRate 1 drops every listed action's reply; DELETE /_emulator/faults switches faults off", async () => {
            await control(f.endpoint, "PUT", "/_emulator/faults", {
                dropRate: 1,
                actions: ["DescribeImageQuota"],
            });
            assert.equal((await callRaw(f.endpoint, quota)).dropped, true);
            await ok(f.endpoint, { action: "DescribeRegions", key: main, region: null });
            await control(f.endpoint, "DELETE", "/_emulator/faults");
            await ok(f.endpoint, quota);
        });

        it("latency and latency spikes delay replies by at least the configured time", async () => {
            const emu = await startEmulator();
            try {
                emu.controls.setFaults({ latencyMs: 60 });
                let t = performance.now();
                await ok(emu.endpoint, quota);
                assert.ok(performance.now() - t >= 55);
                emu.controls.setFaults({ latencySpikeRate: 1, latencySpikeMs: 120 });
                t = performance.now();
                await ok(emu.endpoint, quota);
                assert.ok(performance.now() - t >= 115);
            } finally {
                await emu.close();
            }
        });

        it("invalid fault settings are refused with 400", async () => {
            assert.equal(
                (await control(f.endpoint, "PUT", "/_emulator/faults", { internalErrorRate: 2 })).status,
                400,
            );
        });
    });

    describe("loopback only", () => {
        it("recognises loopback peers", () => {
            assert.equal(isLoopback("127.0.0.1"), true);
            assert.equal(isLoopback("::1"), true);
            assert.equal(isLoopback("::ffff:127.0.0.1"), true);
            assert.equal(isLoopback("10.0.0.5"), false);
            assert.equal(isLoopback("::ffff:192.168.1.2"), false);
            assert.equal(isLoopback(undefined), false);
        });

        it("refuses controls from a non-loopback address (403) while serving the API", async function () {
            const address = Object.values(networkInterfaces())
                .flat()
                .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
            if (!address) this.skip();
            const emu = await startEmulator({ host: "0.0.0.0" });
            try {
                const endpoint = `http://${address}:${emu.port}`;
                const r = await raw(endpoint, { method: "POST", path: "/_emulator/reset" });
                assert.equal(r.status, 403);
                await ok(endpoint, quota);
            } finally {
                await emu.close();
            }
        });
    });
});
