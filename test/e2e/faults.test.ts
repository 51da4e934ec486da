import * as assert from "node:assert/strict";
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import { MANAGED_BY_TAG, RESOURCE_NAME_TAG } from "../../provider/markers";
import { createImagesSandbox, ImagesPackage, ImagesSandbox } from "./harness/imagesSandbox";

// Issue 9, faults: a stack of 50 resources (15 CustomImages, 15 ImageCopies, 20 ImageShares over four
// regions) brought up and destroyed under the real engine while the emulator injects faults into
// every action: 10% InternalError, throttling, replies dropped after the action was carried out (on
// CreateImage, SyncImages, ModifyImageSharePermission and DeleteImages, and now and then on any
// action), and 2 s latency spikes. `up` must converge in at most two runs with no duplicate image
// or copy, and `destroy` (at most twice) must leave nothing behind. The figures are printed as one
// JSON line (`FAULT FIGURES`) for docs/reliability.md.

const FAULTS = {
    internalErrorRate: 0.1,
    // Throttling on every action: below the provider's client-side limits (10/s, DescribeImages 40/s),
    // so the service, not the client, is what holds the stack back.
    rateLimits: { "*": 4, DescribeImages: 15 },
    dropRate: 0.02,
    dropNext: { CreateImage: 3, SyncImages: 3, ModifyImageSharePermission: 3, DeleteImages: 3 },
    latencySpikeRate: 0.03,
    latencySpikeMs: 2000,
};

const HOME = "ap-guangzhou";
const SECOND_REGION = "ap-shanghai";
const REGIONS = [HOME, SECOND_REGION, "ap-singapore", "ap-tokyo"];
const IMAGES = 15;
const SHARED_COPIES = 5;

interface Spec {
    name: string;
    region: string;
    copyTo: string[];
}

/** Image i: 8 in Guangzhou, 7 in Shanghai; each copied to one or two other regions. */
const SPECS: Spec[] = Array.from({ length: IMAGES }, (_, i) => {
    const region = i < 8 ? HOME : SECOND_REGION;
    const copyTo =
        region === HOME
            ? i % 2 === 0
                ? ["ap-singapore"]
                : ["ap-singapore", "ap-tokyo"]
            : i % 2 === 0
              ? ["ap-tokyo"]
              : ["ap-tokyo", "ap-singapore"];
    return { name: `fault-${String(i).padStart(2, "0")}`, region, copyTo };
});

function program(images: ImagesPackage) {
    const out: Record<string, unknown> = {};
    SPECS.forEach((spec, i) => {
        const image = new images.CustomImage(spec.name, {
            region: spec.region,
            imageName: `${spec.name}-image`,
            source: { instanceId: seededInstanceId(MAIN_ACCOUNT.accountId, spec.region, "web-1") },
            tags: { suite: "faults" },
        });
        const copy = new images.ImageCopy(`${spec.name}-copy`, {
            sourceImageId: image.imageId,
            sourceRegion: image.region,
            destinationRegions: spec.copyTo,
        });
        new images.ImageShare(`${spec.name}-share`, {
            imageId: image.imageId,
            region: image.region,
            accountIds: [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId],
        });
        if (i < SHARED_COPIES) {
            // A share of a copy: it waits for the copy, in the copy's region.
            new images.ImageShare(`${spec.name}-copy-share`, {
                imageId: copy.images.apply((m) => m[spec.copyTo[0]]),
                region: spec.copyTo[0],
                accountIds: [SECOND_ACCOUNT.accountId],
            });
        }
        out[spec.name] = { imageId: image.imageId, copies: copy.images };
    });
    return out;
}

