/**
 * The provider's real client (provider/backend) against the running emulator: every ImageBackend
 * operation, and every rule of image-rules.md as the service enforces it. The emulator and the
 * client were written independently; agreement here is evidence both follow the API reference.
 */
import { strict as assert } from "node:assert";
import { publicImageId } from "../../emulator/models/seed";
import { stableId } from "../../emulator/ids";
import { createImageBackend } from "../../provider/backend";
import type { ImageBackend } from "../../provider/backend/types";
import { ImageWaiter } from "../../provider/backend/waiter";
import { TencentCloudApiError, TransportError } from "../../provider/backend/errors";
import { TencentCloudBackend } from "../../provider/backend/tencentCloudBackend";
import { TencentCloudClient } from "../../provider/backend/client";
import { useEmulator } from "./helpers/fixture";
import { instanceId, main, second, third } from "./helpers/world";

const gz = "ap-guangzhou";
const sharedIn = stableId("img", `owned:${second.accountId}:${gz}:team-base-tencentos`);
const ubuntu = publicImageId("ubuntu-22.04-x86");
const market = publicImageId("mkt-wordpress");

/** The API error code a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
    try {
        await p;
    } catch (err) {
        if (err instanceof TencentCloudApiError) return err.code;
        throw err;
    }
    throw new Error("expected the call to fail with an API error");
}

describe("emulator: the provider's client (provider/backend) against the emulator", function () {
    const f = useEmulator({ seed: { durations: { createMs: 20_000, importMs: 20_000, copyMs: 30_000 } } });
    let backend: ImageBackend;
    const settings = (key: { secretId: string; secretKey: string; token?: string }) => ({
        region: gz,
        secretId: key.secretId,
        secretKey: key.secretKey,
        securityToken: key.token,
        endpoint: f.endpoint,
        maxShareAccounts: 50,
    });
    const backendFor = (key: { secretId: string; secretKey: string; token?: string }) =>
        createImageBackend(settings(key), { rateLimit: false, maxAttempts: 1 });
    const settle = () => f.emu.controls.advanceClock(60_000);

    beforeEach(() => {
        backend = backendFor(main);
    });

    async function normalImage(name: string, region = gz): Promise<string> {
        const id = await backend.createImage(region, {
            imageName: name,
            instanceId: instanceId(main.accountId, region),
        });
        settle();
        return id;
    }

    describe("every ImageBackend operation", () => {
        it("describeRegions: the 18 regions", async () => {
            const regions = await backend.describeRegions();
            assert.equal(regions.length, 18);
            assert.ok(regions.every((r) => r.regionState === "AVAILABLE"));
        });

        it("describeImageQuota", async () => {
            assert.equal(await backend.describeImageQuota(gz), 10);
        });

        it("describeInstances and describeSnapshots", async () => {
            const [web] = await backend.describeInstances(gz, [
                instanceId(main.accountId, gz),
                "ins-zzzzzzzz",
            ]);
            assert.equal(web.instanceName, "web-1");
            assert.equal(web.dataDiskIds.length, 1);
            assert.match(web.systemDiskId ?? "", /^disk-/);
            const id = await backend.createImage(gz, {
                imageName: "with-data",
                instanceId: web.instanceId,
                dataDiskIds: web.dataDiskIds,
                forcePoweroff: true,
            });
            settle();
            const [image] = await backend.describeImagesByIds(gz, [id]);
            const snaps = await backend.describeSnapshots(
                gz,
                image.snapshots.map((s) => s.snapshotId),
            );
            assert.deepEqual(snaps.map((s) => s.diskUsage).sort(), ["DATA_DISK", "SYSTEM_DISK"]);
            assert.ok(snaps.every((s) => s.snapshotState === "NORMAL"));
        });

        it("createImage (instance and snapshots), describeImagesByIds, the waiter", async () => {
            const id = await backend.createImage(gz, {
                imageName: "client-made",
                imageDescription: "from the client",
                instanceId: instanceId(main.accountId, gz),
                tags: { team: "a" },
            });
            let [image] = await backend.describeImagesByIds(gz, [id, "img-zzzzzzzz"]);
            assert.equal(image.imageState, "CREATING");
            assert.deepEqual(image.tags, { team: "a" });
            settle();
            const waiter = new ImageWaiter(backend, { initialDelayMs: 1, maxDelayMs: 5 });
            image = await waiter.waitForState(gz, id, { until: ["NORMAL"], timeoutMs: 10_000 });
            assert.equal(image.imageType, "PRIVATE_IMAGE");
            assert.equal(image.imageCreator, main.accountId);
            const fromSnap = await backend.createImage(gz, {
                imageName: "client-from-snap",
                snapshotIds: [image.snapshots[0].snapshotId],
            });
            assert.match(fromSnap, /^img-[a-z0-9]{8}$/);
        });

        it("importImage: IMPORTING then NORMAL; the waiter reports IMPORTFAILED as a failure", async () => {
            const request = {
                imageName: "client-import",
                imageUrl: "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/x.qcow2",
                osType: "CentOS",
                osVersion: "7",
                architecture: "x86_64",
            };
            const id = await backend.importImage(gz, request);
            assert.equal((await backend.describeImagesByIds(gz, [id]))[0].imageState, "IMPORTING");
            settle();
            assert.equal((await backend.describeImagesByIds(gz, [id]))[0].imageSource, "EXTERNAL_IMPORT");
            f.emu.controls.failNext({ import: 1 });
            const bad = await backend.importImage(gz, { ...request, imageName: "client-import-2" });
            settle();
            const waiter = new ImageWaiter(backend, { initialDelayMs: 1, maxDelayMs: 5 });
            await assert.rejects(
                waiter.waitForState(gz, bad, { until: ["NORMAL"], timeoutMs: 10_000 }),
                /IMPORTFAILED/,
            );
        });

        it("listImages and countImages with every filter", async () => {
            const a = await backend.createImage(gz, {
                imageName: "list-a",
                instanceId: instanceId(main.accountId, gz),
                tags: { env: "prod", team: "x" },
            });
            const publicCount = await backend.countImages(gz, { imageTypes: ["PUBLIC_IMAGE"] });
            const publicImages = await backend.listImages(gz, { imageTypes: ["PUBLIC_IMAGE"] });
            assert.equal(publicImages.length, publicCount);
            assert.ok(publicCount > 20);
            assert.deepEqual(
                (await backend.listImages(gz, { imageName: "list-" })).map((i) => i.imageId),
                [a],
            );
            assert.ok(
                (await backend.listImages(gz, { platform: "ubuntu" })).every((i) => i.platform === "Ubuntu"),
            );
            assert.deepEqual(
                (await backend.listImages(gz, { tags: { env: "prod", team: "x" } })).map((i) => i.imageId),
                [a],
            );
            assert.equal(await backend.countImages(gz, { tags: { env: "dev" } }), 0);
            assert.equal(
                (await backend.listImages(gz)).filter((i) => i.imageType === "MARKET_IMAGE").length,
                3,
            );
            const shared = await backend.listImages(gz, { imageTypes: ["SHARED_IMAGE"] });
            assert.ok(shared.some((i) => i.imageId === sharedIn));
            // Everything visible, read over several pages.
            const all = await backend.listImages(gz);
            assert.equal(all.length, await backend.countImages(gz));
        });

        it("modifyImageAttribute and modifyImageTags", async () => {
            const id = await normalImage("attr");
            await backend.modifyImageAttribute(gz, id, { imageName: "attr-2", imageDescription: "d2" });
            await backend.modifyImageTags(gz, id, { replace: { a: "1", b: "2" }, remove: [] });
            await backend.modifyImageTags(gz, id, { replace: { b: "3" }, remove: ["a"] });
            const [image] = await backend.describeImagesByIds(gz, [id]);
            assert.equal(image.imageName, "attr-2");
            assert.equal(image.imageDescription, "d2");
            assert.deepEqual(image.tags, { b: "3" });
        });

        it("families: createImage joins one, modifyImageAttribute moves and deprecates, describeImageFromFamily picks", async () => {
            const older = await backend.createImage(gz, {
                imageName: "fam-1",
                instanceId: instanceId(main.accountId, gz),
                imageFamily: "web",
            });
            settle();
            const newer = await normalImage("fam-2");
            assert.equal((await backend.describeImageFromFamily(gz, "web"))?.imageId, older);
            await backend.modifyImageAttribute(gz, newer, { imageFamily: "web" });
            assert.equal((await backend.describeImageFromFamily(gz, "web"))?.imageId, newer);
            await backend.modifyImageAttribute(gz, newer, { imageDeprecated: true });
            const chosen = await backend.describeImageFromFamily(gz, "web");
            assert.equal(chosen?.imageId, older);
            assert.equal(chosen?.imageFamily, "web");
            const [deprecated] = await backend.describeImagesByIds(gz, [newer]);
            assert.deepEqual([deprecated.imageFamily, deprecated.imageDeprecated], ["web", true]);
            await backend.modifyImageAttribute(gz, older, { imageFamily: "" });
            assert.equal(await backend.describeImageFromFamily(gz, "web"), null);
            const [outOfFamily] = await backend.describeImagesByIds(gz, [older]);
            assert.equal(outOfFamily.imageFamily, undefined);
            assert.equal(
                await codeOf(backend.modifyImageAttribute(gz, older, { imageFamily: "web app" })),
                "InvalidParameterValue.InvalidImageFamily",
            );
        });

        it("modifySharePermission and describeSharePermission; the other account sees SHARED_IMAGE", async () => {
            const id = await normalImage("share");
            await backend.modifySharePermission(gz, id, [second.accountId, "7654321"], "SHARE");
            const perms = await backend.describeSharePermission(gz, id);
            assert.deepEqual(perms.map((p) => p.accountId).sort(), ["100000000002", "7654321"]);
            const [seen] = await backendFor(second).describeImagesByIds(gz, [id]);
            assert.equal(seen.imageType, "SHARED_IMAGE");
            await backend.modifySharePermission(gz, id, [second.accountId], "CANCEL");
            assert.deepEqual(
                (await backend.describeSharePermission(gz, id)).map((p) => p.accountId),
                ["7654321"],
            );
        });

        it("syncImages: copies SYNCING with SyncPercent, then NORMAL", async () => {
            const id = await normalImage("copy-src");
            const copies = await backend.syncImages(gz, id, ["ap-shanghai", "ap-tokyo"]);
            assert.deepEqual(
                copies.map((c) => c.region),
                ["ap-shanghai", "ap-tokyo"],
            );
            const [copy] = await backend.describeImagesByIds("ap-tokyo", [copies[1].imageId]);
            assert.equal(copy.imageState, "SYNCING");
            assert.equal(typeof copy.syncPercent, "number");
            assert.equal((await backend.describeImagesByIds(gz, [id]))[0].imageState, "SYNCING");
            settle();
            const [done] = await backend.describeImagesByIds("ap-tokyo", [copies[1].imageId]);
            assert.equal(done.imageState, "NORMAL");
            assert.equal(done.imageName, "copy-src");
        });

        it("deleteImages: dryRun keeps the image; deleteSnapshots removes its snapshots", async () => {
            const id = await normalImage("del");
            const [image] = await backend.describeImagesByIds(gz, [id]);
            await backend.deleteImages(gz, [id], { dryRun: true });
            assert.equal((await backend.describeImagesByIds(gz, [id])).length, 1);
            await backend.deleteImages(gz, [id], { deleteSnapshots: true });
            assert.equal((await backend.describeImagesByIds(gz, [id])).length, 0);
            assert.equal(
                (
                    await backend.describeSnapshots(
                        gz,
                        image.snapshots.map((s) => s.snapshotId),
                    )
                ).length,
                0,
            );
        });

        it("temporary credentials with a security token", async () => {
            const sts = backendFor(third.temporary!);
            assert.equal(await sts.describeImageQuota(gz), 10);
            const wrong = backendFor({ ...third.temporary!, token: "expired" });
            assert.equal(await codeOf(wrong.describeImageQuota(gz)), "AuthFailure.TokenFailure");
        });

        it("signing x-tc-action too (current doc revision) is accepted", async () => {
            const client = new TencentCloudClient({
                settings: settings(main),
                rateLimiter: false,
                signActionHeader: true,
            });
            assert.equal(await new TencentCloudBackend(client).describeImageQuota(gz), 10);
        });
    });

    describe("every rule of image-rules.md", () => {
        it("1. a region's custom-image quota (create, import and copy count; shared-in does not)", async () => {
            f.emu.controls.configure({ imageQuota: 1 });
            assert.equal(await backend.describeImageQuota(gz), 1);
            const id = await normalImage("q1");
            assert.equal(
                await codeOf(
                    backend.createImage(gz, { imageName: "q2", instanceId: instanceId(main.accountId, gz) }),
                ),
                "ImageQuotaLimitExceeded",
            );
            assert.equal(
                await codeOf(
                    backend.importImage(gz, {
                        imageName: "q3",
                        imageUrl: "https://b.cos.ap-guangzhou.myqcloud.com/x.qcow2",
                        osType: "CentOS",
                        osVersion: "7",
                        architecture: "x86_64",
                    }),
                ),
                "ImageQuotaLimitExceeded",
            );
            await backend.syncImages(gz, id, ["ap-tokyo"]);
            settle();
            assert.equal(
                await codeOf(backend.syncImages(gz, id, ["ap-tokyo"], { imageName: "q1-again" })),
                "ImageQuotaLimitExceeded",
            );
        });

        it("2. shares per image are limited (OverQuota)", async () => {
            f.emu.controls.configure({ shareLimit: 2 });
            const id = await normalImage("limit");
            await backend.modifySharePermission(gz, id, ["1000001", "1000002"], "SHARE");
            assert.equal(
                await codeOf(backend.modifySharePermission(gz, id, ["1000003"], "SHARE")),
                "OverQuota",
            );
        });

        it("3. only the account's own custom images can be shared, copied or renamed; never with itself", async () => {
            const share = (id: string) =>
                codeOf(backend.modifySharePermission(gz, id, [third.accountId], "SHARE"));
            assert.equal(await share(ubuntu), "InvalidParameterValue.InvalidImageId");
            assert.equal(await share(market), "InvalidParameterValue.InvalidImageId");
            assert.equal(await share(sharedIn), "UnauthorizedOperation.ImageNotBelongToAccount");
            for (const id of [ubuntu, market, sharedIn]) {
                assert.equal(
                    await codeOf(backend.syncImages(gz, id, ["ap-tokyo"])),
                    "InvalidParameterValue.InvalidImageId",
                );
            }
            assert.equal(
                await codeOf(backend.modifyImageAttribute(gz, sharedIn, { imageName: "mine" })),
                "UnsupportedOperation.SharedImageModifyUnsupported",
            );
            assert.equal(
                await codeOf(backend.modifyImageAttribute(gz, ubuntu, { imageName: "mine" })),
                "InvalidParameterValue.InvalidImageId",
            );
            const own = await normalImage("own");
            assert.equal(
                await codeOf(backend.modifySharePermission(gz, own, [main.accountId], "SHARE")),
                "FailedOperation.AccountIsYourSelf",
            );
            assert.equal(
                await codeOf(backend.modifySharePermission(gz, own, ["12"], "SHARE")),
                "InvalidAccountId.NotFound",
            );
        });

        it("4. shares stay in the image's region; copies go to other regions only", async () => {
            const id = await normalImage("regional");
            assert.equal(
                await codeOf(backend.modifySharePermission("ap-shanghai", id, [second.accountId], "SHARE")),
                "InvalidImageId.NotFound",
            );
            await backend.modifySharePermission(gz, id, [second.accountId], "SHARE");
            assert.equal((await backendFor(second).describeImagesByIds("ap-shanghai", [id])).length, 0);
            assert.equal(
                await codeOf(backend.syncImages(gz, id, [gz])),
                "InvalidParameterValue.InvalidRegion",
            );
        });

        it("5. marketplace images only in mainland China; unknown regions are refused", async () => {
            assert.equal(
                (await backend.listImages("ap-singapore")).filter((i) => i.imageType === "MARKET_IMAGE")
                    .length,
                0,
            );
            assert.equal(
                (await backend.listImages("ap-beijing")).filter((i) => i.imageType === "MARKET_IMAGE").length,
                3,
            );
            assert.equal(await codeOf(backend.describeImageQuota("ap-atlantis")), "InvalidRegion.NotFound");
            const id = await normalImage("r");
            assert.equal(await codeOf(backend.syncImages(gz, id, ["ap-atlantis"])), "InvalidRegion.NotFound");
        });

        it("6. formats and existence: names ≤ 60, descriptions ≤ 256, IDs, instances of the region", async () => {
            const ins = instanceId(main.accountId, gz);
            assert.equal(
                await codeOf(backend.createImage(gz, { imageName: "n".repeat(61), instanceId: ins })),
                "InvalidParameterValue.TooLarge",
            );
            assert.equal(
                await codeOf(
                    backend.createImage(gz, {
                        imageName: "n",
                        imageDescription: "d".repeat(257),
                        instanceId: ins,
                    }),
                ),
                "InvalidParameterValue.TooLarge",
            );
            assert.equal(
                await codeOf(backend.describeImagesByIds(gz, ["img-1"])),
                "InvalidImageId.Malformed",
            );
            assert.equal(
                await codeOf(backend.createImage("ap-tokyo", { imageName: "n", instanceId: ins })),
                "InvalidInstanceId.NotFound",
            );
            assert.deepEqual(await backend.describeInstances("ap-tokyo", [ins]), []);
            await normalImage("unique");
            assert.equal(
                await codeOf(backend.createImage(gz, { imageName: "unique", instanceId: ins })),
                "InvalidImageName.Duplicate",
            );
        });

        it("a shared image cannot be deleted until its shares are cancelled", async () => {
            const id = await normalImage("held");
            await backend.modifySharePermission(gz, id, [second.accountId], "SHARE");
            assert.equal(await codeOf(backend.deleteImages(gz, [id])), "InvalidImageId.InShared");
            await backend.modifySharePermission(gz, id, [second.accountId], "CANCEL");
            await backend.deleteImages(gz, [id]);
            assert.equal(
                await codeOf(backend.deleteImages(gz, [sharedIn])),
                "InvalidParameterValue.InvalidImageIdIsShared",
            );
        });
    });

    describe("faults through the client", () => {
        it("reads are retried through InternalError and throttling", async () => {
            const retrying = createImageBackend(settings(main), { rateLimit: false, maxAttempts: 3 });
            f.emu.controls.setFaults({ internalErrorNext: { DescribeImageQuota: 1 } });
            assert.equal(await retrying.describeImageQuota(gz), 10);
            f.emu.controls.setFaults({ rateLimits: { DescribeRegions: 0 } });
            assert.equal(await codeOf(backendFor(main).describeRegions()), "RequestLimitExceeded");
        });

        it("a dropped CreateImage is not resent blindly: a TransportError, and the image exists", async () => {
            const retrying = createImageBackend(settings(main), { rateLimit: false, maxAttempts: 3 });
            f.emu.controls.setFaults({ dropNext: { CreateImage: 1 } });
            await assert.rejects(
                retrying.createImage(gz, {
                    imageName: "dropped",
                    instanceId: instanceId(main.accountId, gz),
                }),
                (err: unknown) => err instanceof TransportError && err.mayHaveReachedService,
            );
            assert.equal(f.emu.controls.callLog({ action: "CreateImage" }).length, 1);
            assert.equal((await backend.listImages(gz, { imageName: "dropped" })).length, 1);
        });
    });
});
