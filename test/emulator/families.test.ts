/**
 * Image families and deprecation as the emulator serves them (issue 13), over HTTP with real
 * signatures: ImageFamily/ImageDeprecated on records and replies, DescribeImageFromFamily's choice,
 * deprecation refused for images that are not the caller's, copies, persistence, and instances that
 * run a custom image (the control that stands in for RunInstances).
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator/server";
import { control, errorCode, ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import { createImage, describeImage, instanceId, main, second, settle, ubuntu2204 } from "./helpers/world";

const gz = "ap-guangzhou";

describe("emulator: image families and deprecation", () => {
    const frozen = Date.now();
    const f = useEmulator({ clock: () => frozen });

    const fromFamily = async (
        family: string | undefined,
        opts: { key?: typeof main; region?: string } = {},
    ): Promise<unknown> =>
        (
            await ok(f.endpoint, {
                action: "DescribeImageFromFamily",
                key: opts.key ?? main,
                region: opts.region,
                body: family === undefined ? {} : { ImageFamily: family },
            })
        ).Image;
    const imageIdOf = (image: unknown) => (image as { ImageId: string } | null)?.ImageId ?? null;
    const startInstance = (imageId: string, instanceName: string) =>
        control(f.endpoint, "POST", "/_emulator/instances", {
            accountId: main.accountId,
            region: gz,
            imageId,
            instanceName,
        });
    const modify = (body: Record<string, unknown>, key = main) =>
        ok(f.endpoint, { action: "ModifyImageAttribute", key, body });

    it("DescribeImages shows ImageFamily and ImageDeprecated only when set, as the official replies", async () => {
        const plain = await createImage(f, "plain");
        const inFamily = await createImage(f, "in-family", { body: { ImageFamily: "web" } });
        settle(f);
        const shown = await describeImage(f, plain);
        assert.ok(shown && !("ImageFamily" in shown) && !("ImageDeprecated" in shown));
        assert.equal((await describeImage(f, inFamily))?.ImageFamily, "web");
        await modify({ ImageId: inFamily, ImageDeprecated: true });
        assert.equal((await describeImage(f, inFamily))?.ImageDeprecated, true);
        await modify({ ImageId: inFamily, ImageDeprecated: false, ImageFamily: "" });
        const cleared = await describeImage(f, inFamily);
        assert.ok(cleared && !("ImageFamily" in cleared) && !("ImageDeprecated" in cleared));
    });

    it("DescribeImageFromFamily: the newest NORMAL, non-deprecated own image of the family", async () => {
        const older = await createImage(f, "web-1", { body: { ImageFamily: "web" } });
        assert.equal(await fromFamily("web"), null, "a CREATING image is not available");
        settle(f, 1000);
        const newer = await createImage(f, "web-2", { body: { ImageFamily: "web" } });
        await createImage(f, "other-family", { body: { ImageFamily: "db" } });
        assert.equal(imageIdOf(await fromFamily("web")), older, "the newer one is still CREATING");
        settle(f);
        assert.equal(imageIdOf(await fromFamily("web")), newer);
        await modify({ ImageId: newer, ImageDeprecated: true });
        assert.equal(imageIdOf(await fromFamily("web")), older, "a deprecated image never wins");
        settle(f, 1000);
        const web3 = await createImage(f, "web-3", { body: { ImageFamily: "web" } });
        assert.equal(imageIdOf(await fromFamily("web")), older, "a newer image still CREATING does not win");
        await modify({ ImageId: older, ImageDeprecated: true });
        await modify({ ImageId: newer, ImageDeprecated: false });
        settle(f);
        assert.equal(imageIdOf(await fromFamily("web")), web3);
        assert.equal(await fromFamily("Web"), null, "family names are compared exactly");
        assert.equal(await fromFamily(undefined), null, "no family named, no image");
        assert.equal(await fromFamily(""), null);
    });

    it("DescribeImageFromFamily: the source of a running copy (SYNCING) still counts", async () => {
        const source = await createImage(f, "web-src", { body: { ImageFamily: "web" } });
        settle(f);
        await ok(f.endpoint, {
            action: "SyncImages",
            key: main,
            body: { ImageIds: [source], DestinationRegions: ["ap-tokyo"] },
        });
        assert.equal((await describeImage(f, source))?.ImageState, "SYNCING");
        assert.equal(imageIdOf(await fromFamily("web")), source);
    });

    it("DescribeImageFromFamily sees only the caller's own images of this region", async () => {
        const shared = await createImage(f, "shared-web", { body: { ImageFamily: "web" } });
        settle(f);
        await ok(f.endpoint, {
            action: "ModifyImageSharePermission",
            key: main,
            body: { ImageId: shared, AccountIds: [second.accountId], Permission: "SHARE" },
        });
        assert.equal(await fromFamily("web", { key: second }), null, "a shared-in image is not the family's");
        assert.equal(await fromFamily("web", { region: "ap-tokyo" }), null, "families are per region");
        assert.equal(imageIdOf(await fromFamily("web")), shared);
    });

    it("deprecation is refused for images that are not the caller's custom images", async () => {
        const own = await createImage(f, "own");
        assert.equal(
            await errorCode(f.endpoint, {
                action: "ModifyImageAttribute",
                key: main,
                body: { ImageId: own, ImageDeprecated: true },
            }),
            "InvalidImageId.IncorrectState",
            "a CREATING image cannot be modified",
        );
        settle(f);
        await ok(f.endpoint, {
            action: "ModifyImageSharePermission",
            key: main,
            body: { ImageId: own, AccountIds: [second.accountId], Permission: "SHARE" },
        });
        const refused = async (imageId: string, key = main) =>
            errorCode(f.endpoint, {
                action: "ModifyImageAttribute",
                key,
                body: { ImageId: imageId, ImageDeprecated: true },
            });
        assert.equal(await refused(own, second), "UnsupportedOperation.SharedImageModifyUnsupported");
        assert.equal(await refused(ubuntu2204), "InvalidParameterValue.InvalidImageId");
        assert.equal(await refused("img-00000000"), "InvalidImageId.NotFound");
        await modify({ ImageId: own, ImageDeprecated: true }); // its owner may, although it is shared
        assert.equal((await describeImage(f, own, { key: second }))?.ImageDeprecated, true);
    });

    it("a copy starts in no family and not deprecated (SyncImages takes no ImageFamily)", async () => {
        const source = await createImage(f, "to-copy", { body: { ImageFamily: "web" } });
        settle(f);
        await modify({ ImageId: source, ImageDeprecated: true });
        const r = await ok(f.endpoint, {
            action: "SyncImages",
            key: main,
            body: { ImageIds: [source], DestinationRegions: ["ap-tokyo"], ImageSetRequired: true },
        });
        const copy = (r.ImageSet as { ImageId: string }[])[0].ImageId;
        settle(f);
        const shown = await describeImage(f, copy, { region: "ap-tokyo" });
        assert.ok(shown && !("ImageFamily" in shown) && !("ImageDeprecated" in shown));
        await ok(f.endpoint, {
            action: "ModifyImageAttribute",
            key: main,
            region: "ap-tokyo",
            body: { ImageId: copy, ImageFamily: "web" },
        });
        assert.equal(imageIdOf(await fromFamily("web", { region: "ap-tokyo" })), copy);
    });

    it("DeleteImages with DeleteBindedSnap deletes the image's own snapshots, and only those", async () => {
        const id = await createImage(f, "with-snaps", {
            body: { InstanceId: instanceId(main.accountId, gz, "db-1") },
        });
        settle(f);
        const snapshotIds = () =>
            Object.keys(f.emu.controls.state().accounts[main.accountId][gz].snapshots).sort();
        const before = snapshotIds();
        const own = (
            f.emu.controls.images({ accountId: main.accountId, region: gz }).find((i) => i.imageId === id)
                ?.snapshotIds ?? []
        ).sort();
        assert.ok(own.length > 0);
        await ok(f.endpoint, {
            action: "DeleteImages",
            key: main,
            body: { ImageIds: [id], DeleteBindedSnap: true },
        });
        assert.deepEqual(
            snapshotIds(),
            before.filter((s) => !own.includes(s)),
        );
    });

    it("an instance can run a custom image (controls), DescribeInstances lists it as ImageId until it is terminated", async () => {
        const id = await createImage(f, "runs-here", { body: { ImageFamily: "web" } });
        settle(f);
        const started = await startInstance(id, "uses-custom");
        assert.equal(started.status, 200);
        const { instanceId: runner } = started.json as { instanceId: string };
        const listed = await ok(f.endpoint, {
            action: "DescribeInstances",
            key: main,
            body: { InstanceIds: [runner] },
        });
        const [instance] = listed.InstanceSet as { ImageId: string; InstanceState: string; OsName: string }[];
        assert.equal(instance.ImageId, id);
        assert.equal(instance.InstanceState, "RUNNING");
        const all = await ok(f.endpoint, { action: "DescribeInstances", key: main, body: { Limit: 100 } });
        assert.ok((all.InstanceSet as { ImageId: string }[]).some((i) => i.ImageId === id));
        const stop = `/_emulator/instances?accountId=${main.accountId}&region=${gz}&instanceId=${runner}`;
        assert.equal((await control(f.endpoint, "DELETE", stop)).status, 200);
        const after = await ok(f.endpoint, { action: "DescribeInstances", key: main, body: { Limit: 100 } });
        assert.ok(!(after.InstanceSet as { ImageId: string }[]).some((i) => i.ImageId === id));
        assert.equal((await control(f.endpoint, "DELETE", stop)).status, 400, "already terminated");
        await startInstance(id, "uses-custom-again");
        // The service itself does not refuse deleting an image in use: that rule is the provider's.
        await ok(f.endpoint, { action: "DeleteImages", key: main, body: { ImageIds: [id] } });
    });

    it("the instance control refuses an image the account cannot launch, and a taken name", async () => {
        const other = await createImage(f, "not-mine", { accountId: second.accountId, key: second });
        const bad = await startInstance(other, "x");
        assert.equal(bad.status, 400);
        assert.match((bad.json as { error: string }).error, /cannot launch/);
        assert.equal((await startInstance(ubuntu2204, "twice")).status, 200);
        assert.equal((await startInstance(ubuntu2204, "twice")).status, 400);
    });

    it("a seed can give images a family and deprecation, and instances the image they run", async () => {
        const seeded = "img-seedfam1";
        f.emu.controls.seed({
            images: [
                {
                    accountId: main.accountId,
                    region: gz,
                    imageName: "seeded",
                    imageId: seeded,
                    imageFamily: "web",
                    imageDeprecated: true,
                },
            ],
            instances: [
                { accountId: main.accountId, region: gz, instanceName: "seeded-vm", imageId: seeded },
            ],
        });
        assert.equal((await describeImage(f, seeded))?.ImageDeprecated, true);
        assert.equal(await fromFamily("web"), null);
        const vms = await ok(f.endpoint, {
            action: "DescribeInstances",
            key: main,
            body: { Filters: [{ Name: "instance-name", Values: ["seeded-vm"] }] },
        });
        assert.equal((vms.InstanceSet as { ImageId: string }[])[0].ImageId, seeded);
        const badSeed = await control(f.endpoint, "POST", "/_emulator/seed", {
            images: [{ accountId: main.accountId, region: gz, imageName: "x", imageFamily: "bad family" }],
        });
        assert.equal(badSeed.status, 400);
    });
});

describe("emulator: families, deprecation and instances survive a restart (--state)", () => {
    it("keeps ImageFamily, ImageDeprecated and a started instance's image", async () => {
        const dir = mkdtempSync(join(tmpdir(), "emu-family-"));
        const statePath = join(dir, "state.json");
        let emu = await startEmulator({ statePath });
        try {
            const created = await ok(emu.endpoint, {
                action: "CreateImage",
                key: main,
                body: { ImageName: "kept", InstanceId: instanceId(main.accountId, gz), ImageFamily: "web" },
            });
            const id = created.ImageId as string;
            emu.controls.advanceClock(60_000);
            await ok(emu.endpoint, {
                action: "ModifyImageAttribute",
                key: main,
                body: { ImageId: id, ImageDeprecated: true },
            });
            const { instanceId: runner } = emu.controls.runInstance({
                accountId: main.accountId,
                region: gz,
                imageId: id,
                instanceName: "kept-vm",
            });
            await emu.close();
            emu = await startEmulator({ statePath });
            const image = (
                (await ok(emu.endpoint, { action: "DescribeImages", key: main, body: { ImageIds: [id] } }))
                    .ImageSet as Record<string, unknown>[]
            )[0];
            assert.equal(image.ImageFamily, "web");
            assert.equal(image.ImageDeprecated, true);
            const vm = await ok(emu.endpoint, {
                action: "DescribeInstances",
                key: main,
                body: { InstanceIds: [runner] },
            });
            assert.equal((vm.InstanceSet as { ImageId: string }[])[0].ImageId, id);
        } finally {
            await emu.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
