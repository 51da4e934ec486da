import { strict as assert } from "node:assert";
import { ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import { createImage, describeImage, importImage, main } from "./helpers/world";

describe("emulator: asynchronous states (computed from timestamps; tests move the clock)", () => {
    const frozen = Date.now();
    const f = useEmulator({
        seed: { durations: { createMs: 1000, importMs: 2000, copyMs: 4000 } },
        clock: () => frozen,
    });
    const state = async (id: string, region?: string) => (await describeImage(f, id, { region }))?.ImageState;

    it("CREATING until createMs has passed, then NORMAL", async () => {
        const id = await createImage(f, "timed");
        f.emu.controls.advanceClock(999);
        assert.equal(await state(id), "CREATING");
        f.emu.controls.advanceClock(1);
        assert.equal(await state(id), "NORMAL");
    });

    it("a name with the failure marker ends CREATEFAILED (and can then be deleted)", async () => {
        const id = await createImage(f, "build-emulator-fail");
        assert.equal(await state(id), "CREATING");
        f.emu.controls.advanceClock(1000);
        assert.equal(await state(id), "CREATEFAILED");
        await ok(f.endpoint, { action: "DeleteImages", key: main, body: { ImageIds: [id] } });
    });

    it("failNext makes the next N creations fail, then creations succeed again", async () => {
        f.emu.controls.failNext({ create: 1 });
        const a = await createImage(f, "a");
        const b = await createImage(f, "b");
        f.emu.controls.advanceClock(1000);
        assert.equal(await state(a), "CREATEFAILED");
        assert.equal(await state(b), "NORMAL");
    });

    it("IMPORTING, then NORMAL; or IMPORTFAILED with failNext / the marker", async () => {
        const body = {
            ImageUrl: "https://b.cos.ap-guangzhou.myqcloud.com/x.qcow2",
            OsType: "CentOS",
            OsVersion: "7",
            Architecture: "x86_64",
        };
        const good = await importImage(f, { ...body, ImageName: "good" });
        const marked = await importImage(f, { ...body, ImageName: "x-emulator-fail" });
        f.emu.controls.failNext({ import: 1 });
        const next = await importImage(f, { ...body, ImageName: "next" });
        f.emu.controls.advanceClock(1999);
        for (const id of [good, marked, next]) assert.equal(await state(id), "IMPORTING");
        f.emu.controls.advanceClock(1);
        assert.equal(await state(good), "NORMAL");
        assert.equal(await state(marked), "IMPORTFAILED");
        assert.equal(await state(next), "IMPORTFAILED");
    });

    it("a copy is SYNCING with a rising SyncPercent (source SYNCING meanwhile), then NORMAL", async () => {
        const id = await createImage(f, "src");
        f.emu.controls.advanceClock(1000);
        const r = await ok(f.endpoint, {
            action: "SyncImages",
            key: main,
            body: { ImageIds: [id], DestinationRegions: ["ap-singapore"], ImageSetRequired: true },
        });
        const copy = (r.ImageSet as { ImageId: string }[])[0].ImageId;
        const read = async () => (await describeImage(f, copy, { region: "ap-singapore" }))!;
        let c = await read();
        assert.equal(c.ImageState, "SYNCING");
        assert.equal(c.SyncPercent, 0);
        assert.equal(await state(id), "SYNCING");
        f.emu.controls.advanceClock(1000);
        c = await read();
        assert.equal(c.SyncPercent, 25);
        f.emu.controls.advanceClock(2000);
        c = await read();
        assert.equal(c.SyncPercent, 75);
        assert.equal(c.ImageState, "SYNCING");
        f.emu.controls.advanceClock(1000);
        c = await read();
        assert.equal(c.ImageState, "NORMAL");
        assert.equal(c.SyncPercent, null);
        assert.equal(await state(id), "NORMAL");
    });

    it("snapshots made for an image are CREATING with it, then NORMAL", async () => {
        const id = await createImage(f, "snaps");
        f.emu.controls.advanceClock(1000);
        const snaps = ((await describeImage(f, id))!.SnapshotSet as { SnapshotId: string }[]).map(
            (s) => s.SnapshotId,
        );
        const r = await ok(f.endpoint, {
            action: "DescribeSnapshots",
            service: "cbs",
            key: main,
            body: { SnapshotIds: snaps },
        });
        for (const s of r.SnapshotSet as { SnapshotState: string }[]) assert.equal(s.SnapshotState, "NORMAL");
    });
});
