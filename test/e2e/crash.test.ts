import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAIN_ACCOUNT, SECOND_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import { MANAGED_BY_TAG, RESOURCE_NAME_TAG } from "../../provider/markers";
import { createImagesSandbox, ImagesPackage, ImagesSandbox } from "./harness/imagesSandbox";

// Issue 9, crashes: `pulumi up` of 10 resources is killed (SIGKILL of the engine and its plugins, as
// when a CI runner dies) while images are being created. The recovery of docs/recovery.md
// (`pulumi refresh --clear-pending-creates`, then `pulumi up`) must converge with no duplicate and no
// orphaned image: an image the killed run created is taken over through its marker tags.

const HOME = "ap-guangzhou";
const OTHER = "ap-shanghai";
const REGIONS = [HOME, OTHER, "ap-singapore"];
const IMAGES = [
    { name: "crash-a", region: HOME },
    { name: "crash-b", region: HOME },
    { name: "crash-c", region: OTHER },
    { name: "crash-d", region: OTHER },
];

/** 4 CustomImages, 3 ImageCopies and 3 ImageShares. */
function program(images: ImagesPackage) {
    const out: Record<string, unknown> = {};
    IMAGES.forEach((spec, i) => {
        const image = new images.CustomImage(spec.name, {
            region: spec.region,
            imageName: `${spec.name}-image`,
            source: { instanceId: seededInstanceId(MAIN_ACCOUNT.accountId, spec.region, "web-1") },
        });
        out[spec.name] = image.imageId;
        if (i === 0) return;
        new images.ImageCopy(`${spec.name}-copy`, {
            sourceImageId: image.imageId,
            sourceRegion: image.region,
            destinationRegions: ["ap-singapore"],
        });
        new images.ImageShare(`${spec.name}-share`, {
            imageId: image.imageId,
            region: image.region,
            accountIds: [SECOND_ACCOUNT.accountId],
        });
    });
    return out;
}

/** PIDs of the processes of this sandbox's engine runs (they all carry its PULUMI_HOME). */
function enginePids(pulumiHome: string): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        const pid = Number(entry);
        if (!Number.isInteger(pid) || pid === process.pid) continue;
        try {
            const environ = fs.readFileSync(path.join("/proc", entry, "environ"), "latin1").split("\0");
            if (environ.includes(`PULUMI_HOME=${pulumiHome}`)) pids.push(pid);
        } catch {
            // gone, or not ours to read
        }
    }
    return pids;
}

/** Resolves when `condition` holds, checking on every emulator call (no fixed sleeps). */
async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

describe("crash: the engine killed in the middle of up, then the documented recovery", function () {
    let sandbox: ImagesSandbox;
    let pulumiHome: string;
    const figures: Record<string, unknown> = {};
    const started = Date.now();

    before(async () => {
        sandbox = await createImagesSandbox("crash", {
            seed: { durations: { createMs: 5000, importMs: 5000, copyMs: 3000 } },
        });
        pulumiHome = sandbox.engine.env.PULUMI_HOME;
    });
    after(async () => {
        figures.wallSeconds = Math.round((Date.now() - started) / 1000);
        console.log(`CRASH FIGURES ${JSON.stringify(figures)}`);
        await sandbox?.dispose();
    });

    const made = () =>
        REGIONS.flatMap((region) =>
            sandbox.emulator.controls.images({ accountId: MAIN_ACCOUNT.accountId, region }),
        );

    it("recovers: refresh --clear-pending-creates, then up, adopts what the killed run made", async () => {
        const stack = await sandbox.stack("crash", program);
        const calls = sandbox.emulator.controls;

        // 1. Start up, and kill the engine (and its provider plugin) once images are being created.
        const up = stack.up().then(
            () => "finished",
            (error: unknown) => String((error as Error).message ?? error),
        );
        await until(
            () => calls.callLog({ action: "CreateImage", outcome: "ok" }).length >= 2,
            "the first CreateImage calls",
        );
        const pids = enginePids(pulumiHome);
        assert.ok(pids.length > 0, "no engine process found");
        for (const pid of pids) process.kill(pid, "SIGKILL");
        const outcome = await up;
        assert.notEqual(outcome, "finished", "up ended before it was killed");
        figures.killedProcesses = pids.length;

        const orphansAtRisk = made().filter((i) => i.tags[MANAGED_BY_TAG]);
        figures.imagesMadeByKilledRun = orphansAtRisk.length;
        assert.ok(orphansAtRisk.length >= 2, "the killed run made images");

        // 2. What the state holds: operations the engine never saw finish.
        const exported = await stack.exportStack();
        const pending = (exported.deployment.pending_operations ?? []) as { type: string }[];
        figures.pendingOperations = pending.length;
        assert.ok(pending.length >= 2, `pending operations: ${JSON.stringify(pending)}`);
        assert.ok(pending.every((p) => p.type === "creating"));

        // 3. The documented recovery: remove the dead run's lock (`pulumi cancel`, which on a file
        // backend deletes the lock file), refresh dropping the pending creates, then up.
        const lockDir = path.join(sandbox.engine.backendDir, ".pulumi", "locks");
        const locks = () => (fs.existsSync(lockDir) ? fs.readdirSync(lockDir, { recursive: true }) : []);
        figures.lockFilesLeft = locks().filter((f) => String(f).endsWith(".json")).length;
        assert.ok((figures.lockFilesLeft as number) > 0, "the killed run left its lock");
        await stack.cancel();
        assert.deepEqual(
            locks().filter((f) => String(f).endsWith(".json")),
            [],
        );
        const refresh = await stack.refresh({ clearPendingCreates: true });
        assert.equal(refresh.summary.result, "succeeded");
        const cleared = await stack.exportStack();
        assert.deepEqual(cleared.deployment.pending_operations ?? [], []);
        const result = await stack.up();
        assert.equal(result.summary.result, "succeeded");

        // 4. Converged, no duplicate, nothing orphaned: every image is in the state, once.
        assert.deepEqual((await stack.preview()).changeSummary, { same: 11 });
        const images = made();
        const inState = new Set(
            (await stack.exportStack()).deployment.resources.flatMap(
                (r: { outputs?: { imageId?: string; images?: Record<string, string> } }) => [
                    ...(r.outputs?.imageId ? [r.outputs.imageId] : []),
                    ...Object.values(r.outputs?.images ?? {}),
                ],
            ),
        );
        const orphans = images.filter((i) => !inState.has(i.imageId));
        const perMarker = new Map<string, number>();
        for (const i of images) {
            const key = `${i.region}/${i.tags[RESOURCE_NAME_TAG]}`;
            perMarker.set(key, (perMarker.get(key) ?? 0) + 1);
        }
        figures.imagesAfterRecovery = images.length;
        figures.orphans = orphans.length;
        figures.duplicates = [...perMarker.values()].filter((n) => n > 1).length;
        assert.deepEqual(
            orphans.map((i) => `${i.region}/${i.imageId} ${i.imageName}`),
            [],
            "images no resource owns",
        );
        assert.equal(figures.duplicates, 0, JSON.stringify([...perMarker]));
        assert.equal(images.length, IMAGES.length + 3, "4 images and 3 copies");
        for (const image of orphansAtRisk) {
            assert.ok(inState.has(image.imageId), `${image.imageId} of the killed run was taken over`);
        }
        for (const spec of IMAGES) {
            const id = result.outputs[spec.name].value as string;
            assert.equal(images.find((i) => i.imageId === id)?.tags[RESOURCE_NAME_TAG], spec.name);
        }

        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(made(), []);
    });
});
