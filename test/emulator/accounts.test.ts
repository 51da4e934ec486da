/**
 * Accounts as the real service has them: a root account's sub-account (CAM user) acts on the root
 * account's resources and is their ImageCreator; STS GetCallerIdentity names the root account for
 * every kind of key; the Tag service's resource names carry the root account's ID (or none).
 */
import { strict as assert } from "node:assert";
import { MAIN_SUB_ACCOUNT } from "../../emulator/accounts";
import { call, errorCode, ok, TestKey } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import { createImage, describeImage, instanceId, main, second, settle, third } from "./helpers/world";

const gz = "ap-guangzhou";
const sub = MAIN_SUB_ACCOUNT;

describe("emulator: root accounts, sub-accounts and role sessions", () => {
    const f = useEmulator();
    const identity = async (key: TestKey) =>
        ok(f.endpoint, { action: "GetCallerIdentity", service: "sts", key, region: null });

    it("GetCallerIdentity: AccountId is the root account for a root key, a sub-account key and a temporary key", async () => {
        const root = await identity(main);
        assert.deepEqual(
            { ...root, RequestId: undefined },
            {
                Arn: `qcs::cam:${main.accountId}:uin/${main.accountId}`,
                AccountId: main.accountId,
                UserId: main.accountId,
                PrincipalId: main.accountId,
                Type: "CAMUser",
                RequestId: undefined,
            },
        );
        const user = await identity(sub);
        assert.equal(user.AccountId, main.accountId);
        assert.equal(user.UserId, sub.uin);
        assert.equal(user.PrincipalId, sub.uin);
        assert.equal(user.Arn, `qcs::cam:${main.accountId}:uin/${sub.uin}`);
        assert.equal(user.Type, "CAMUser");
        const role = await identity(third.temporary!);
        assert.equal(role.AccountId, third.accountId);
        assert.equal(role.Type, "CAMRole");
        assert.equal(role.UserId, `${third.temporary!.roleId}:${third.temporary!.roleSessionName}`);
        assert.equal(role.Arn, `qcs::sts:${third.accountId}:assumed-role/${third.temporary!.roleId}`);
    });

    it("a sub-account's image belongs to the root account, with the sub-account as ImageCreator", async () => {
        const id = await createImage(f, "by-sub", { key: sub });
        const seenByRoot = await describeImage(f, id);
        assert.equal(seenByRoot?.ImageCreator, sub.uin);
        assert.equal(seenByRoot?.ImageType, "PRIVATE_IMAGE");
        assert.equal((await describeImage(f, id, { key: sub }))?.ImageId, id);
        assert.equal(f.emu.controls.images({ accountId: main.accountId, region: gz }).length, 1);
        assert.equal((await describeImage(f, await createImage(f, "by-root")))?.ImageCreator, main.accountId);
    });

    it("images are shared with root accounts: a sub-account's UIN is FailedOperation.NotMasterAccount", async () => {
        const id = await createImage(f, "to-share");
        settle(f);
        const share = (accountId: string) => ({
            action: "ModifyImageSharePermission",
            key: main,
            body: { ImageId: id, AccountIds: [accountId], Permission: "SHARE" },
        });
        assert.equal(await errorCode(f.endpoint, share(sub.uin)), "FailedOperation.NotMasterAccount");
        await ok(f.endpoint, share(second.accountId));
    });

    describe("Tag resource names", () => {
        const modify = (resource: string, key: TestKey = main) => ({
            action: "ModifyResourceTags",
            service: "tag",
            key,
            body: { Resource: resource, ReplaceTags: [{ TagKey: "k", TagValue: "v" }] },
        });

        it("take the root account's ID, or an empty account part (as Terraform sends), from any key of the account", async () => {
            const id = await createImage(f, "tagged");
            await ok(f.endpoint, modify(`qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`));
            await ok(f.endpoint, {
                ...modify(`qcs::cvm:${gz}:uin/:image/${id}`),
                body: {
                    Resource: `qcs::cvm:${gz}:uin/:image/${id}`,
                    ReplaceTags: [{ TagKey: "k2", TagValue: "v" }],
                },
            });
            await ok(f.endpoint, {
                ...modify(`qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`, sub),
                body: {
                    Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`,
                    DeleteTags: [{ TagKey: "k" }],
                },
            });
            assert.deepEqual((await describeImage(f, id))?.Tags, [{ Key: "k2", Value: "v" }]);
        });

        it("refuse a sub-account's UIN, another account's, a non-image resource, an unknown region, another's image", async () => {
            const id = await createImage(f, "tagged");
            const code = async (resource: string, key: TestKey = main) =>
                errorCode(f.endpoint, modify(resource, key));
            assert.equal(
                await code(`qcs::cvm:${gz}:uin/${sub.uin}:image/${id}`),
                "InvalidParameterValue.UinInvalid",
            );
            assert.equal(
                await code(`qcs::cvm:${gz}:uin/${sub.uin}:image/${id}`, sub),
                "InvalidParameterValue.UinInvalid",
            );
            assert.equal(
                await code(`qcs::cvm:${gz}:uin/${second.accountId}:image/${id}`),
                "InvalidParameterValue.UinInvalid",
            );
            assert.equal(
                await code(`qcs::cvm:${gz}:uin/${main.accountId}:instance/${instanceId(main.accountId, gz)}`),
                "InvalidParameterValue.ResourceDescriptionError",
            );
            assert.equal(
                await code(`qcs::cvm:${gz}:${id}`),
                "InvalidParameterValue.ResourceDescriptionError",
            );
            assert.equal(
                await code(`qcs::cvm:xx-nowhere:uin/${main.accountId}:image/${id}`),
                "InvalidParameterValue.RegionInvalid",
            );
            assert.equal(
                await code(`qcs::cvm:${gz}:uin/${second.accountId}:image/${id}`, second),
                "ResourceNotFound",
            );
        });
    });
});

describe("emulator: the Region service and instances without disk IDs", () => {
    const f = useEmulator();

    it("Region DescribeRegions (Product cvm) lists the regions CVM serves, with the MC members null", async () => {
        const r = await ok(f.endpoint, {
            action: "DescribeRegions",
            service: "region",
            key: main,
            region: null,
            body: { Product: "cvm" },
        });
        const legacy = await ok(f.endpoint, { action: "DescribeRegions", key: main, region: null });
        const pick = (set: unknown) =>
            (set as { Region: string; RegionName: string }[]).map((x) => [x.Region, x.RegionName]);
        assert.deepEqual(pick(r.RegionSet), pick(legacy.RegionSet));
        assert.equal(r.TotalCount, 18);
        assert.equal((r.RegionSet as Record<string, unknown>[])[0].RegionIdMC, null);
        assert.equal(
            await errorCode(f.endpoint, {
                action: "DescribeRegions",
                service: "region",
                key: main,
                region: null,
            }),
            "MissingParameter",
        );
    });

    it("a local data disk has no DiskId; an image of that instance takes its system disk", async () => {
        const bigdata = instanceId(main.accountId, gz, "bigdata-1");
        const r = await ok(f.endpoint, {
            action: "DescribeInstances",
            key: main,
            body: { InstanceIds: [bigdata] },
        });
        const [instance] = r.InstanceSet as {
            SystemDisk: Record<string, unknown>;
            DataDisks: Record<string, unknown>[];
        }[];
        assert.match(instance.SystemDisk.DiskId as string, /^disk-/);
        assert.deepEqual(
            instance.DataDisks.map((d) => [d.DiskType, "DiskId" in d]),
            [["LOCAL_BASIC", false]],
        );
        const id = await createImage(f, "from-bigdata", { body: { InstanceId: bigdata } });
        settle(f);
        const snapshots = (await describeImage(f, id))?.SnapshotSet as { DiskUsage: string }[];
        assert.deepEqual(
            snapshots.map((s) => s.DiskUsage),
            ["SYSTEM_DISK"],
        );
        const refused = await call(f.endpoint, {
            action: "CreateImage",
            key: main,
            body: { ImageName: "x", InstanceId: bigdata, DataDiskIds: ["disk-00000000"] },
        });
        assert.equal(refused.Error?.Code, "InvalidParameter.DataDiskNotBelongSpecifiedInstance");
    });
});
