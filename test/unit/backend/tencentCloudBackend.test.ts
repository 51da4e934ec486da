import { strict as assert } from "node:assert";
import nock from "nock";
import { createImageBackend } from "../../../provider/backend";
import { CallInfo } from "../../../provider/backend/client";
import { ReplyShapeError, TencentCloudApiError, TransportError } from "../../../provider/backend/errors";
import { ImportedImageNotFoundError } from "../../../provider/backend/importedImage";
import { imageResourceName, toApiFilters } from "../../../provider/backend/requestBodies";
import { InstantClock } from "./fakeClock";
import {
    apiImage,
    assertSignatureVerifies,
    Captured,
    CVM,
    fakeApi,
    FakeReply,
    freshCaller,
    netError,
} from "./helpers";

const REGION = "ap-guangzhou";

function backend() {
    const calls: CallInfo[] = [];
    const b = createImageBackend(freshCaller(), {
        rateLimit: false,
        clock: new InstantClock(),
        onCall: (c) => calls.push(c),
    });
    return { b, calls };
}

/** Checks the common headers of one captured request. */
function assertCall(
    c: Captured,
    action: string,
    options: { version?: string; region?: string | null; service?: string } = {},
) {
    assert.equal(c.headers["x-tc-action"], action);
    assert.equal(c.headers["x-tc-version"], options.version ?? "2017-03-12");
    if (options.region === null) assert.equal(c.headers["x-tc-region"], undefined);
    else assert.equal(c.headers["x-tc-region"], options.region ?? REGION);
    assert.equal(c.headers["content-type"], "application/json");
    assert.match(c.headers["authorization"], new RegExp(`/${options.service ?? "cvm"}/tc3_request, `));
    assertSignatureVerifies(c);
}

