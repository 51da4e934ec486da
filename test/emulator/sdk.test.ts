/**
 * Every action the emulator serves, driven through the official Node SDK (tencentcloud-sdk-nodejs)
 * as a user's script drives Tencent Cloud: one client per service at `<service>.localhost:<port>`,
 * real signatures, the SDK's own parsing. Each action once as it succeeds (the reply checked
 * against the official spec) and once as it fails (the SDK's TencentCloudSDKHttpException with
 * the service's code and the RequestId).
 */
import { strict as assert } from "node:assert";
import { listActions } from "../../emulator/handlers";
import { replyProblems, SpecService } from "../contract/apiSpec";
import { useEmulator } from "./helpers/fixture";
import { sdkClients, sdkError } from "./helpers/sdk";
import { instanceId, main, second, settle, ubuntu2204 } from "./helpers/world";

const gz = "ap-guangzhou";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("emulator: every served action through the official Node SDK", function () {
    const f = useEmulator({ seed: { durations: { createMs: 20_000, importMs: 20_000, copyMs: 30_000 } } });
    let sdk: ReturnType<typeof sdkClients>;
    beforeEach(() => {
        sdk = sdkClients(f.emu.port, main);
    });

    /** The reply as the SDK returns it holds to the spec of the action. */
    function conforms(service: SpecService, action: string, reply: unknown): void {
        assert.deepEqual(replyProblems(service, action, reply), [], `${service} ${action} reply`);
    }

    /** The call fails with `code`, and the SDK error carries the reply's RequestId. */
    async function failsWith(call: Promise<unknown>, code: string): Promise<void> {
        const err = await sdkError(call);
        assert.equal(err.code, code, err.message);
        assert.match(err.requestId, UUID);
    }

    /** A NORMAL custom image of the main account in ap-guangzhou, made through the SDK. */
    async function ownImage(name: string, tags: Record<string, string> = {}): Promise<string> {
        const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
        const { ImageId } = await sdk.cvm.CreateImage({
            ImageName: name,
            InstanceId: instanceId(main.accountId, gz),
            TagSpecification: Tags.length > 0 ? [{ ResourceType: "image", Tags }] : undefined,
        });
        settle(f);
        return ImageId!;
    }
    const resource = (imageId: string, account = main.accountId) =>
        `qcs::cvm:${gz}:uin/${account}:image/${imageId}`;

    const cases: Record<string, () => Promise<void>> = {
        "cvm:CreateImage": async () => {
            const reply = await sdk.cvm.CreateImage({
                ImageName: "sdk-create",
                InstanceId: instanceId(main.accountId, gz),
            });
            conforms("cvm", "CreateImage", reply);
            await failsWith(
                sdk.cvm.CreateImage({ ImageName: "sdk-create-bad", InstanceId: "ins-nothere" }),
                "InvalidInstanceId.Malformed",
            );
        },
        "cvm:DescribeImages": async () => {
            const id = await ownImage("sdk-describe");
            const reply = await sdk.cvm.DescribeImages({ ImageIds: [id] });
            conforms("cvm", "DescribeImages", reply);
            assert.deepEqual(
                reply.ImageSet?.map((i) => [i.ImageId, i.ImageState]),
                [[id, "NORMAL"]],
            );
            await failsWith(sdk.cvm.DescribeImages({ ImageIds: ["img-bad"] }), "InvalidImageId.Malformed");
        },
        "cvm:DescribeImageFromFamily": async () => {
            const { ImageId } = await sdk.cvm.CreateImage({
                ImageName: "sdk-family",
                InstanceId: instanceId(main.accountId, gz),
                ImageFamily: "sdk-web",
            });
            settle(f);
            const reply = await sdk.cvm.DescribeImageFromFamily({ ImageFamily: "sdk-web" });
            conforms("cvm", "DescribeImageFromFamily", reply);
            assert.equal(reply.Image?.ImageId, ImageId);
            assert.equal(reply.Image?.ImageFamily, "sdk-web");
            assert.equal(reply.Image?.ImageDeprecated, false);
            await sdk.cvm.ModifyImageAttribute({ ImageId: ImageId!, ImageDeprecated: true });
            const none = await sdk.cvm.DescribeImageFromFamily({ ImageFamily: "sdk-web" });
            conforms("cvm", "DescribeImageFromFamily", none);
            assert.equal(none.Image, null);
            await failsWith(
                sdk.cvm.DescribeImageFromFamily({ ImageFamily: "sdk web" }),
                "InvalidParameterValue.InvalidImageFamily",
            );
        },
        "cvm:DeleteImages": async () => {
            const id = await ownImage("sdk-delete");
            conforms("cvm", "DeleteImages", await sdk.cvm.DeleteImages({ ImageIds: [id] }));
            await failsWith(sdk.cvm.DeleteImages({ ImageIds: [id] }), "InvalidImageId.NotFound");
        },
        "cvm:ModifyImageAttribute": async () => {
            const id = await ownImage("sdk-rename");
            const reply = await sdk.cvm.ModifyImageAttribute({ ImageId: id, ImageName: "sdk-renamed" });
            conforms("cvm", "ModifyImageAttribute", reply);
            await failsWith(
                sdk.cvm.ModifyImageAttribute({ ImageId: id, ImageName: "x".repeat(61) }),
                "InvalidParameterValue.TooLarge",
            );
        },
        "cvm:ModifyImageSharePermission": async () => {
            const id = await ownImage("sdk-share");
            const reply = await sdk.cvm.ModifyImageSharePermission({
                ImageId: id,
                AccountIds: [second.accountId],
                Permission: "SHARE",
            });
            conforms("cvm", "ModifyImageSharePermission", reply);
            await failsWith(
                sdk.cvm.ModifyImageSharePermission({
                    ImageId: id,
                    AccountIds: [main.accountId],
                    Permission: "SHARE",
                }),
                "FailedOperation.AccountIsYourSelf",
            );
        },
        "cvm:DescribeImageSharePermission": async () => {
            const id = await ownImage("sdk-shares");
            const reply = await sdk.cvm.DescribeImageSharePermission({ ImageId: id });
            conforms("cvm", "DescribeImageSharePermission", reply);
            await failsWith(
                sdk.cvm.DescribeImageSharePermission({ ImageId: ubuntu2204 }),
                "InvalidParameterValue.InvalidImageId",
            );
        },
        "cvm:SyncImages": async () => {
            const id = await ownImage("sdk-copy");
            await failsWith(
                sdk.cvm.SyncImages({ ImageIds: [id], DestinationRegions: [gz] }),
                "InvalidParameterValue.InvalidRegion",
            );
            const reply = await sdk.cvm.SyncImages({ ImageIds: [id], DestinationRegions: ["ap-shanghai"] });
            conforms("cvm", "SyncImages", reply);
        },
        "cvm:ImportImage": async () => {
            const request = {
                Architecture: "x86_64",
                OsType: "CentOS",
                OsVersion: "7",
                ImageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/centos7.qcow2",
                ImageName: "sdk-import",
            };
            conforms("cvm", "ImportImage", await sdk.cvm.ImportImage(request));
            await failsWith(
                sdk.cvm.ImportImage({ ...request, ImageName: "sdk-import-2", OsType: "BeOS" }),
                "InvalidImageOsType.Unsupported",
            );
        },
        "cvm:DescribeImageQuota": async () => {
            const reply = await sdk.cvm.DescribeImageQuota();
            conforms("cvm", "DescribeImageQuota", reply);
            assert.equal(reply.ImageNumQuota, 10);
            await failsWith(
                sdkClients(f.emu.port, main, "ap-mars").cvm.DescribeImageQuota(),
                "InvalidRegion.NotFound",
            );
        },
        "cvm:DescribeRegions": async () => {
            const reply = await sdk.cvm.DescribeRegions();
            conforms("cvm", "DescribeRegions", reply);
            assert.ok(reply.RegionSet?.some((r) => r.Region === gz));
            const stranger = { secretId: "AKIDNOBODY000000000000000000000000", secretKey: "nobody" };
            await failsWith(
                sdkClients(f.emu.port, stranger).cvm.DescribeRegions(),
                "AuthFailure.SecretIdNotFound",
            );
        },
        "cvm:DescribeImportImageOs": async () => {
            const reply = await sdk.cvm.DescribeImportImageOs();
            conforms("cvm", "DescribeImportImageOs", reply);
            const wrongKey = { ...main, secretKey: "not-the-key" };
            await failsWith(
                sdkClients(f.emu.port, wrongKey).cvm.DescribeImportImageOs(),
                "AuthFailure.SignatureFailure",
            );
        },
        "cvm:DescribeInstances": async () => {
            const web = instanceId(main.accountId, gz);
            const reply = await sdk.cvm.DescribeInstances({ InstanceIds: [web] });
            conforms("cvm", "DescribeInstances", reply);
            assert.equal(reply.InstanceSet?.[0]?.SystemDisk?.DiskType, "CLOUD_PREMIUM");
            assert.equal(reply.TotalCount, 1);
            assert.deepEqual(
                reply.InstanceSet?.map((i) => i.InstanceId),
                [web],
            );
            await failsWith(
                sdk.cvm.DescribeInstances({ InstanceIds: ["ins-bad"] }),
                "InvalidInstanceId.Malformed",
            );
        },
        "cbs:DescribeSnapshots": async () => {
            const reply = await sdk.cbs.DescribeSnapshots({});
            conforms("cbs", "DescribeSnapshots", reply);
            const snapshot = reply.SnapshotSet?.[0];
            assert.ok((reply.TotalCount ?? 0) > 0);
            assert.match(snapshot?.SnapshotId ?? "", /^snap-/);
            assert.equal(snapshot?.SnapshotState, "NORMAL");
            await failsWith(
                sdk.cbs.DescribeSnapshots({ SnapshotIds: ["snap-bad"] }),
                "InvalidSnapshotId.Malformed",
            );
        },
        "tag:ModifyResourceTags": async () => {
            const id = await ownImage("sdk-retag", { team: "a" });
            const reply = await sdk.tag.ModifyResourceTags({
                Resource: resource(id),
                ReplaceTags: [{ TagKey: "team", TagValue: "b" }],
            });
            conforms("tag", "ModifyResourceTags", reply);
            await failsWith(
                sdk.tag.ModifyResourceTags({
                    Resource: resource(id, second.accountId),
                    ReplaceTags: [{ TagKey: "team", TagValue: "c" }],
                }),
                "InvalidParameterValue.UinInvalid",
            );
        },
        "tag:DescribeResourceTagsByResourceIds": async () => {
            const id = await ownImage("sdk-tags", { team: "a", env: "dev" });
            const request = {
                ServiceType: "cvm",
                ResourcePrefix: "image",
                ResourceRegion: gz,
                ResourceIds: [id],
            };
            const reply = await sdk.tag.DescribeResourceTagsByResourceIds(request);
            conforms("tag", "DescribeResourceTagsByResourceIds", reply);
            assert.deepEqual(
                reply.Tags?.map((t) => [t.ResourceId, t.TagKey, t.TagValue]),
                [
                    [id, "team", "a"],
                    [id, "env", "dev"],
                ],
            );
            await failsWith(
                sdk.tag.DescribeResourceTagsByResourceIds({ ...request, ResourceRegion: "ap-mars" }),
                "InvalidParameterValue.RegionInvalid",
            );
        },
        "tag:DescribeResourceTags": async () => {
            const id = await ownImage("sdk-rows", { team: "a" });
            const reply = await sdk.tag.DescribeResourceTags({ ServiceType: "cvm", ResourceId: id });
            conforms("tag", "DescribeResourceTags", reply);
            assert.deepEqual(
                reply.Rows?.map((t) => [t.ResourceId, t.TagKey, t.TagValue]),
                [[id, "team", "a"]],
            );
            await failsWith(
                sdk.tag.DescribeResourceTags({ Offset: 5, Limit: 10 }),
                "InvalidParameterValue.OffsetInvalid",
            );
        },
        "tag:TagResources": async () => {
            const id = await ownImage("sdk-bind");
            const reply = await sdk.tag.TagResources({
                ResourceList: [resource(id)],
                Tags: [{ TagKey: "team", TagValue: "a" }],
            });
            conforms("tag", "TagResources", reply);
            assert.deepEqual(reply.FailedResources, []);
            await failsWith(
                sdk.tag.TagResources({
                    ResourceList: [resource(id)],
                    Tags: [{ TagKey: "qcs:reserved", TagValue: "a" }],
                }),
                "InvalidParameter.ReservedTagKey",
            );
        },
        "tag:UnTagResources": async () => {
            const id = await ownImage("sdk-unbind", { team: "a" });
            const reply = await sdk.tag.UnTagResources({ ResourceList: [resource(id)], TagKeys: ["team"] });
            conforms("tag", "UnTagResources", reply);
            assert.deepEqual(reply.FailedResources, []);
            await failsWith(
                sdk.tag.UnTagResources({ ResourceList: [`qcs::cvm:${gz}:image/${id}`], TagKeys: ["team"] }),
                "InvalidParameterValue.ResourceDescriptionError",
            );
        },
        "sts:GetCallerIdentity": async () => {
            const reply = await sdk.sts.GetCallerIdentity();
            conforms("sts", "GetCallerIdentity", reply);
            assert.equal(reply.AccountId, main.accountId);
            await failsWith(
                sdkClients(f.emu.port, { ...main, secretKey: "wrong" }).sts.GetCallerIdentity(),
                "AuthFailure.SignatureFailure",
            );
        },
        "region:DescribeRegions": async () => {
            const reply = await sdk.region.DescribeRegions({ Product: "cvm" });
            conforms("region", "DescribeRegions", reply);
            assert.ok(reply.RegionSet?.some((r) => r.Region === gz));
            await failsWith(sdk.region.DescribeRegions({} as never), "MissingParameter");
        },
    };

    it("has a case for every action the emulator serves", () => {
        assert.deepEqual(Object.keys(cases).sort(), listActions().sort());
    });

    for (const [action, run] of Object.entries(cases)) it(action, run);
});
