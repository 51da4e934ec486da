/**
 * Contract: every reply of every action the emulator serves is valid against the spec's output
 * object (every required member present with the right type, nulls only where allowed, nothing
 * undocumented), and no tidier than the official replies: an optional member the official examples
 * never show is sent only where the table below says why. Each action is driven over HTTP with real
 * signatures through its variants (states, options, keys of every kind); errors have the envelope.
 */
import { strict as assert } from "node:assert";
import { MAIN_SUB_ACCOUNT } from "../../../emulator/accounts";
import { listActions } from "../../../emulator/handlers";
import { fullRequest, replyProblems, SpecService } from "../../contract/apiSpec";
import { ApiResponse, CallSpec, call, ok } from "../helpers/api";
import { EmulatorFixture, useEmulator } from "../helpers/fixture";
import {
    createImage,
    imagesNamed,
    importImage,
    instanceId,
    main,
    second,
    third,
    ubuntu2204,
} from "../helpers/world";
import { examplePaths, membersPresent } from "./specWalk";

const gz = "ap-guangzhou";
const sub = MAIN_SUB_ACCOUNT;
const importBody = {
    ImageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
    OsType: "CentOS",
    OsVersion: "7",
    Architecture: "x86_64",
};

/** Optional members the emulator sends although no official example shows them, and why. */
const OPTIONAL_MEMBERS_SENT: Record<string, string> = {
    "cvm:DescribeImages ImageSet[].ImageFamily":
        "only for an image given a family (CreateImage, ModifyImageAttribute)",
    "cvm:DescribeImages ImageSet[].ImageDeprecated":
        "only for an image marked deprecated (ModifyImageAttribute)",
};

/** One way of driving an action: the calls it makes; every reply of the action among them is checked. */
type Scenario = (f: EmulatorFixture, send: (spec: CallSpec) => Promise<ApiResponse>) => Promise<void>;

const tagResource = (id: string, uin: string = main.accountId) => `qcs::cvm:${gz}:uin/${uin}:image/${id}`;

async function normalImage(
    f: EmulatorFixture,
    name: string,
    body: Record<string, unknown> = {},
): Promise<string> {
    const id = await createImage(f, name, { body });
    f.emu.controls.advanceClock(60_000);
    return id;
}

