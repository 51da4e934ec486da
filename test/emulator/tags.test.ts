/**
 * The Tag service's image tags: what CreateImage/ImportImage's TagSpecification binds is what the
 * Tag actions read and change; the resource names clients send (the root account or, like
 * Terraform, an empty account part); the documented limits and codes; replies held to the spec.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { requestMembers, requestProblems, replyProblems, SpecMember, specObject } from "../contract/apiSpec";
import { ApiResponse, call, CallSpec, errorCode, ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import { createImage, describeImage, importImage, main, second } from "./helpers/world";

const gz = "ap-guangzhou";
type Row = { ResourceId: string; TagKey: string; TagValue: string };

describe("emulator: Tag service actions on image tags", () => {
    const f = useEmulator();

    /** A Tag action of the main account whose request and reply must both hold to the spec. */
    async function tagCall(action: string, body: Record<string, unknown>, key = main): Promise<ApiResponse> {
        assert.deepEqual(requestProblems("tag", action, body), [], `${action} request`);
        const response = await ok(f.endpoint, { action, service: "tag", key, region: null, body });
        assert.deepEqual(replyProblems("tag", action, response), [], `${action} reply`);
        return response;
    }
    const tagError = (action: string, body: Record<string, unknown>, key: CallSpec["key"] = main) =>
        errorCode(f.endpoint, { action, service: "tag", key, region: null, body });
    const name = (imageId: string, account = main.accountId, region = gz) =>
        `qcs::cvm:${region}:uin/${account}:image/${imageId}`;
    const tagged = (tags: Record<string, string>) => ({
        TagSpecification: [
            { ResourceType: "image", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
        ],
    });
    async function tagsOf(imageIds: string[], extra: Record<string, unknown> = {}) {
        const r = await tagCall("DescribeResourceTagsByResourceIds", {
            ServiceType: "cvm",
            ResourcePrefix: "image",
            ResourceRegion: gz,
            ResourceIds: imageIds,
            ...extra,
        });
        return {
            total: r.TotalCount as number,
            rows: (r.Tags as Row[]).map((t) => [t.ResourceId, t.TagKey, t.TagValue]),
            full: r.Tags,
        };
    }

    describe("requests as the Tag spec defines them", () => {
        const PARAMETER_CODES = ["UnknownParameter", "MissingParameter", "InvalidParameter"];
        /** A request with every member the spec documents, each a plain value of its type. */
        function everyMember(members: SpecMember[]): Record<string, unknown> {
            const one = (m: SpecMember): unknown =>
                m.member === "string"
                    ? "x"
                    : m.member === "bool"
                      ? false
                      : /int/.test(m.member)
                        ? 1
                        : everyMember(specObject("tag", m.member));
            return Object.fromEntries(members.map((m) => [m.name, m.type === "list" ? [one(m)] : one(m)]));
        }
        const actions = [
            "DescribeResourceTagsByResourceIds",
            "DescribeResourceTags",
            "TagResources",
            "UnTagResources",
        ];

        for (const action of actions) {
            it(`${action}: takes every member with its type, refuses each required one missing`, async () => {
                const full = everyMember(requestMembers("tag", action));
                assert.deepEqual(requestProblems("tag", action, full), []);
                const r = await call(f.endpoint, {
                    action,
                    service: "tag",
                    key: main,
                    region: null,
                    body: full,
                });
                assert.ok(!PARAMETER_CODES.includes(r.Error?.Code ?? ""), JSON.stringify(r.Error));
                for (const member of requestMembers("tag", action).filter((m) => m.required)) {
                    const body = { ...full, [member.name]: undefined };
                    assert.equal(await tagError(action, body), "MissingParameter", member.name);
                }
            });
        }
    });

    describe("DescribeResourceTagsByResourceIds (Terraform's read of tencentcloud_image)", () => {
        it("shows the tags CreateImage's and ImportImage's TagSpecification bound", async () => {
            const created = await createImage(f, "tagged-create", {
                body: tagged({ team: "a", env: "dev" }),
            });
            const importedId = await importImage(f, {
                Architecture: "x86_64",
                OsType: "CentOS",
                OsVersion: "7",
                ImageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/c7.qcow2",
                ImageName: "tagged-import",
                ...tagged({ team: "b" }),
            });
            assert.deepEqual((await tagsOf([created, importedId])).rows, [
                [created, "team", "a"],
                [created, "env", "dev"],
                [importedId, "team", "b"],
            ]);
        });

        it("rows carry the key's and value's MD5, the service and the Custom category", async () => {
            const id = await createImage(f, "md5", { body: tagged({ team: "a" }) });
            assert.deepEqual((await tagsOf([id])).full, [
                {
                    TagKey: "team",
                    TagValue: "a",
                    ResourceId: id,
                    TagKeyMd5: md5("team"),
                    TagValueMd5: md5("a"),
                    ServiceType: "cvm",
                    Category: "Custom",
                },
            ]);
        });

        it("an ID that is not the caller's image has no tags (another account's, unknown, other prefix)", async () => {
            const theirs = await createImage(f, "theirs", {
                key: second,
                accountId: second.accountId,
                body: tagged({ team: "x" }),
            });
            assert.equal((await tagsOf([theirs, "img-00000000"])).total, 0);
            const mine = await createImage(f, "mine", { body: tagged({ team: "a" }) });
            assert.equal((await tagsOf([mine], { ResourcePrefix: "instance" })).total, 0);
            assert.equal((await tagsOf([mine], { ServiceType: "cbs" })).total, 0);
            assert.equal((await tagsOf([mine])).total, 1);
        });

        it("pages with Offset (a multiple of Limit) and Limit (default 15); TotalCount before paging", async () => {
            const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, `v${i}`]));
            const id = await createImage(f, "many-tags", { body: tagged(tags) });
            const first = await tagsOf([id]);
            assert.equal(first.total, 20);
            assert.equal(first.rows.length, 15);
            const next = await tagsOf([id], { Offset: 15, Limit: 15 });
            assert.deepEqual(
                next.rows.map((r) => r[1]),
                ["k15", "k16", "k17", "k18", "k19"],
            );
            assert.equal(
                await tagError("DescribeResourceTagsByResourceIds", {
                    ServiceType: "cvm",
                    ResourcePrefix: "image",
                    ResourceRegion: gz,
                    ResourceIds: [id],
                    Offset: 3,
                    Limit: 10,
                }),
                "InvalidParameterValue.OffsetInvalid",
            );
        });

        it("refuses what the spec refuses: missing members, >50 IDs, an unknown region, empty names", async () => {
            const base = {
                ServiceType: "cvm",
                ResourcePrefix: "image",
                ResourceRegion: gz,
                ResourceIds: ["img-00000000"],
            };
            const code = (body: Record<string, unknown>) =>
                tagError("DescribeResourceTagsByResourceIds", body);
            assert.equal(await code({ ...base, ResourceRegion: undefined }), "MissingParameter");
            assert.equal(await code({ ...base, ResourceIds: "img-00000000" }), "InvalidParameter");
            assert.equal(await code({ ...base, Limit: -1 }), "InvalidParameter");
            assert.equal(await code({ ...base, Extra: 1 }), "UnknownParameter");
            assert.equal(
                await code({ ...base, ResourceIds: Array.from({ length: 51 }, () => "img-00000000") }),
                "InvalidParameterValue.ResourceIdInvalid",
            );
            assert.equal(await code({ ...base, ResourceIds: [] }), "InvalidParameterValue.ResourceIdInvalid");
            assert.equal(
                await code({ ...base, ResourceRegion: "ap-mars" }),
                "InvalidParameterValue.RegionInvalid",
            );
            assert.equal(await code({ ...base, ResourceRegion: "" }), "InvalidParameterValue.RegionInvalid");
            assert.equal(
                await code({ ...base, ServiceType: "" }),
                "InvalidParameterValue.ServiceTypeInvalid",
            );
            assert.equal(
                await code({ ...base, ResourcePrefix: "" }),
                "InvalidParameterValue.ResourcePrefixInvalid",
            );
            assert.equal(await code({ ...base, Category: "Mine" }), "InvalidParameterValue");
        });

        it("Category System lists none (the emulator's tags are Custom)", async () => {
            const id = await createImage(f, "custom", { body: tagged({ team: "a" }) });
            assert.equal((await tagsOf([id], { Category: "Custom" })).total, 1);
            assert.equal((await tagsOf([id], { Category: "System" })).total, 0);
        });
    });

    describe("DescribeResourceTags", () => {
        it("lists the caller's image tags in every region, narrowed by region, service, prefix, ID and creator", async () => {
            const a = await createImage(f, "rows-a", { body: tagged({ team: "a" }) });
            const b = await createImage(f, "rows-b", { region: "ap-tokyo", body: tagged({ team: "b" }) });
            await createImage(f, "rows-other", {
                key: second,
                accountId: second.accountId,
                body: tagged({ x: "y" }),
            });
            const rows = async (body: Record<string, unknown>) =>
                ((await tagCall("DescribeResourceTags", body)).Rows as Row[]).map((r) => r.ResourceId).sort();
            assert.deepEqual(await rows({}), [a, b].sort());
            assert.deepEqual(await rows({ ResourceRegion: "ap-tokyo" }), [b]);
            assert.deepEqual(await rows({ ServiceType: "cvm", ResourcePrefix: "image", ResourceId: a }), [a]);
            assert.deepEqual(await rows({ ServiceType: "cbs" }), []);
            assert.deepEqual(await rows({ ResourcePrefix: "instance" }), []);
            assert.deepEqual(await rows({ CreateUin: Number(main.accountId) }), [a, b].sort());
            assert.deepEqual(await rows({ CreateUin: Number(second.accountId) }), []);
        });

        it("refuses an unknown region, a CosResourceId other than 0/1, and CosResourceId 1 without ResourceId", async () => {
            assert.equal(
                await tagError("DescribeResourceTags", { ResourceRegion: "ap-mars" }),
                "InvalidParameterValue.RegionInvalid",
            );
            assert.equal(
                await tagError("DescribeResourceTags", { CosResourceId: 2 }),
                "InvalidParameterValue",
            );
            assert.equal(await tagError("DescribeResourceTags", { CosResourceId: 1 }), "MissingParameter");
            assert.equal(await tagError("DescribeResourceTags", { CreateUin: "1" }), "InvalidParameter");
        });
    });

    describe("TagResources and UnTagResources", () => {
        it("bind and unbind on several images; an existing key gets the new value; DescribeImages agrees", async () => {
            const a = await createImage(f, "bind-a", { body: tagged({ team: "a" }) });
            const b = await createImage(f, "bind-b");
            const bound = await tagCall("TagResources", {
                ResourceList: [name(a), name(b)],
                Tags: [
                    { TagKey: "team", TagValue: "z" },
                    { TagKey: "env", TagValue: "prod", Category: "Custom" },
                ],
            });
            assert.deepEqual(bound.FailedResources, []);
            assert.deepEqual((await describeImage(f, a))?.Tags, [
                { Key: "team", Value: "z" },
                { Key: "env", Value: "prod" },
            ]);
            const unbound = await tagCall("UnTagResources", {
                ResourceList: [name(a), name(b)],
                TagKeys: ["team", "never-set"],
            });
            assert.deepEqual(unbound.FailedResources, []);
            assert.deepEqual((await tagsOf([a, b])).rows, [
                [a, "env", "prod"],
                [b, "env", "prod"],
            ]);
        });

        it("take Terraform's empty account part (uin/:image/<id>) as the caller's", async () => {
            const id = await createImage(f, "empty-uin");
            await tagCall("TagResources", {
                ResourceList: [name(id, "")],
                Tags: [{ TagKey: "k", TagValue: "v" }],
            });
            assert.deepEqual((await tagsOf([id])).rows, [[id, "k", "v"]]);
            await tagCall("UnTagResources", { ResourceList: [name(id, "")], TagKeys: ["k"] });
            assert.deepEqual((await tagsOf([id])).rows, []);
        });

        it("report what is not the caller's image in FailedResources and carry on with the rest", async () => {
            const mine = await createImage(f, "partial");
            const theirs = await createImage(f, "partial-theirs", {
                key: second,
                accountId: second.accountId,
            });
            const r = await tagCall("TagResources", {
                ResourceList: [
                    name(mine),
                    name("img-00000000"),
                    name(theirs),
                    `qcs::cvm:${gz}:uin/:instance/ins-00000000`,
                ],
                Tags: [{ TagKey: "k", TagValue: "v" }],
            });
            assert.deepEqual(
                (r.FailedResources as { Resource: string; Code: string }[]).map((x) => [x.Resource, x.Code]),
                [
                    [name("img-00000000"), "ResourceNotFound"],
                    [name(theirs), "ResourceNotFound"],
                    [`qcs::cvm:${gz}:uin/:instance/ins-00000000`, "ResourceNotFound"],
                ],
            );
            assert.deepEqual((await tagsOf([mine])).rows, [[mine, "k", "v"]]);
            assert.deepEqual((await describeImage(f, theirs, { key: second }))?.Tags, []);
        });

        it("a resource past 50 tags fails alone with LimitExceeded.ResourceAttachedTags", async () => {
            const tags = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, "v"]));
            const full = await createImage(f, "nearly-full", { body: tagged(tags) });
            const empty = await createImage(f, "empty");
            const r = await tagCall("TagResources", {
                ResourceList: [name(full), name(empty)],
                Tags: Array.from({ length: 10 }, (_, i) => ({ TagKey: `n${i}`, TagValue: "v" })),
            });
            assert.deepEqual(
                (r.FailedResources as { Code: string }[]).map((x) => x.Code),
                ["LimitExceeded.ResourceAttachedTags"],
            );
            assert.equal((await tagsOf([empty])).total, 10);
            assert.equal((await tagsOf([full], { Limit: 100 })).total, 45);
        });

        it("refuse malformed names, another account, unknown regions, and requests past the limits", async () => {
            const id = await createImage(f, "limits");
            const tag = [{ TagKey: "k", TagValue: "v" }];
            const bind = (body: Record<string, unknown>) =>
                tagError("TagResources", { ResourceList: [name(id)], Tags: tag, ...body });
            assert.equal(
                await bind({ ResourceList: [`cvm:${gz}:image/${id}`] }),
                "InvalidParameterValue.ResourceDescriptionError",
            );
            assert.equal(
                await bind({ ResourceList: [name(id, second.accountId)] }),
                "InvalidParameterValue.UinInvalid",
            );
            assert.equal(
                await bind({ ResourceList: [name(id, main.accountId, "ap-mars")] }),
                "InvalidParameterValue.RegionInvalid",
            );
            assert.equal(
                await bind({ ResourceList: Array.from({ length: 11 }, () => name(id)) }),
                "LimitExceeded.ResourceNumPerRequest",
            );
            assert.equal(await bind({ ResourceList: [] }), "InvalidParameterValue.ResourceDescriptionError");
            assert.equal(
                await bind({
                    Tags: Array.from({ length: 11 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" })),
                }),
                "LimitExceeded.TagNumPerRequest",
            );
            assert.equal(await bind({ Tags: [] }), "InvalidParameter.Tag");
            assert.equal(await bind({ Tags: [...tag, ...tag] }), "InvalidParameterValue.TagKeyDuplicate");
            assert.equal(
                await bind({ Tags: [{ TagKey: "", TagValue: "v" }] }),
                "InvalidParameterValue.TagKeyEmpty",
            );
            assert.equal(
                await bind({ Tags: [{ TagKey: "k".repeat(128), TagValue: "v" }] }),
                "InvalidParameterValue.TagKeyLengthExceeded",
            );
            assert.equal(
                await bind({ Tags: [{ TagKey: "k", TagValue: "v".repeat(256) }] }),
                "InvalidParameterValue.TagValueLengthExceeded",
            );
            assert.equal(
                await bind({ Tags: [{ TagKey: "project", TagValue: "v" }] }),
                "InvalidParameter.ReservedTagKey",
            );
            assert.equal(await bind({ Tags: [{ TagKey: "k" }] }), "MissingParameter");
            assert.equal(
                await bind({ Tags: [{ TagKey: "k", TagValue: "v", Colour: "red" }] }),
                "UnknownParameter",
            );
            const unbind = (body: Record<string, unknown>) =>
                tagError("UnTagResources", { ResourceList: [name(id)], TagKeys: ["k"], ...body });
            assert.equal(await unbind({ TagKeys: [] }), "InvalidParameter.Tag");
            assert.equal(await unbind({ TagKeys: ["k", "k"] }), "InvalidParameterValue.TagKeyDuplicate");
            assert.equal(await unbind({ TagKeys: [""] }), "InvalidParameterValue.TagKeyEmpty");
            assert.equal(await unbind({ ResourceList: undefined }), "MissingParameter");
            // Nothing was bound by any refused request.
            assert.deepEqual((await tagsOf([id])).rows, []);
        });

        it("are logged as tag-service calls of the caller", async () => {
            const id = await createImage(f, "logged");
            await call(f.endpoint, {
                action: "TagResources",
                service: "tag",
                key: main,
                region: null,
                body: { ResourceList: [name(id)], Tags: [{ TagKey: "k", TagValue: "v" }] },
            });
            const entries = f.emu.controls.callLog({ action: "TagResources" });
            assert.deepEqual(
                entries.map((e) => [e.service, e.accountId, e.outcome]),
                [["tag", main.accountId, "ok"]],
            );
        });
    });
});

function md5(text: string): string {
    return createHash("md5").update(text).digest("hex");
}
