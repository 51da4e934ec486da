import { strict as assert } from "node:assert";
import { publicImageId } from "../../emulator/models/seed";
import { stableId } from "../../emulator/ids";
import { CallSpec, errorCode, ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import {
    createImage,
    describeImage,
    instanceId,
    main,
    marketImage,
    second,
    settle,
    third,
    ubuntu2204,
} from "./helpers/world";

const gz = "ap-guangzhou";
/** An image account 2 shares with account 1 in ap-guangzhou (seeded). */
const sharedIn = stableId("img", `owned:${second.accountId}:${gz}:team-base-tencentos`);
/** An image of account 2 it does not share (seeded). */
const othersPrivate = stableId("img", `owned:${second.accountId}:${gz}:second-private-build`);

describe("emulator: the service's rules", () => {
    const f = useEmulator();
    const code = (spec: CallSpec) => errorCode(f.endpoint, spec);
    const share = (
        imageId: string,
        accountIds: string[],
        permission = "SHARE",
        key: CallSpec["key"] = main,
    ) =>
        ({
            action: "ModifyImageSharePermission",
            key,
            body: { ImageId: imageId, AccountIds: accountIds, Permission: permission },
        }) as CallSpec;
    const sync = (imageId: string, regions: string[], extra: Record<string, unknown> = {}) =>
        ({
            action: "SyncImages",
            key: main,
            body: { ImageIds: [imageId], DestinationRegions: regions, ...extra },
        }) as CallSpec;

    async function normalImage(name: string): Promise<string> {
        const id = await createImage(f, name);
        settle(f);
        return id;
    }

    describe("quota", () => {
        it("CreateImage past the region's quota → ImageQuotaLimitExceeded; other regions unaffected", async () => {
            f.emu.controls.configure({ imageQuota: 2 });
            assert.equal(
                (await ok(f.endpoint, { action: "DescribeImageQuota", key: main })).ImageNumQuota,
                2,
            );
            await createImage(f, "q1");
            await createImage(f, "q2");
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    body: { ImageName: "q3", InstanceId: instanceId(main.accountId, gz) },
                }),
                "ImageQuotaLimitExceeded",
            );
            await createImage(f, "q3", { region: "ap-shanghai" });
        });

        it("per-account, per-region quota overrides", async () => {
            f.emu.controls.configure({ imageQuotas: { [main.accountId]: { "ap-tokyo": 0 } } });
            assert.equal(
                (await ok(f.endpoint, { action: "DescribeImageQuota", key: main, region: "ap-tokyo" }))
                    .ImageNumQuota,
                0,
            );
            assert.equal(
                (await ok(f.endpoint, { action: "DescribeImageQuota", key: main })).ImageNumQuota,
                10,
            );
        });

        it("ImportImage and SyncImages past the quota → ImageQuotaLimitExceeded (copy counts in the destination)", async () => {
            const id = await normalImage("src");
            f.emu.controls.configure({ imageQuotas: { [main.accountId]: { "ap-tokyo": 0, [gz]: 1 } } });
            assert.equal(await code(sync(id, ["ap-tokyo"])), "ImageQuotaLimitExceeded");
            assert.equal(
                await code({
                    action: "ImportImage",
                    key: main,
                    body: {
                        ImageName: "imp",
                        ImageUrl: "https://b.cos.ap-guangzhou.myqcloud.com/x.qcow2",
                        OsType: "CentOS",
                        OsVersion: "7",
                        Architecture: "x86_64",
                    },
                }),
                "ImageQuotaLimitExceeded",
            );
        });

        it("shared-in images do not count against the quota", async () => {
            f.emu.controls.configure({ imageQuota: 1 });
            await createImage(f, "only-one");
        });
    });

    describe("names and formats", () => {
        it("duplicate name in the same account and region → InvalidImageName.Duplicate (CreateImage, rename, copy)", async () => {
            const a = await normalImage("dup");
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    body: { ImageName: "dup", InstanceId: instanceId(main.accountId, gz) },
                }),
                "InvalidImageName.Duplicate",
            );
            const b = await normalImage("other");
            assert.equal(
                await code({
                    action: "ModifyImageAttribute",
                    key: main,
                    body: { ImageId: b, ImageName: "dup" },
                }),
                "InvalidImageName.Duplicate",
            );
            await createImage(f, "dup", { region: "ap-tokyo" });
            assert.equal(await code(sync(a, ["ap-tokyo"])), "InvalidImageName.Duplicate");
            // The same name is fine in another account.
            await createImage(f, "dup", { key: second, accountId: second.accountId });
        });

        it("names over 60 and descriptions over 256 characters → InvalidParameterValue.TooLarge", async () => {
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    body: { ImageName: "x".repeat(61), InstanceId: instanceId(main.accountId, gz) },
                }),
                "InvalidParameterValue.TooLarge",
            );
            const id = await normalImage("ok");
            assert.equal(
                await code({
                    action: "ModifyImageAttribute",
                    key: main,
                    body: { ImageId: id, ImageDescription: "d".repeat(257) },
                }),
                "InvalidParameterValue.TooLarge",
            );
        });

        it("malformed image IDs → InvalidImageId.Malformed in every image action", async () => {
            const bad = "img-BAD";
            assert.equal(
                await code({ action: "DescribeImages", key: main, body: { ImageIds: [bad] } }),
                "InvalidImageId.Malformed",
            );
            assert.equal(
                await code({ action: "DeleteImages", key: main, body: { ImageIds: [bad] } }),
                "InvalidImageId.Malformed",
            );
            assert.equal(
                await code({
                    action: "ModifyImageAttribute",
                    key: main,
                    body: { ImageId: bad, ImageName: "n" },
                }),
                "InvalidImageId.Malformed",
            );
            assert.equal(await code(share(bad, [second.accountId])), "InvalidImageId.Malformed");
            assert.equal(
                await code({ action: "DescribeImageSharePermission", key: main, body: { ImageId: bad } }),
                "InvalidImageId.Malformed",
            );
            assert.equal(await code(sync(bad, ["ap-tokyo"])), "InvalidImageId.Malformed");
        });

        it("unknown image IDs → InvalidImageId.NotFound", async () => {
            const unknown = "img-zzzzzzzz";
            assert.equal(
                await code({ action: "DeleteImages", key: main, body: { ImageIds: [unknown] } }),
                "InvalidImageId.NotFound",
            );
            assert.equal(await code(share(unknown, [second.accountId])), "InvalidImageId.NotFound");
            assert.equal(await code(sync(unknown, ["ap-tokyo"])), "InvalidImageId.NotFound");
        });

        it("ImageIds with Filters → InvalidParameter.InvalidParameterCoexistImageIdsFilters", async () => {
            assert.equal(
                await code({
                    action: "DescribeImages",
                    key: main,
                    body: {
                        ImageIds: [ubuntu2204],
                        Filters: [{ Name: "image-type", Values: ["PUBLIC_IMAGE"] }],
                    },
                }),
                "InvalidParameter.InvalidParameterCoexistImageIdsFilters",
            );
        });

        it("Limit over 100 and unknown filters are refused", async () => {
            assert.equal(
                await code({ action: "DescribeImages", key: main, body: { Limit: 101 } }),
                "InvalidParameterValue.InvalidParameterValueLimit",
            );
            assert.equal(
                await code({
                    action: "DescribeImages",
                    key: main,
                    body: { Filters: [{ Name: "image-state", Values: ["NORMAL"] }] },
                }),
                "InvalidFilter",
            );
        });

        it("image-type takes exactly the values the spec documents: MARKET_IMAGE is refused", async () => {
            const typed = (value: string) => ({
                action: "DescribeImages",
                key: main,
                body: { Filters: [{ Name: "image-type", Values: [value] }] },
            });
            for (const value of ["PRIVATE_IMAGE", "PUBLIC_IMAGE", "SHARED_IMAGE"])
                await ok(f.endpoint, typed(value));
            for (const value of ["MARKET_IMAGE", "public_image"]) {
                assert.equal(await code(typed(value)), "InvalidFilter", value);
            }
        });

        it("CreateImage input checks: one source, instance and disks of the region", async () => {
            const ins = instanceId(main.accountId, gz);
            assert.equal(
                await code({ action: "CreateImage", key: main, body: { ImageName: "n" } }),
                "InvalidParameter.SpecifyOneParameter",
            );
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    body: { ImageName: "n", InstanceId: "ins-zzzzzzzz" },
                }),
                "InvalidInstanceId.NotFound",
            );
            assert.equal(
                await code({ action: "CreateImage", key: main, body: { ImageName: "n", InstanceId: "i-1" } }),
                "InvalidInstanceId.Malformed",
            );
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    region: "ap-tokyo",
                    body: { ImageName: "n", InstanceId: ins },
                }),
                "InvalidInstanceId.NotFound",
            );
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    body: { ImageName: "n", InstanceId: ins, DataDiskIds: ["disk-zzzzzzzz"] },
                }),
                "InvalidParameter.DataDiskNotBelongSpecifiedInstance",
            );
            assert.equal(
                await code({
                    action: "CreateImage",
                    key: main,
                    body: { ImageName: "n", SnapshotIds: ["snap-zzzzzzzz"] },
                }),
                "InvalidParameter.SnapshotNotFound",
            );
        });

        it("ImportImage input checks", async () => {
            const body = {
                ImageName: "imp",
                ImageUrl: "https://b.cos.ap-guangzhou.myqcloud.com/x.qcow2",
                OsType: "CentOS",
                OsVersion: "7",
                Architecture: "x86_64",
            };
            const imp = (over: Record<string, unknown>) =>
                code({ action: "ImportImage", key: main, body: { ...body, ...over } });
            assert.equal(await imp({ OsType: "Plan9" }), "InvalidImageOsType.Unsupported");
            assert.equal(await imp({ OsVersion: "99" }), "InvalidImageOsVersion.Unsupported");
            assert.equal(await imp({ ImageUrl: "not a url" }), "InvalidParameter.InvalidParameterUrlError");
            assert.equal(
                await imp({ ImageUrl: "https://b.cos.x.com/a.iso" }),
                "InvalidParameterValue.ISOMustImportByForce",
            );
            assert.equal(await imp({ BootMode: "BIOS" }), "InvalidParameterValue.InvalidBootMode");
            assert.equal(await imp({ LicenseType: "GPL" }), "InvalidParameterValue.InvalidLicenseType");
        });
    });

    describe("sharing", () => {
        it("with more accounts than the share limit → OverQuota", async () => {
            f.emu.controls.configure({ shareLimit: 2 });
            const id = await normalImage("s");
            await ok(f.endpoint, share(id, ["1000001"]));
            assert.equal(await code(share(id, ["1000002", "1000003"])), "OverQuota");
            await ok(f.endpoint, share(id, ["1000002"]));
        });

        it("with yourself → FailedOperation.AccountIsYourSelf", async () => {
            const id = await normalImage("s");
            assert.equal(await code(share(id, [main.accountId])), "FailedOperation.AccountIsYourSelf");
        });

        it("with an unknown account → InvalidAccountId.NotFound (non-digits, wrong length, seeded unknown)", async () => {
            const id = await normalImage("s");
            assert.equal(await code(share(id, ["abc"])), "InvalidAccountId.NotFound");
            assert.equal(await code(share(id, ["123"])), "InvalidAccountId.NotFound");
            assert.equal(await code(share(id, ["1234567890123"])), "InvalidAccountId.NotFound");
            f.emu.controls.configure({ unknownAccountIds: ["200000000009"] });
            assert.equal(await code(share(id, ["200000000009"])), "InvalidAccountId.NotFound");
        });

        it("twice with the same account → FailedOperation.AccountAlreadyExists", async () => {
            const id = await normalImage("s");
            await ok(f.endpoint, share(id, [second.accountId]));
            assert.equal(await code(share(id, [second.accountId])), "FailedOperation.AccountAlreadyExists");
        });

        it("a shared-in image → UnauthorizedOperation.ImageNotBelongToAccount", async () => {
            assert.equal(
                await code(share(sharedIn, [third.accountId])),
                "UnauthorizedOperation.ImageNotBelongToAccount",
            );
            assert.equal(
                await code({
                    action: "DescribeImageSharePermission",
                    key: main,
                    body: { ImageId: sharedIn },
                }),
                "UnauthorizedOperation.ImageNotBelongToAccount",
            );
        });

        it("public and marketplace images → InvalidParameterValue.InvalidImageId", async () => {
            assert.equal(
                await code(share(ubuntu2204, [second.accountId])),
                "InvalidParameterValue.InvalidImageId",
            );
            assert.equal(
                await code(share(marketImage, [second.accountId])),
                "InvalidParameterValue.InvalidImageId",
            );
        });

        it("only in the image's region: the same ID in another region → InvalidImageId.NotFound", async () => {
            const id = await normalImage("s");
            assert.equal(
                await code({ ...share(id, [second.accountId]), region: "ap-shanghai" }),
                "InvalidImageId.NotFound",
            );
        });

        it("an image that is not NORMAL → InvalidParameterValue.InvalidImageState", async () => {
            const id = await createImage(f, "creating");
            assert.equal(
                await code(share(id, [second.accountId])),
                "InvalidParameterValue.InvalidImageState",
            );
        });

        it("Permission other than SHARE/CANCEL → InvalidParameterValue", async () => {
            const id = await normalImage("s");
            assert.equal(await code(share(id, [second.accountId], "GRANT")), "InvalidParameterValue");
        });
    });

    describe("copying", () => {
        it("to its own region → InvalidParameterValue.InvalidRegion; unknown region → InvalidRegion.NotFound", async () => {
            const id = await normalImage("c");
            assert.equal(await code(sync(id, [gz])), "InvalidParameterValue.InvalidRegion");
            assert.equal(await code(sync(id, ["ap-atlantis"])), "InvalidRegion.NotFound");
            assert.equal(
                await code(sync(id, ["ap-tokyo", "ap-tokyo"])),
                "InvalidParameterValue.InvalidRegion",
            );
        });

        it("public, marketplace and shared-in images cannot be copied", async () => {
            assert.equal(await code(sync(ubuntu2204, ["ap-tokyo"])), "InvalidParameterValue.InvalidImageId");
            assert.equal(await code(sync(marketImage, ["ap-tokyo"])), "InvalidParameterValue.InvalidImageId");
            assert.equal(await code(sync(sharedIn, ["ap-tokyo"])), "InvalidParameterValue.InvalidImageId");
        });

        it("an image that is CREATING → InvalidImageId.IncorrectState; one being copied → FailedOperation.InvalidImageState", async () => {
            const creating = await createImage(f, "creating");
            assert.equal(await code(sync(creating, ["ap-tokyo"])), "InvalidImageId.IncorrectState");
            settle(f);
            await ok(f.endpoint, sync(creating, ["ap-tokyo"]));
            assert.equal(await code(sync(creating, ["ap-seoul"])), "FailedOperation.InvalidImageState");
        });

        it("more than one image per call → InvalidParameterValue.LimitExceeded", async () => {
            const a = await normalImage("a");
            assert.equal(
                await code({
                    action: "SyncImages",
                    key: main,
                    body: { ImageIds: [a, a], DestinationRegions: ["ap-tokyo"] },
                }),
                "InvalidParameterValue.LimitExceeded",
            );
        });
    });

    describe("modifying and deleting", () => {
        it("ModifyImageAttribute on a shared-in image → UnsupportedOperation.SharedImageModifyUnsupported", async () => {
            assert.equal(
                await code({
                    action: "ModifyImageAttribute",
                    key: main,
                    body: { ImageId: sharedIn, ImageName: "mine" },
                }),
                "UnsupportedOperation.SharedImageModifyUnsupported",
            );
        });

        it("ModifyImageAttribute on a public or marketplace image → InvalidParameterValue.InvalidImageId", async () => {
            for (const id of [ubuntu2204, marketImage]) {
                assert.equal(
                    await code({
                        action: "ModifyImageAttribute",
                        key: main,
                        body: { ImageId: id, ImageName: "mine" },
                    }),
                    "InvalidParameterValue.InvalidImageId",
                );
            }
        });

        it("ModifyImageAttribute while CREATING → InvalidImageId.IncorrectState", async () => {
            const id = await createImage(f, "busy");
            assert.equal(
                await code({
                    action: "ModifyImageAttribute",
                    key: main,
                    body: { ImageId: id, ImageName: "x" },
                }),
                "InvalidImageId.IncorrectState",
            );
        });

        it("DeleteImages: shared → InvalidImageId.InShared; busy → IncorrectState; shared-in → InvalidImageIdIsShared; public → InvalidImageId", async () => {
            const del = (id: string) => code({ action: "DeleteImages", key: main, body: { ImageIds: [id] } });
            const creating = await createImage(f, "busy");
            assert.equal(await del(creating), "InvalidImageId.IncorrectState");
            settle(f);
            await ok(f.endpoint, share(creating, [second.accountId]));
            assert.equal(await del(creating), "InvalidImageId.InShared");
            assert.equal(await del(sharedIn), "InvalidParameterValue.InvalidImageIdIsShared");
            assert.equal(await del(ubuntu2204), "InvalidParameterValue.InvalidImageId");
            assert.equal(await del(publicImageId("mkt-lamp")), "InvalidParameterValue.InvalidImageId");
        });

        it("DeleteImages is all or nothing", async () => {
            const a = await normalImage("a");
            const b = await normalImage("b");
            await ok(f.endpoint, share(b, [second.accountId]));
            assert.equal(
                await code({ action: "DeleteImages", key: main, body: { ImageIds: [a, b] } }),
                "InvalidImageId.InShared",
            );
            assert.ok(await describeImage(f, a));
        });

        it("a copy's source and destination are SYNCING and cannot be deleted meanwhile", async () => {
            const id = await normalImage("src");
            const r = await ok(f.endpoint, sync(id, ["ap-tokyo"], { ImageSetRequired: true }));
            const copy = (r.ImageSet as { ImageId: string }[])[0].ImageId;
            assert.equal(
                await code({ action: "DeleteImages", key: main, body: { ImageIds: [id] } }),
                "InvalidImageId.IncorrectState",
            );
            assert.equal(
                await code({
                    action: "DeleteImages",
                    key: main,
                    region: "ap-tokyo",
                    body: { ImageIds: [copy] },
                }),
                "InvalidImageId.IncorrectState",
            );
        });
    });

    describe("account isolation", () => {
        it("another account's unshared image is invisible and untouchable", async () => {
            assert.equal(await describeImage(f, othersPrivate), undefined);
            assert.equal(
                await code({ action: "DeleteImages", key: main, body: { ImageIds: [othersPrivate] } }),
                "InvalidImageId.NotFound",
            );
            assert.equal(
                await code({
                    action: "ModifyImageAttribute",
                    key: main,
                    body: { ImageId: othersPrivate, ImageName: "x" },
                }),
                "InvalidImageId.NotFound",
            );
            assert.equal(await code(share(othersPrivate, [third.accountId])), "InvalidImageId.NotFound");
            assert.equal(await code(sync(othersPrivate, ["ap-tokyo"])), "InvalidImageId.NotFound");
            const r = await ok(f.endpoint, {
                action: "DescribeImages",
                key: main,
                body: { Filters: [{ Name: "image-name", Values: ["second-private"] }] },
            });
            assert.equal(r.TotalCount, 0);
        });

        it("a shared-in image appears as SHARED_IMAGE in its region only, without the owner's tags or snapshots", async () => {
            const seen = await describeImage(f, sharedIn);
            assert.equal(seen?.ImageType, "SHARED_IMAGE");
            assert.deepEqual(seen?.SnapshotSet, []);
            assert.equal(await describeImage(f, sharedIn, { region: "ap-beijing" }), undefined);
            const owner = await describeImage(f, sharedIn, { key: second });
            assert.equal(owner?.ImageType, "PRIVATE_IMAGE");
        });

        it("ModifyResourceTags only on the caller's own images", async () => {
            const tag = (resource: string) =>
                code({
                    action: "ModifyResourceTags",
                    service: "tag",
                    key: main,
                    body: { Resource: resource, ReplaceTags: [{ TagKey: "k", TagValue: "v" }] },
                });
            assert.equal(
                await tag(`qcs::cvm:${gz}:uin/${second.accountId}:image/${sharedIn}`),
                "InvalidParameterValue.UinInvalid",
            );
            assert.equal(
                await tag(`qcs::cvm:${gz}:uin/${main.accountId}:image/${sharedIn}`),
                "ResourceNotFound",
            );
            assert.equal(await tag("img-12345678"), "InvalidParameterValue.ResourceDescriptionError");
            const id = await normalImage("t");
            assert.equal(
                await code({
                    action: "ModifyResourceTags",
                    service: "tag",
                    key: main,
                    body: {
                        Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`,
                        ReplaceTags: [{ TagKey: "qcs:reserved", TagValue: "v" }],
                    },
                }),
                "InvalidParameterValue.ReservedTagKey",
            );
        });
    });
});