const SCENARIOS: Record<string, Record<string, Scenario>> = {
    "cvm:CreateImage": {
        "from an instance, with data disks, tags and a family": async (f, send) => {
            const data = instanceId(main.accountId, gz, "db-1");
            const disks = await ok(f.endpoint, {
                action: "DescribeInstances",
                key: main,
                body: { InstanceIds: [data] },
            });
            const diskIds = (disks.InstanceSet as { DataDisks: { DiskId: string }[] }[])[0].DataDisks.map(
                (d) => d.DiskId,
            );
            await send({
                action: "CreateImage",
                key: main,
                body: {
                    ImageName: "full",
                    InstanceId: data,
                    DataDiskIds: diskIds,
                    ImageDescription: "d",
                    ForcePoweroff: "true",
                    Sysprep: "false",
                    ImageFamily: "family-a",
                    TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "k", Value: "v" }] }],
                },
            });
        },
        "from snapshots": async (f, send) => {
            const snaps = await ok(f.endpoint, {
                action: "DescribeSnapshots",
                service: "cbs",
                key: main,
                body: { Limit: 100 },
            });
            const system = (snaps.SnapshotSet as { SnapshotId: string; DiskUsage: string }[]).find(
                (s) => s.DiskUsage === "SYSTEM_DISK",
            )!;
            await send({
                action: "CreateImage",
                key: main,
                body: { ImageName: "snap", SnapshotIds: [system.SnapshotId] },
            });
        },
        "by a sub-account": async (_f, send) => {
            await send({
                action: "CreateImage",
                key: sub,
                body: { ImageName: "by-sub", InstanceId: instanceId(main.accountId, gz) },
            });
        },
    },
    "cvm:DescribeImages": {
        "every image the main account sees, page by page": async (_f, send) => {
            for (let offset = 0; ; offset += 100) {
                const r = await send({
                    action: "DescribeImages",
                    key: main,
                    body: { Offset: offset, Limit: 100 },
                });
                if ((r.ImageSet as unknown[]).length < 100) break;
            }
        },
        "own images in every state, with families, tags and a deprecation": async (f, send) => {
            const normal = await normalImage(f, "normal", {
                ImageFamily: "fam",
                TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "k", Value: "v" }] }],
            });
            await ok(f.endpoint, {
                action: "ModifyImageAttribute",
                key: main,
                body: { ImageId: normal, ImageDeprecated: true },
            });
            await ok(f.endpoint, {
                action: "SyncImages",
                key: main,
                body: { ImageIds: [normal], DestinationRegions: ["ap-tokyo"] },
            });
            await createImage(f, "creating");
            await createImage(f, "x-emulator-fail");
            await ok(f.endpoint, {
                action: "ImportImage",
                key: main,
                body: { ...importBody, ImageName: "importing" },
            });
            await send({
                action: "DescribeImages",
                key: main,
                body: { Filters: [{ Name: "image-type", Values: ["PRIVATE_IMAGE"] }] },
            });
            await send({ action: "DescribeImages", key: main, region: "ap-tokyo", body: {} });
            f.emu.controls.advanceClock(60_000);
            await send({
                action: "DescribeImages",
                key: main,
                body: { Filters: [{ Name: "image-type", Values: ["PRIVATE_IMAGE"] }] },
            });
        },
        "by IDs (with an unknown one), shared-in and marketplace, in English": async (_f, send) => {
            await send({
                action: "DescribeImages",
                key: main,
                body: { ImageIds: [ubuntu2204, "img-00000000"] },
            });
            await send({
                action: "DescribeImages",
                key: main,
                language: "en-US",
                body: { Filters: [{ Name: "image-type", Values: ["SHARED_IMAGE"] }] },
            });
            // No image-type value selects marketplace images: they come with every kind.
            await send({ action: "DescribeImages", key: main, language: "en-US", body: { Limit: 100 } });
            await send({
                action: "DescribeImages",
                key: second,
                body: { Filters: [{ Name: "image-type", Values: ["PRIVATE_IMAGE"] }] },
            });
        },
        "an image a sub-account made": async (f, send) => {
            await createImage(f, "by-sub", { key: sub });
            await send({
                action: "DescribeImages",
                key: main,
                body: { Filters: [{ Name: "image-name", Values: ["by-sub"] }] },
            });
        },
    },
    "cvm:DeleteImages": {
        "plain, DryRun and with its snapshots": async (f, send) => {
            const a = await normalImage(f, "a");
            const b = await normalImage(f, "b");
            await send({ action: "DeleteImages", key: main, body: { ImageIds: [a], DryRun: true } });
            await send({ action: "DeleteImages", key: main, body: { ImageIds: [a] } });
            await send({
                action: "DeleteImages",
                key: main,
                body: { ImageIds: [b], DeleteBindedSnap: true },
            });
        },
    },
    "cvm:ModifyImageAttribute": {
        "name, description, family and deprecation": async (f, send) => {
            const id = await normalImage(f, "m");
            await send({
                action: "ModifyImageAttribute",
                key: main,
                body: { ImageId: id, ImageName: "m2", ImageDescription: "d" },
            });
            await send({
                action: "ModifyImageAttribute",
                key: main,
                body: { ImageId: id, ImageFamily: "f", ImageDeprecated: true },
            });
        },
    },
    "cvm:ModifyImageSharePermission": {
        "SHARE and CANCEL": async (f, send) => {
            const id = await normalImage(f, "s");
            await send({
                action: "ModifyImageSharePermission",
                key: main,
                body: { ImageId: id, AccountIds: [second.accountId], Permission: "SHARE" },
            });
            await send({
                action: "ModifyImageSharePermission",
                key: main,
                body: { ImageId: id, AccountIds: [second.accountId], Permission: "CANCEL" },
            });
        },
    },
    "cvm:DescribeImageSharePermission": {
        "shared with two accounts, then with none": async (f, send) => {
            const id = await normalImage(f, "s");
            await ok(f.endpoint, {
                action: "ModifyImageSharePermission",
                key: main,
                body: { ImageId: id, AccountIds: [second.accountId, third.accountId], Permission: "SHARE" },
            });
            await send({ action: "DescribeImageSharePermission", key: main, body: { ImageId: id } });
            const unshared = await normalImage(f, "u");
            await send({ action: "DescribeImageSharePermission", key: main, body: { ImageId: unshared } });
        },
    },
    "cvm:SyncImages": {
        "with and without ImageSetRequired, and DryRun": async (f, send) => {
            const id = await normalImage(f, "c");
            await send({
                action: "SyncImages",
                key: main,
                body: { ImageIds: [id], DestinationRegions: ["ap-tokyo"], DryRun: true },
            });
            await send({
                action: "SyncImages",
                key: main,
                body: { ImageIds: [id], DestinationRegions: ["ap-tokyo"], ImageSetRequired: true },
            });
            f.emu.controls.advanceClock(60_000);
            await send({
                action: "SyncImages",
                key: main,
                body: { ImageIds: [id], DestinationRegions: ["ap-seoul", "ap-beijing"], ImageName: "c2" },
            });
        },
    },
    "cvm:ImportImage": {
        "plain, with every option, DryRun, and by a sub-account": async (_f, send) => {
            await send({ action: "ImportImage", key: main, body: { ...importBody, ImageName: "i1" } });
            await send({
                action: "ImportImage",
                key: main,
                body: {
                    ...importBody,
                    ImageName: "i2",
                    ImageDescription: "d",
                    Force: true,
                    LicenseType: "BYOL",
                    BootMode: "UEFI",
                    ImageFamily: "f",
                    TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "k", Value: "v" }] }],
                    ImportImageDataDiskList: [
                        { ImageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/data.qcow2" },
                    ],
                },
            });
            await send({
                action: "ImportImage",
                key: main,
                body: { ...importBody, ImageName: "i3", DryRun: true },
            });
            await send({ action: "ImportImage", key: sub, body: { ...importBody, ImageName: "i4" } });
        },
    },
    "cvm:DescribeImageFromFamily": {
        "the newest available image of a family, with tags and snapshots": async (f, send) => {
            await normalImage(f, "fam-old", { ImageFamily: "web" });
            f.emu.controls.advanceClock(1000);
            await normalImage(f, "fam-new", {
                ImageFamily: "web",
                TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "k", Value: "v" }] }],
            });
            await send({ action: "DescribeImageFromFamily", key: main, body: { ImageFamily: "web" } });
            await send({ action: "DescribeImageFromFamily", key: sub, body: { ImageFamily: "web" } });
        },
        "a family without an available image, and no family at all": async (f, send) => {
            const only = await normalImage(f, "fam-deprecated", { ImageFamily: "old" });
            await ok(f.endpoint, {
                action: "ModifyImageAttribute",
                key: main,
                body: { ImageId: only, ImageDeprecated: true },
            });
            await send({ action: "DescribeImageFromFamily", key: main, body: { ImageFamily: "old" } });
            await send({ action: "DescribeImageFromFamily", key: main, body: { ImageFamily: "none" } });
            await send({ action: "DescribeImageFromFamily", key: main, body: {} });
        },
    },
    "cvm:DescribeImageQuota": {
        "default and configured": async (f, send) => {
            await send({ action: "DescribeImageQuota", key: main });
            f.emu.controls.configure({ imageQuota: 3 });
            await send({ action: "DescribeImageQuota", key: third.temporary! });
        },
    },
    "cvm:DescribeRegions": {
        "in Chinese and in English": async (_f, send) => {
            await send({ action: "DescribeRegions", key: main, region: null });
            await send({ action: "DescribeRegions", key: main, region: null, language: "en-US" });
        },
    },
    "cvm:DescribeImportImageOs": {
        "the list": async (_f, send) => {
            await send({ action: "DescribeImportImageOs", key: main });
        },
    },
    "cvm:DescribeInstances": {
        "every instance of a region (a local disk without DiskId among them), by ID and filtered": async (
            _f,
            send,
        ) => {
            await send({ action: "DescribeInstances", key: main, body: { Limit: 100 } });
            await send({
                action: "DescribeInstances",
                key: main,
                region: "ap-singapore",
                body: { InstanceIds: [instanceId(main.accountId, "ap-singapore", "win-1")] },
            });
            await send({
                action: "DescribeInstances",
                key: sub,
                body: { Filters: [{ Name: "instance-name", Values: ["bigdata-1", "arm-1"] }], Offset: 1 },
            });
        },
    },
    "tag:ModifyResourceTags": {
        "with the root account, with an empty account part, by a sub-account": async (f, send) => {
            const id = await normalImage(f, "t");
            await send({
                action: "ModifyResourceTags",
                service: "tag",
                key: main,
                body: { Resource: tagResource(id), ReplaceTags: [{ TagKey: "a", TagValue: "1" }] },
            });
            await send({
                action: "ModifyResourceTags",
                service: "tag",
                key: main,
                region: null,
                body: { Resource: tagResource(id, ""), DeleteTags: [{ TagKey: "a" }] },
            });
            await send({
                action: "ModifyResourceTags",
                service: "tag",
                key: sub,
                body: {
                    Resource: tagResource(id),
                    ReplaceTags: [{ TagKey: "b", TagValue: "2" }],
                    DeleteTags: [{ TagKey: "c" }],
                },
            });
        },
    },
    "tag:DescribeResourceTagsByResourceIds": {
        "tags of own images, an unknown ID among them, with paging": async (f, send) => {
            const id = await normalImage(f, "read-tags");
            await send({
                action: "DescribeResourceTagsByResourceIds",
                service: "tag",
                key: main,
                region: null,
                body: {
                    ServiceType: "cvm",
                    ResourcePrefix: "image",
                    ResourceIds: [id, "img-00000000"],
                    ResourceRegion: "ap-guangzhou",
                    Limit: 1,
                },
            });
        },
    },
    "tag:DescribeResourceTags": {
        "every tagged resource of a region, and one by ID": async (f, send) => {
            const id = await normalImage(f, "list-tags");
            await send({
                action: "DescribeResourceTags",
                service: "tag",
                key: main,
                region: null,
                body: { ResourceRegion: "ap-guangzhou", ServiceType: "cvm" },
            });
            await send({
                action: "DescribeResourceTags",
                service: "tag",
                key: main,
                region: null,
                body: { ResourceRegion: "ap-guangzhou", ResourceId: id, ResourcePrefix: "image" },
            });
        },
    },
    "tag:TagResources": {
        "one own image and one that is not the caller's (a failed resource)": async (f, send) => {
            const id = await normalImage(f, "bind-tags");
            await send({
                action: "TagResources",
                service: "tag",
                key: main,
                region: null,
                body: {
                    ResourceList: [tagResource(id), tagResource("img-00000000")],
                    Tags: [{ TagKey: "team", TagValue: "a" }],
                },
            });
        },
    },
    "tag:UnTagResources": {
        "one own image, by the sub-account with the root account in the name": async (f, send) => {
            const id = await normalImage(f, "unbind-tags");
            await send({
                action: "UnTagResources",
                service: "tag",
                key: sub,
                region: null,
                body: { ResourceList: [tagResource(id)], TagKeys: ["team"] },
            });
        },
    },
    "cbs:DescribeSnapshots": {
        "all, a snapshot still being made, filtered and in ascending order": async (f, send) => {
            await send({ action: "DescribeSnapshots", service: "cbs", key: main, body: { Limit: 100 } });
            const id = await createImage(f, "snapped");
            const image = await ok(f.endpoint, {
                action: "DescribeImages",
                key: main,
                body: { ImageIds: [id] },
            });
            const snapshotIds = (
                image.ImageSet as { SnapshotSet: { SnapshotId: string }[] }[]
            )[0].SnapshotSet.map((s) => s.SnapshotId);
            await send({
                action: "DescribeSnapshots",
                service: "cbs",
                key: main,
                body: { SnapshotIds: snapshotIds },
            });
            await send({
                action: "DescribeSnapshots",
                service: "cbs",
                key: main,
                body: {
                    Filters: [{ Name: "disk-usage", Values: ["DATA_DISK"] }],
                    Order: "ASC",
                    OrderField: "CREATE_TIME",
                },
            });
        },
    },
    "sts:GetCallerIdentity": {
        "for a root key, a sub-account key and a temporary key": async (_f, send) => {
            for (const key of [main, sub, third.temporary!])
                await send({ action: "GetCallerIdentity", service: "sts", key, region: null });
            await send({ action: "GetCallerIdentity", service: "sts", key: second });
        },
    },
    "region:DescribeRegions": {
        "for cvm and cbs, with Scene, in English": async (_f, send) => {
            await send({
                action: "DescribeRegions",
                service: "region",
                key: main,
                region: null,
                body: { Product: "cvm" },
            });
            await send({
                action: "DescribeRegions",
                service: "region",
                key: main,
                region: null,
                language: "en-US",
                body: { Product: "cbs", Scene: 1 },
            });
        },
    },
};

