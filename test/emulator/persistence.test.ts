import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmulatorHandle, startEmulator } from "../../emulator/server";
import { ok } from "./helpers/api";
import { instanceId, main, second } from "./helpers/world";

describe("emulator: persistence (--state)", () => {
    let dir: string;
    let emu: EmulatorHandle | undefined;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "emu-state-"));
    });
    afterEach(async () => {
        await emu?.close();
        emu = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    it("the state survives a restart: images, shares, tags, config, and transient states", async () => {
        const statePath = join(dir, "nested", "state.json");
        emu = await startEmulator({ statePath, seed: { durations: { createMs: 5000 } } });
        assert.ok(existsSync(statePath), "state is written on start");
        const r = await ok(emu.endpoint, {
            action: "CreateImage",
            key: main,
            body: {
                ImageName: "persisted",
                InstanceId: instanceId(main.accountId, "ap-guangzhou"),
                TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "k", Value: "v" }] }],
            },
        });
        const id = r.ImageId as string;
        emu.controls.configure({ imageQuota: 7 });
        await emu.close();
        assert.deepEqual(readdirSync(join(dir, "nested")), ["state.json"], "no temp files are left behind");

        emu = await startEmulator({ statePath });
        const describe = async () =>
            (
                (await ok(emu!.endpoint, { action: "DescribeImages", key: main, body: { ImageIds: [id] } }))
                    .ImageSet as Record<string, unknown>[]
            )[0];
        assert.equal((await describe()).ImageState, "CREATING");
        assert.deepEqual((await describe()).Tags, [{ Key: "k", Value: "v" }]);
        assert.equal((await ok(emu.endpoint, { action: "DescribeImageQuota", key: main })).ImageNumQuota, 7);
        emu.controls.advanceClock(5000);
        assert.equal((await describe()).ImageState, "NORMAL");
        await ok(emu.endpoint, {
            action: "ModifyImageSharePermission",
            key: main,
            body: { ImageId: id, AccountIds: [second.accountId], Permission: "SHARE" },
        });
        await emu.close();

        emu = await startEmulator({ statePath });
        const seen = (
            (await ok(emu.endpoint, { action: "DescribeImages", key: second, body: { ImageIds: [id] } }))
                .ImageSet as Record<string, unknown>[]
        )[0];
        assert.equal(seen.ImageType, "SHARED_IMAGE");
        assert.equal(seen.ImageState, "NORMAL", "the clock offset is part of the state");
    });

    it("reset returns a persisted emulator to its seed", async () => {
        const statePath = join(dir, "state.json");
        emu = await startEmulator({ statePath });
        await ok(emu.endpoint, {
            action: "CreateImage",
            key: main,
            body: { ImageName: "gone-after-reset", InstanceId: instanceId(main.accountId, "ap-guangzhou") },
        });
        emu.controls.reset();
        await emu.close();
        emu = await startEmulator({ statePath });
        assert.equal(emu.controls.images({ accountId: main.accountId }).length, 0);
    });

    it("refuses a file that is not a state file", async () => {
        const statePath = join(dir, "bad.json");
        const { writeFileSync } = await import("node:fs");
        writeFileSync(statePath, '{"hello":1}');
        await assert.rejects(startEmulator({ statePath }), /not an emulator state file/);
    });
});