describe("faults: 50 resources converge with nothing duplicated or left behind", function () {
    let sandbox: ImagesSandbox;
    const existing = new Map<string, Set<string>>();
    const figures: Record<string, unknown> = {};
    const started = Date.now();

    before(async () => {
        sandbox = await createImagesSandbox("faults", {
            seed: { imageQuota: 100, durations: { createMs: 1500, importMs: 1500, copyMs: 2500 } },
        });
        for (const region of REGIONS) {
            existing.set(
                region,
                new Set(
                    sandbox.emulator.controls
                        .images({ accountId: MAIN_ACCOUNT.accountId, region })
                        .map((i) => i.imageId),
                ),
            );
        }
        sandbox.emulator.controls.setFaults(FAULTS);
    });
    after(async () => {
        figures.wallSeconds = Math.round((Date.now() - started) / 1000);
        console.log(`FAULT FIGURES ${JSON.stringify(figures)}`);
        await sandbox?.dispose();
    });

    /** The main account's images made during the test, per region (any state). */
    function madeImages() {
        return REGIONS.flatMap((region) =>
            sandbox.emulator.controls
                .images({ accountId: MAIN_ACCOUNT.accountId, region })
                .filter((i) => !existing.get(region)!.has(i.imageId)),
        );
    }

    /** Injected faults so far, from the call log. */
    function faultCounts() {
        const calls = sandbox.emulator.controls.callLog();
        return {
            calls: calls.length,
            internalErrors: calls.filter((c) => c.code === "InternalError").length,
            throttled: calls.filter((c) => c.code === "RequestLimitExceeded").length,
            dropped: calls.filter((c) => c.outcome === "dropped").length,
            droppedByAction: Object.fromEntries(
                ["CreateImage", "SyncImages", "ModifyImageSharePermission", "DeleteImages"].map((a) => [
                    a,
                    calls.filter((c) => c.outcome === "dropped" && c.action === a).length,
                ]),
            ),
            slowCalls: calls.filter((c) => c.durationMs >= FAULTS.latencySpikeMs).length,
            // Every send of the mutating actions (first sends, settled resends), by outcome.
            sends: Object.fromEntries(
                ["CreateImage", "SyncImages", "ModifyImageSharePermission", "DeleteImages"].map((a) => {
                    const of = calls.filter((c) => c.action === a);
                    const by = (o: string) => of.filter((c) => c.outcome === o).length;
                    return [a, { ok: by("ok"), error: by("error"), dropped: by("dropped") }];
                }),
            ),
        };
    }

    it("up converges in at most two runs, with exactly one image per resource and region", async () => {
        const stack = await sandbox.stack("faults", program);
        const errors: string[] = [];
        let runs = 0;
        let outputs: Awaited<ReturnType<typeof stack.up>>["outputs"] | undefined;
        for (let attempt = 1; attempt <= 2 && !outputs; attempt++) {
            runs++;
            try {
                outputs = (await stack.up()).outputs;
            } catch (error) {
                const text = String((error as Error).message ?? error);
                errors.push(
                    text
                        .split("\n")
                        .filter((l) => /error:/.test(l))
                        .join("\n"),
                );
            }
        }
        figures.upRuns = runs;
        figures.upFailures = errors.length;
        figures.upFaults = faultCounts();
        assert.ok(outputs, `up did not converge in two runs:\n${errors.join("\n---\n")}`);

        // Converged: a preview (faults still on) shows nothing to do.
        const preview = await stack.preview();
        assert.deepEqual(preview.changeSummary, { same: 50 + 1 }, "the stack itself counts as one");

        // No duplicates: one image per name per region, each with one resource's marker, and each
        // resource with exactly one image in each of its regions.
        const made = madeImages();
        const byRegionName = new Map<string, number>();
        for (const image of made) {
            const key = `${image.region}/${image.imageName}`;
            byRegionName.set(key, (byRegionName.get(key) ?? 0) + 1);
        }
        const duplicates = [...byRegionName].filter(([, n]) => n > 1);
        const unmarked = made.filter((i) => i.tags[MANAGED_BY_TAG] === undefined);
        const perMarker = new Map<string, number>();
        for (const image of made) {
            const key = `${image.region}/${image.tags[RESOURCE_NAME_TAG]}`;
            perMarker.set(key, (perMarker.get(key) ?? 0) + 1);
        }
        const expected = new Map<string, number>();
        for (const spec of SPECS) {
            expected.set(`${spec.region}/${spec.name}`, 1);
            for (const r of spec.copyTo) expected.set(`${r}/${spec.name}-copy`, 1);
        }
        figures.imagesMade = made.length;
        figures.duplicates = duplicates.length + [...perMarker.values()].filter((n) => n > 1).length;
        assert.deepEqual(duplicates, [], "two images of one name in one region");
        assert.deepEqual(
            unmarked.map((i) => `${i.region}/${i.imageId} ${i.imageName}`),
            [],
            "images without a marker",
        );
        assert.deepEqual(
            [...perMarker].sort(),
            [...expected].sort(),
            "each resource has exactly one image per region",
        );

        // The outputs are what the service holds.
        for (const spec of SPECS) {
            const o = outputs[spec.name].value as { imageId: string; copies: Record<string, string> };
            const [image] = await sandbox.api.describeImagesByIds(spec.region, [o.imageId]);
            assert.equal(image?.imageName, `${spec.name}-image`);
            assert.equal(image.imageState, "NORMAL");
            assert.equal(image.tags[RESOURCE_NAME_TAG], spec.name);
            const shares = await sandbox.api.describeSharePermission(spec.region, o.imageId);
            assert.deepEqual(shares.map((s) => s.accountId).sort(), [
                SECOND_ACCOUNT.accountId,
                THIRD_ACCOUNT.accountId,
            ]);
            assert.deepEqual(Object.keys(o.copies).sort(), [...spec.copyTo].sort());
            for (const [region, copyId] of Object.entries(o.copies)) {
                const [copy] = await sandbox.api.describeImagesByIds(region, [copyId]);
                assert.equal(copy?.imageState, "NORMAL", `${spec.name} copy in ${region}`);
                assert.equal(copy.tags[RESOURCE_NAME_TAG], `${spec.name}-copy`);
            }
        }
        for (const spec of SPECS.slice(0, SHARED_COPIES)) {
            const o = outputs[spec.name].value as { copies: Record<string, string> };
            const region = spec.copyTo[0];
            const shares = await sandbox.api.describeSharePermission(region, o.copies[region]);
            assert.deepEqual(
                shares.map((s) => s.accountId),
                [SECOND_ACCOUNT.accountId],
            );
        }
    });

    it("destroy (at most twice) leaves nothing behind", async () => {
        const stack = await sandbox.stack("faults", program);
        const errors: string[] = [];
        let runs = 0;
        let done = false;
        for (let attempt = 1; attempt <= 2 && !done; attempt++) {
            runs++;
            try {
                await stack.destroy();
                done = true;
            } catch (error) {
                errors.push(String((error as Error).message ?? error).slice(-2000));
            }
        }
        figures.destroyRuns = runs;
        figures.totalFaults = faultCounts();
        const left = madeImages();
        figures.leaks = left.length;
        assert.ok(done, `destroy did not finish in two runs:\n${errors.join("\n---\n")}`);
        assert.deepEqual(
            left.map((i) => `${i.region}/${i.imageId} ${i.imageName} ${i.imageState}`),
            [],
            "left behind",
        );
    });
});