const ids = (n: number, prefix = "img-") =>
    Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, "0")}`);

describe("TencentCloudBackend", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    describe("describeImagesByIds", () => {
        it("sends ImageIds with Limit 100 and maps the Image", async () => {
            const sent = fakeApi(CVM, [
                {
                    TotalCount: 2,
                    ImageSet: [
                        apiImage(),
                        apiImage({
                            ImageId: "img-bbbbbbbb",
                            ImageType: "MARKET_IMAGE",
                            CreatedTime: "2020-09-22T00:00:00+00:00",
                            Architecture: "arm",
                            ImageState: "SYNCING",
                            SyncPercent: 40,
                            Tags: null,
                            SnapshotSet: [],
                            LicenseType: undefined,
                            ImageCreator: "tencent",
                        }),
                    ],
                },
            ]);
            const images = await backend().b.describeImagesByIds(REGION, [
                "img-aaaaaaaa",
                "img-bbbbbbbb",
                "img-aaaaaaaa",
            ]);
            assertCall(sent[0], "DescribeImages");
            assert.deepEqual(sent[0].json, { ImageIds: ["img-aaaaaaaa", "img-bbbbbbbb"], Limit: 100 });
            assert.deepEqual(images[0], {
                imageId: "img-aaaaaaaa",
                region: REGION,
                imageName: "web",
                imageDescription: "web image",
                imageType: "PRIVATE_IMAGE",
                imageState: "NORMAL",
                osName: "TencentOS Server 3.1",
                platform: "TencentOS",
                architecture: "x86_64",
                imageSizeGb: 50,
                createdTime: "2026-01-01T00:00:00Z",
                imageCreator: "100000000001",
                imageSource: "CREATE_IMAGE",
                syncPercent: null,
                snapshots: [{ snapshotId: "snap-aaaaaaaa", diskUsage: "SYSTEM_DISK", diskSizeGb: 50 }],
                tags: { team: "web" },
                licenseType: "TencentCloud",
            });
            assert.equal(images[1].imageType, "MARKET_IMAGE");
            assert.equal(images[1].createdTime, "2020-09-22T00:00:00Z");
            assert.equal(images[1].architecture, "arm");
            assert.equal(images[1].syncPercent, 40);
            assert.deepEqual(images[1].tags, {});
            assert.equal("licenseType" in images[1], false);
        });

        it("splits more than 100 IDs into batches of 100", async () => {
            const sent = fakeApi(CVM, [
                { TotalCount: 0, ImageSet: [] },
                { TotalCount: 0, ImageSet: [] },
                { TotalCount: 0, ImageSet: [] },
            ]);
            await backend().b.describeImagesByIds(REGION, ids(250));
            assert.deepEqual(
                sent.map((s) => (s.json.ImageIds as string[]).length),
                [100, 100, 50],
            );
        });

        it("makes no call for no IDs", async () => {
            const { b, calls } = backend();
            assert.deepEqual(await b.describeImagesByIds(REGION, []), []);
            assert.equal(calls.length, 0);
        });

        it("a malformed image is a boundary error naming the action and the field", async () => {
            fakeApi(CVM, [{ TotalCount: 1, ImageSet: [apiImage({ ImageSize: "50" })] }]);
            const error = await backend()
                .b.describeImagesByIds(REGION, ["img-aaaaaaaa"])
                .catch((e: unknown) => e);
            assert.ok(error instanceof ReplyShapeError);
            assert.match(
                error.message,
                /^DescribeImages in ap-guangzhou returned an unexpected reply: Response\.ImageSet\[0\]\.ImageSize: /,
            );
        });

        it("retries InternalError (a read)", async () => {
            const sent = fakeApi(CVM, [
                { Error: { Code: "InternalError", Message: "x" } },
                { TotalCount: 0, ImageSet: [] },
            ]);
            assert.deepEqual(await backend().b.describeImagesByIds(REGION, ["img-aaaaaaaa"]), []);
            assert.equal(sent.length, 2);
        });
    });

    describe("listImages / countImages", () => {
        it("sends the filters and reads every page", async () => {
            const page = (n: number, offset: number) =>
                Array.from({ length: n }, (_, i) =>
                    apiImage({ ImageId: `img-${String(offset + i).padStart(8, "0")}` }),
                );
            const sent = fakeApi(CVM, [
                { TotalCount: 230, ImageSet: page(100, 0) },
                { TotalCount: 230, ImageSet: page(100, 100) },
                { TotalCount: 230, ImageSet: page(30, 200) },
            ]);
            const images = await backend().b.listImages(REGION, {
                imageTypes: ["PRIVATE_IMAGE", "SHARED_IMAGE"],
                imageName: "web",
                platform: "Ubuntu",
                tags: { team: "web" },
            });
            assert.equal(images.length, 230);
            assert.deepEqual(
                sent.map((s) => [s.json.Offset, s.json.Limit]),
                [
                    [0, 100],
                    [100, 100],
                    [200, 100],
                ],
            );
            assert.deepEqual(sent[0].json.Filters, [
                { Name: "image-type", Values: ["PRIVATE_IMAGE", "SHARED_IMAGE"] },
                { Name: "image-name", Values: ["web"] },
                { Name: "platform", Values: ["Ubuntu"] },
                { Name: "tag:team", Values: ["web"] },
            ]);
            sent.forEach((s) => assertCall(s, "DescribeImages"));
        });

        it("sends no Filters for no filter, and stops on an empty page", async () => {
            const sent = fakeApi(CVM, [{ TotalCount: 0, ImageSet: [] }]);
            assert.deepEqual(await backend().b.listImages(REGION), []);
            assert.deepEqual(sent[0].json, { Offset: 0, Limit: 100 });
        });

        it("applies tag conditions beyond the 10-filter limit client-side", () => {
            const tags = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, `v${i}`]));
            const { filters, clientSideTags } = toApiFilters({ imageTypes: ["PRIVATE_IMAGE"], tags });
            assert.equal(filters.length, 10);
            assert.deepEqual(clientSideTags, { k9: "v9", k10: "v10", k11: "v11" });
        });

        it("countImages asks for one image and returns TotalCount", async () => {
            const sent = fakeApi(CVM, [{ TotalCount: 321, ImageSet: [apiImage()] }]);
            assert.equal(await backend().b.countImages(REGION, { imageTypes: ["PRIVATE_IMAGE"] }), 321);
            assert.deepEqual(sent[0].json, {
                Filters: [{ Name: "image-type", Values: ["PRIVATE_IMAGE"] }],
                Offset: 0,
                Limit: 1,
            });
        });
    });

    describe("createImage", () => {
        it("sends ForcePoweroff/Sysprep as strings and TagSpecification", async () => {
            const sent = fakeApi(CVM, [{ ImageId: "img-new00001" }]);
            const id = await backend().b.createImage(REGION, {
                imageName: "web",
                imageDescription: "d",
                instanceId: "ins-aaaaaaaa",
                dataDiskIds: ["disk-aaaaaaaa"],
                forcePoweroff: true,
                sysprep: false,
                tags: { team: "web" },
            });
            assert.equal(id, "img-new00001");
            assertCall(sent[0], "CreateImage");
            assert.deepEqual(sent[0].json, {
                ImageName: "web",
                ImageDescription: "d",
                InstanceId: "ins-aaaaaaaa",
                DataDiskIds: ["disk-aaaaaaaa"],
                ForcePoweroff: "true",
                Sysprep: "false",
                TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "team", Value: "web" }] }],
            });
        });

        it("sends ImageFamily when the new image joins a family", async () => {
            const sent = fakeApi(CVM, [{ ImageId: "img-new00003" }]);
            await backend().b.createImage(REGION, {
                imageName: "s",
                snapshotIds: ["snap-aaaaaaaa"],
                imageFamily: "web",
            });
            assert.deepEqual(sent[0].json, {
                ImageName: "s",
                SnapshotIds: ["snap-aaaaaaaa"],
                ImageFamily: "web",
            });
        });

        it("from snapshots sends only SnapshotIds", async () => {
            const sent = fakeApi(CVM, [{ ImageId: "img-new00002" }]);
            await backend().b.createImage(REGION, { imageName: "s", snapshotIds: ["snap-aaaaaaaa"] });
            assert.deepEqual(sent[0].json, { ImageName: "s", SnapshotIds: ["snap-aaaaaaaa"] });
        });
    });

    it("importImage sends the import parameters", async () => {
        const sent = fakeApi(CVM, [{ ImageId: "img-imp00001" }]);
        const id = await backend().b.importImage(REGION, {
            imageName: "imp",
            imageUrl: "https://bucket.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
            osType: "CentOS",
            osVersion: "7",
            architecture: "x86_64",
            bootMode: "UEFI",
            licenseType: "BYOL",
            force: true,
            tags: { a: "b" },
        });
        assert.equal(id, "img-imp00001");
        assertCall(sent[0], "ImportImage");
        assert.deepEqual(sent[0].json, {
            Architecture: "x86_64",
            OsType: "CentOS",
            OsVersion: "7",
            ImageUrl: "https://bucket.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
            ImageName: "imp",
            BootMode: "UEFI",
            LicenseType: "BYOL",
            Force: true,
            TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "a", Value: "b" }] }],
        });
    });

    describe("importImage without ImageId in the reply (as in the official example)", () => {
        const request = {
            imageName: "imp",
            imageUrl: "https://bucket.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
            osType: "CentOS",
            osVersion: "7",
            architecture: "x86_64",
            tags: { "pulumi-images:managed-by": "pulumi-tencentcloud-images", "pulumi-images:name": "web" },
        };

        it("finds the image by its name and tags, looking again while it is not listed yet", async () => {
            const sent = fakeApi(CVM, [
                {},
                { TotalCount: 0, ImageSet: [] },
                {
                    TotalCount: 2,
                    ImageSet: [
                        apiImage({ ImageId: "img-other001", ImageName: "imp-2" }),
                        apiImage({ ImageId: "img-imp00002", ImageName: "imp", ImageState: "IMPORTING" }),
                    ],
                },
            ]);
            assert.equal(await backend().b.importImage(REGION, request), "img-imp00002");
            assert.deepEqual(
                sent.map((s) => s.headers["x-tc-action"]),
                ["ImportImage", "DescribeImages", "DescribeImages"],
            );
            assert.deepEqual(sent[1].json.Filters, [
                { Name: "image-type", Values: ["PRIVATE_IMAGE"] },
                { Name: "image-name", Values: ["imp"] },
                { Name: "tag:pulumi-images:managed-by", Values: ["pulumi-tencentcloud-images"] },
                { Name: "tag:pulumi-images:name", Values: ["web"] },
            ]);
        });

        it("gives up after a bounded number of looks, saying what to do", async () => {
            const empty = { TotalCount: 0, ImageSet: [] };
            const sent = fakeApi(CVM, [{}, empty, empty, empty, empty, empty, empty]);
            const error = await backend()
                .b.importImage(REGION, request)
                .catch((e: unknown) => e);
            assert.ok(error instanceof ImportedImageNotFoundError);
            assert.match(
                error.message,
                /no own image named "imp" carrying the tags it was sent with appeared/,
            );
            assert.equal(sent.filter((s) => s.headers["x-tc-action"] === "ImportImage").length, 1);
            assert.equal(sent.length, 7);
        });
    });

    it("deleteImages sends DeleteBindedSnap and DryRun", async () => {
        const sent = fakeApi(CVM, [{}]);
        await backend().b.deleteImages(REGION, ["img-aaaaaaaa"], { deleteSnapshots: true, dryRun: false });
        assertCall(sent[0], "DeleteImages");
        assert.deepEqual(sent[0].json, { ImageIds: ["img-aaaaaaaa"], DeleteBindedSnap: true, DryRun: false });
    });

    describe("modifyImageAttribute", () => {
        it("sends only the changed fields", async () => {
            const sent = fakeApi(CVM, [{}]);
            await backend().b.modifyImageAttribute(REGION, "img-aaaaaaaa", { imageDescription: "new" });
            assertCall(sent[0], "ModifyImageAttribute");
            assert.deepEqual(sent[0].json, { ImageId: "img-aaaaaaaa", ImageDescription: "new" });
        });

        it('sends a family ("" takes the image out of it) and deprecation, false included', async () => {
            const sent = fakeApi(CVM, [{}, {}]);
            const { b } = backend();
            await b.modifyImageAttribute(REGION, "img-aaaaaaaa", {
                imageFamily: "web",
                imageDeprecated: true,
            });
            await b.modifyImageAttribute(REGION, "img-aaaaaaaa", { imageFamily: "", imageDeprecated: false });
            assert.deepEqual(
                sent.map((s) => s.json),
                [
                    { ImageId: "img-aaaaaaaa", ImageFamily: "web", ImageDeprecated: true },
                    { ImageId: "img-aaaaaaaa", ImageFamily: "", ImageDeprecated: false },
                ],
            );
        });

        it("makes no call when nothing changes", async () => {
            const { b, calls } = backend();
            await b.modifyImageAttribute(REGION, "img-aaaaaaaa", {});
            assert.equal(calls.length, 0);
        });
    });

    describe("describeImageFromFamily", () => {
        it("sends ImageFamily and maps the image, family and deprecation included", async () => {
            const sent = fakeApi(CVM, [
                { Image: apiImage({ ImageFamily: "web", ImageDeprecated: false, Tags: [] }) },
            ]);
            const image = await backend().b.describeImageFromFamily(REGION, "web");
            assertCall(sent[0], "DescribeImageFromFamily");
            assert.deepEqual(sent[0].json, { ImageFamily: "web" });
            assert.equal(image?.imageId, "img-aaaaaaaa");
            assert.equal(image?.region, REGION);
            assert.equal(image?.imageFamily, "web");
            assert.equal(image?.imageDeprecated, false);
        });

        it("is null when the family has no available image (Image null or left out)", async () => {
            fakeApi(CVM, [{ Image: null }, {}]);
            const { b } = backend();
            assert.equal(await b.describeImageFromFamily(REGION, "web"), null);
            assert.equal(await b.describeImageFromFamily(REGION, "web"), null);
        });

        it("retries InternalError (a read)", async () => {
            const sent = fakeApi(CVM, [{ Error: { Code: "InternalError", Message: "x" } }, { Image: null }]);
            assert.equal(await backend().b.describeImageFromFamily(REGION, "web"), null);
            assert.equal(sent.length, 2);
        });
    });

    it("DescribeImages: an image in no family has neither imageFamily nor imageDeprecated", async () => {
        fakeApi(CVM, [
            {
                TotalCount: 2,
                ImageSet: [
                    apiImage(),
                    apiImage({ ImageId: "img-bbbbbbbb", ImageFamily: "web", ImageDeprecated: true }),
                ],
            },
        ]);
        const [plain, member] = await backend().b.describeImagesByIds(REGION, [
            "img-aaaaaaaa",
            "img-bbbbbbbb",
        ]);
        assert.equal("imageFamily" in plain || "imageDeprecated" in plain, false);
        assert.deepEqual([member.imageFamily, member.imageDeprecated], ["web", true]);
    });

    describe("modifyImageTags", () => {
        const STS = "https://sts.tencentcloudapi.com";
        const TAG = "https://tag.tencentcloudapi.com";

        it("names the resource with the root account from GetCallerIdentity, asked once per credentials", async () => {
            const stsSent = fakeApi(STS, [{ AccountId: "100000000001", UserId: "100000000077" }]);
            const tagSent = fakeApi(TAG, [{}, {}]);
            const { b } = backend();
            await b.modifyImageTags(REGION, "img-aaaaaaaa", {
                replace: { team: "api", env: "prod" },
                remove: ["old"],
            });
            await b.modifyImageTags(REGION, "img-cccccccc", { replace: {}, remove: ["x"] });
            assert.equal(stsSent.length, 1, "the root account is asked for once");
            assertCall(stsSent[0], "GetCallerIdentity", {
                version: "2018-08-13",
                service: "sts",
                region: null,
            });
            assert.equal(stsSent[0].body, "{}");
            assertCall(tagSent[0], "ModifyResourceTags", { version: "2018-08-13", service: "tag" });
            assert.equal(tagSent[0].headers["host"], "tag.tencentcloudapi.com");
            assert.deepEqual(tagSent[0].json, {
                Resource: "qcs::cvm:ap-guangzhou:uin/100000000001:image/img-aaaaaaaa",
                ReplaceTags: [
                    { TagKey: "team", TagValue: "api" },
                    { TagKey: "env", TagValue: "prod" },
                ],
                DeleteTags: [{ TagKey: "old" }],
            });
            assert.deepEqual(tagSent[1].json, {
                Resource: imageResourceName(REGION, "100000000001", "img-cccccccc"),
                DeleteTags: [{ TagKey: "x" }],
            });
        });

        it("another backend with the same credentials does not ask again; other credentials do", async () => {
            const settings = freshCaller();
            const stsSent = fakeApi(STS, [{ AccountId: "100000000001" }, { AccountId: "100000000009" }]);
            const tagSent = fakeApi(TAG, [{}, {}, {}]);
            const make = (s: typeof settings) =>
                createImageBackend(s, { rateLimit: false, clock: new InstantClock() });
            await make(settings).modifyImageTags(REGION, "img-aaaaaaaa", { replace: { a: "1" }, remove: [] });
            await make(settings).modifyImageTags(REGION, "img-aaaaaaaa", { replace: { a: "2" }, remove: [] });
            await make(freshCaller()).modifyImageTags(REGION, "img-aaaaaaaa", {
                replace: { a: "3" },
                remove: [],
            });
            assert.equal(stsSent.length, 2);
            assert.deepEqual(
                tagSent.map((t) => t.json.Resource),
                [
                    imageResourceName(REGION, "100000000001", "img-aaaaaaaa"),
                    imageResourceName(REGION, "100000000001", "img-aaaaaaaa"),
                    imageResourceName(REGION, "100000000009", "img-aaaaaaaa"),
                ],
            );
        });

        it("a failed GetCallerIdentity is not remembered", async () => {
            const settings = freshCaller();
            const make = () => createImageBackend(settings, { rateLimit: false, maxAttempts: 1 });
            fakeApi(STS, [
                { Error: { Code: "AuthFailure.SignatureFailure", Message: "x" } },
                { AccountId: "1" },
            ]);
            const tagSent = fakeApi(TAG, [{}]);
            await assert.rejects(
                make().modifyImageTags(REGION, "img-aaaaaaaa", { replace: { a: "1" }, remove: [] }),
                (e: unknown) => e instanceof TencentCloudApiError && e.action === "GetCallerIdentity",
            );
            await make().modifyImageTags(REGION, "img-aaaaaaaa", { replace: { a: "1" }, remove: [] });
            assert.equal(tagSent[0].json.Resource, imageResourceName(REGION, "1", "img-aaaaaaaa"));
        });

        it("sends at most 10 ReplaceTags and 10 DeleteTags per call, never an empty list", async () => {
            fakeApi(STS, [{ AccountId: "100000000001" }]);
            const tagSent = fakeApi(TAG, [{}, {}, {}]);
            const replace = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`k${i}`, `v${i}`]));
            const remove = Array.from({ length: 12 }, (_, i) => `r${i}`);
            await backend().b.modifyImageTags(REGION, "img-aaaaaaaa", { replace, remove });
            assert.deepEqual(
                tagSent.map((t) => [
                    (t.json.ReplaceTags as unknown[] | undefined)?.length,
                    (t.json.DeleteTags as unknown[] | undefined)?.length,
                ]),
                [
                    [10, 10],
                    [10, 2],
                    [3, undefined],
                ],
            );
            assert.equal("DeleteTags" in tagSent[2].json, false);
            const sentKeys = tagSent.flatMap((t) =>
                ((t.json.ReplaceTags as { TagKey: string }[] | undefined) ?? []).map((tag) => tag.TagKey),
            );
            assert.deepEqual(sentKeys, Object.keys(replace));
        });

        it("makes no call when nothing changes", async () => {
            const { b, calls } = backend();
            await b.modifyImageTags(REGION, "img-aaaaaaaa", { replace: {}, remove: [] });
            assert.equal(calls.length, 0);
        });
    });

    it("modifySharePermission sends AccountIds and Permission", async () => {
        const sent = fakeApi(CVM, [{}]);
        await backend().b.modifySharePermission(REGION, "img-aaaaaaaa", ["100000000002"], "SHARE");
        assertCall(sent[0], "ModifyImageSharePermission");
        assert.deepEqual(sent[0].json, {
            ImageId: "img-aaaaaaaa",
            AccountIds: ["100000000002"],
            Permission: "SHARE",
        });
    });

    it("describeSharePermission maps the set (both timestamp forms)", async () => {
        const sent = fakeApi(CVM, [
            {
                SharePermissionSet: [
                    { AccountId: "100000000002", CreatedTime: "2018-06-10T11:02:50Z" },
                    { AccountId: "100000000003", CreatedTime: "2018-06-10T11:02:50+00:00" },
                ],
            },
        ]);
        assert.deepEqual(await backend().b.describeSharePermission(REGION, "img-aaaaaaaa"), [
            { accountId: "100000000002", createdTime: "2018-06-10T11:02:50Z" },
            { accountId: "100000000003", createdTime: "2018-06-10T11:02:50Z" },
        ]);
        assertCall(sent[0], "DescribeImageSharePermission");
        assert.deepEqual(sent[0].json, { ImageId: "img-aaaaaaaa" });
    });

    it("syncImages asks for the image set and maps it", async () => {
        const sent = fakeApi(CVM, [{ ImageSet: [{ Region: "ap-shanghai", ImageId: "img-copy0001" }] }]);
        const copies = await backend().b.syncImages(REGION, "img-aaaaaaaa", ["ap-shanghai"], {
            imageName: "copy",
        });
        assert.deepEqual(copies, [{ region: "ap-shanghai", imageId: "img-copy0001" }]);
        assertCall(sent[0], "SyncImages");
        assert.deepEqual(sent[0].json, {
            ImageIds: ["img-aaaaaaaa"],
            DestinationRegions: ["ap-shanghai"],
            ImageName: "copy",
            ImageSetRequired: true,
        });
    });

    it("describeImageQuota returns ImageNumQuota", async () => {
        const sent = fakeApi(CVM, [{ ImageNumQuota: 500 }]);
        assert.equal(await backend().b.describeImageQuota(REGION), 500);
        assertCall(sent[0], "DescribeImageQuota");
        assert.equal(sent[0].body, "{}");
    });

    it("describeRegions asks the Region service for product cvm, with no region", async () => {
        const sent = fakeApi("https://region.tencentcloudapi.com", [
            {
                TotalCount: 1,
                RegionSet: [
                    {
                        Region: "ap-guangzhou",
                        RegionName: "South China (Guangzhou)",
                        RegionState: "AVAILABLE",
                        RegionTypeMC: null,
                        LocationMC: null,
                        RegionNameMC: null,
                        RegionIdMC: null,
                    },
                ],
            },
        ]);
        assert.deepEqual(await backend().b.describeRegions(), [
            { region: "ap-guangzhou", regionName: "South China (Guangzhou)", regionState: "AVAILABLE" },
        ]);
        assertCall(sent[0], "DescribeRegions", { region: null, service: "region", version: "2022-06-27" });
        assert.deepEqual(sent[0].json, { Product: "cvm" });
    });

    it("with an endpoint override, Region and STS calls go there too, signed for their own service", async () => {
        const endpoint = "http://127.0.0.1:18080";
        const sent = fakeApi(endpoint, [{ TotalCount: 0, RegionSet: [] }, { AccountId: "100000000001" }, {}]);
        const b = createImageBackend(
            { ...freshCaller(), endpoint },
            { rateLimit: false, clock: new InstantClock() },
        );
        await b.describeRegions();
        await b.modifyImageTags(REGION, "img-aaaaaaaa", { replace: { a: "1" }, remove: [] });
        assert.deepEqual(
            sent.map((c) => [c.headers["host"], c.headers["x-tc-action"], c.headers["x-tc-region"]]),
            [
                ["127.0.0.1:18080", "DescribeRegions", undefined],
                ["127.0.0.1:18080", "GetCallerIdentity", undefined],
                ["127.0.0.1:18080", "ModifyResourceTags", REGION],
            ],
        );
        assertCall(sent[0], "DescribeRegions", { region: null, service: "region", version: "2022-06-27" });
        assertCall(sent[1], "GetCallerIdentity", { region: null, service: "sts", version: "2018-08-13" });
        assertCall(sent[2], "ModifyResourceTags", { service: "tag", version: "2018-08-13" });
    });

    it("describeInstances maps disks", async () => {
        const sent = fakeApi(CVM, [
            {
                TotalCount: 1,
                InstanceSet: [
                    {
                        InstanceId: "ins-aaaaaaaa",
                        InstanceName: "web-1",
                        InstanceState: "RUNNING",
                        SystemDisk: { DiskId: "disk-sys00001" },
                        DataDisks: [{ DiskId: "disk-data0001" }],
                    },
                ],
            },
        ]);
        assert.deepEqual(await backend().b.describeInstances(REGION, ["ins-aaaaaaaa"]), [
            {
                instanceId: "ins-aaaaaaaa",
                instanceName: "web-1",
                instanceState: "RUNNING",
                systemDiskId: "disk-sys00001",
                dataDiskIds: ["disk-data0001"],
            },
        ]);
        assertCall(sent[0], "DescribeInstances");
        assert.deepEqual(sent[0].json, { InstanceIds: ["ins-aaaaaaaa"], Limit: 100 });
    });

    it("listInstances reads every page of the region's instances, with the image each runs", async () => {
        const instance = (i: number, imageId?: string | null) => ({
            InstanceId: `ins-${String(i).padStart(8, "0")}`,
            InstanceName: `vm-${i}`,
            InstanceState: "RUNNING",
            DataDisks: [],
            ...(imageId === undefined ? {} : { ImageId: imageId }),
        });
        const sent = fakeApi(CVM, [
            {
                TotalCount: 101,
                InstanceSet: Array.from({ length: 100 }, (_, i) => instance(i, "img-aaaaaaaa")),
            },
            { TotalCount: 101, InstanceSet: [instance(100, null)] },
        ]);
        const listed = await backend().b.listInstances(REGION);
        assert.equal(listed.length, 101);
        assert.equal(listed[0].imageId, "img-aaaaaaaa");
        assert.equal(listed[100].imageId, undefined, "a null ImageId is read as none");
        assert.deepEqual(
            sent.map((r) => r.json),
            [
                { Offset: 0, Limit: 100 },
                { Offset: 100, Limit: 100 },
            ],
        );
    });

    it("describeInstances reads disks the reply gives no DiskId (optional in the spec)", async () => {
        fakeApi(CVM, [
            {
                TotalCount: 1,
                InstanceSet: [
                    {
                        InstanceId: "ins-aaaaaaaa",
                        InstanceName: "web-1",
                        InstanceState: "RUNNING",
                        SystemDisk: {},
                        DataDisks: [{ DiskId: "disk-data0001" }, {}],
                    },
                ],
            },
        ]);
        assert.deepEqual(await backend().b.describeInstances(REGION, ["ins-aaaaaaaa"]), [
            {
                instanceId: "ins-aaaaaaaa",
                instanceName: "web-1",
                instanceState: "RUNNING",
                dataDiskIds: ["disk-data0001"],
                unidentifiedDataDisks: 1,
            },
        ]);
    });

    it("describeSnapshots calls CBS", async () => {
        const sent = fakeApi("https://cbs.tencentcloudapi.com", [
            {
                TotalCount: 1,
                SnapshotSet: [
                    { SnapshotId: "snap-aaaaaaaa", DiskUsage: "SYSTEM_DISK", SnapshotState: "NORMAL" },
                ],
            },
        ]);
        assert.deepEqual(await backend().b.describeSnapshots(REGION, ["snap-aaaaaaaa"]), [
            { snapshotId: "snap-aaaaaaaa", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" },
        ]);
        assertCall(sent[0], "DescribeSnapshots", { service: "cbs" });
        assert.deepEqual(sent[0].json, { SnapshotIds: ["snap-aaaaaaaa"], Limit: 100 });
    });

    describe("no blind retries of mutations", () => {
        const internal: FakeReply = { Error: { Code: "InternalError", Message: "x" } };
        const mutations: Array<[string, (b: ReturnType<typeof backend>["b"]) => Promise<unknown>]> = [
            ["CreateImage", (b) => b.createImage(REGION, { imageName: "x", instanceId: "ins-aaaaaaaa" })],
            ["SyncImages", (b) => b.syncImages(REGION, "img-aaaaaaaa", ["ap-shanghai"])],
            [
                "ImportImage",
                (b) =>
                    b.importImage(REGION, {
                        imageName: "x",
                        imageUrl: "u",
                        osType: "CentOS",
                        osVersion: "7",
                        architecture: "x86_64",
                    }),
            ],
            [
                "ModifyImageSharePermission",
                (b) => b.modifySharePermission(REGION, "img-aaaaaaaa", ["100000000002"], "SHARE"),
            ],
        ];
        for (const [action, call] of mutations) {
            it(`${action}: InternalError is not retried`, async () => {
                const sent = fakeApi(CVM, [internal, { ImageId: "img-x", ImageSet: [] }]);
                const error = await call(backend().b).catch((e: unknown) => e);
                assert.ok(error instanceof TencentCloudApiError);
                assert.equal(error.action, action);
                assert.equal(sent.length, 1);
            });

            it(`${action}: a lost reply is not retried`, async () => {
                fakeApi(CVM, [{ error: netError("ECONNRESET") }, { ImageId: "img-x", ImageSet: [] }]);
                const { b, calls } = backend();
                const error = await call(b).catch((e: unknown) => e);
                assert.ok(error instanceof TransportError);
                assert.equal(calls.length, 1);
            });

            it(`${action}: throttling is retried`, async () => {
                const sent = fakeApi(CVM, [
                    { Error: { Code: "RequestLimitExceeded", Message: "x" } },
                    { ImageId: "img-x", ImageSet: [] },
                ]);
                await call(backend().b);
                assert.equal(sent.length, 2);
            });
        }
    });
});
