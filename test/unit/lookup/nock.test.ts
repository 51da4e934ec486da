import { strict as assert } from "node:assert";
import nock from "nock";
import { createImageBackend } from "../../../provider/backend";
import { getImage } from "../../../provider/lookup/getImage";
import { getImages } from "../../../provider/lookup/getImages";
import { apiImage, CVM, fakeApi, SETTINGS } from "../backend/helpers";

const backend = () => createImageBackend(SETTINGS, { rateLimit: false, maxAttempts: 1 });

/** `count` API images, the newest with the highest number. */
function page(from: number, count: number): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, k) => {
        const n = from + k;
        return apiImage({
            ImageId: `img-${String(n).padStart(8, "0")}`,
            ImageName: `ubuntu-${n}`,
            ImageType: "PUBLIC_IMAGE",
            Platform: "Ubuntu",
            OsName: "Ubuntu Server 22.04 LTS 64bit",
            Architecture: n % 2 === 0 ? "x86_64" : "arm",
            CreatedTime: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString().replace(".000", ""),
            ImageCreator: "tencent",
            SnapshotSet: [],
            Tags: [{ Key: "os", Value: "ubuntu" }],
        });
    });
}

describe("lookups through the Tencent Cloud backend (nock)", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    it("reads every page of DescribeImages with the server-side filters, then filters and sorts", async () => {
        const captured = fakeApi(CVM, [
            { TotalCount: 250, ImageSet: page(0, 100) },
            { TotalCount: 250, ImageSet: page(100, 100) },
            { TotalCount: 250, ImageSet: page(200, 50) },
        ]);
        const result = await getImages(
            {
                region: "ap-beijing",
                imageType: "PUBLIC_IMAGE",
                platform: "Ubuntu",
                architecture: "x86_64",
                tags: { os: "ubuntu" },
            },
            { backend: backend(), warn: () => undefined },
        );
        assert.ok(nock.isDone(), "not every page was read");
        assert.equal(captured.length, 3);
        assert.deepEqual(
            captured.map((c) => c.json.Offset),
            [0, 100, 200],
        );
        for (const c of captured) {
            assert.equal(c.headers["x-tc-action"], "DescribeImages");
            assert.equal(c.headers["x-tc-region"], "ap-beijing");
            assert.equal(c.json.ImageIds, undefined);
            assert.deepEqual(c.json.Filters, [
                { Name: "image-type", Values: ["PUBLIC_IMAGE"] },
                { Name: "platform", Values: ["Ubuntu"] },
                { Name: "tag:os", Values: ["ubuntu"] },
            ]);
        }
        // 125 x86_64 images out of 250, newest first, from all three pages.
        assert.equal(result.ids.length, 125);
        assert.equal(result.ids[0], "img-00000248");
        assert.equal(result.ids[124], "img-00000000");
    });

    it("asks by ImageIds without Filters when imageIds is given", async () => {
        const captured = fakeApi(CVM, [{ TotalCount: 1, ImageSet: page(7, 1) }]);
        const found = await getImage(
            {
                region: "ap-beijing",
                imageIds: ["img-00000007"],
                imageType: "PUBLIC_IMAGE",
                platform: "ubuntu",
            },
            { backend: backend() },
        );
        assert.equal(found.imageId, "img-00000007");
        assert.equal(found.architecture, "arm");
        assert.equal(captured.length, 1);
        assert.deepEqual(captured[0].json.ImageIds, ["img-00000007"]);
        assert.equal(captured[0].json.Filters, undefined);
    });

    it("passes an API error through with its code and RequestId", async () => {
        fakeApi(CVM, [{ Error: { Code: "InvalidFilter", Message: "bad filter" } }]);
        await assert.rejects(
            getImages({ region: "ap-beijing", imageType: "PUBLIC_IMAGE" }, { backend: backend() }),
            (err: Error) => {
                assert.match(err.message, /InvalidFilter/);
                assert.match(err.message, /req-\d+/);
                return true;
            },
        );
    });
});