/** What is wrong with one successful reply: the spec's problems, and optional members sent without a reason. */
function replyFindings(service: SpecService, action: string, response: ApiResponse): string[] {
    const problems = replyProblems(service, action, response);
    const shown = examplePaths(service, action);
    for (const [path, member] of membersPresent(service, action, response)) {
        if (member.output_required !== false || shown.has(path)) continue;
        if (OPTIONAL_MEMBERS_SENT[`${service}:${action} ${path}`]) continue;
        problems.push(
            `${action}.Response.${path}: optional, in no official reply, and sent without a reason`,
        );
    }
    return problems;
}

describe("emulator contract: replies are valid against the spec, and no tidier than the real ones", () => {
    const frozen = Date.now();
    const f = useEmulator({ clock: () => frozen });

    it("drives every action the emulator serves", () => {
        assert.deepEqual(Object.keys(SCENARIOS).sort(), listActions().sort());
    });

    for (const [served, scenarios] of Object.entries(SCENARIOS)) {
        const [service, action] = served.split(":") as [SpecService, string];
        for (const [label, scenario] of Object.entries(scenarios)) {
            it(`${service} ${action}: ${label}`, async () => {
                const findings: string[] = [];
                let checked = 0;
                await scenario(f, async (spec) => {
                    const r = await call(f.endpoint, spec);
                    assert.equal(r.Error, undefined, `${spec.action}: ${r.Error?.Code} ${r.Error?.Message}`);
                    if ((spec.service ?? "cvm") === service && spec.action === action) {
                        checked++;
                        findings.push(...replyFindings(service, action, r));
                    }
                    return r;
                });
                assert.ok(checked > 0, "the scenario made no call of its action");
                assert.deepEqual([...new Set(findings)], []);
            });
        }
    }

    it("ImportImage replies as the official example does: RequestId only", async () => {
        const r = await ok(f.endpoint, {
            action: "ImportImage",
            key: main,
            body: { ...importBody, ImageName: "plain" },
        });
        assert.deepEqual(Object.keys(r), ["RequestId"]);
        assert.match(
            await importImage(f, { ...importBody, ImageName: "found-by-name" }),
            /^img-[a-z0-9]{8}$/,
        );
    });

    it("CreateImage DryRun that passes every check is DryRunOperation (a success would need an ImageId)", async () => {
        const r = await call(f.endpoint, {
            action: "CreateImage",
            key: main,
            body: { ImageName: "dry", InstanceId: instanceId(main.accountId, gz), DryRun: true },
        });
        assert.equal(r.Error?.Code, "DryRunOperation");
        assert.deepEqual(await imagesNamed(f, "dry"), []);
    });

    it("every error reply is the documented envelope: Error {Code, Message} and RequestId", async () => {
        for (const served of listActions()) {
            const [service, action] = served.split(":");
            const body = { ...fullRequest(service as SpecService, action), NotInTheSpec: 1 };
            const r = await call(f.endpoint, { service, action, key: main, body });
            assert.deepEqual(Object.keys(r).sort(), ["Error", "RequestId"], served);
            assert.deepEqual(Object.keys(r.Error!).sort(), ["Code", "Message"], served);
            assert.equal(r.Error!.Code, "UnknownParameter", served);
            assert.match(
                r.RequestId,
                /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
                served,
            );
        }
    });
});
