import { strict as assert } from "node:assert";
import {
    compareNewestFirst,
    containsWordPrefix,
    filterImages,
    mismatches,
    normaliseArchitecture,
} from "../../../provider/lookup/filterImages";
import { parseLookupArgs } from "../../../provider/lookup/lookupArgs";
import { image } from "./fakeBackend";

const ids = (xs: { imageId: string }[]) => xs.map((x) => x.imageId);

describe("lookup filtering (pure)", () => {
    const ubuntu = image({ imageId: "img-ubuntu01", imageName: "ubuntu-22.04-web", architecture: "x86_64" });
    const ubuntuArm = image({ imageId: "img-ubuntu02", imageName: "ubuntu-22.04-arm", architecture: "arm" });
    const centos = image({
        imageId: "img-centos01",
        imageName: "centos-7",
        platform: "CentOS",
        osName: "CentOS 7.9 64位",
        architecture: "i386",
    });
    const mine = image({
        imageId: "img-mine0001",
        imageName: "web-2026",
        imageType: "PRIVATE_IMAGE",
        platform: "TencentOS",
        osName: "TencentOS Server 3.1",
        tags: { team: "web", env: "prod" },
    });
    const creating = image({ imageId: "img-creating", imageState: "CREATING" });
    const all = [ubuntu, ubuntuArm, centos, mine, creating];

    it("keeps only NORMAL images by default", () => {
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({}))).sort(), [
            "img-centos01",
            "img-mine0001",
            "img-ubuntu01",
            "img-ubuntu02",
        ]);
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ states: ["CREATING"] }))), ["img-creating"]);
    });

    it("matches platform and osName as case-insensitive text at a word start (CentOS is not TencentOS)", () => {
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ platform: "centos" }))), ["img-centos01"]);
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ osName: "server 3" }))), ["img-mine0001"]);
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ osName: "windows" }))), []);
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ platform: "tencent" }))), ["img-mine0001"]);
        assert.equal(containsWordPrefix("Ubuntu Server 22.04 LTS 64bit", "22.04 lts"), true);
        assert.equal(containsWordPrefix("CentOS 7.9 64位", "7.9"), true);
        assert.equal(containsWordPrefix("TencentOS Server 3.1", "centos"), false);
        assert.equal(containsWordPrefix("TencentOS Server 3.1 / CentOS", "centos"), true);
        assert.equal(containsWordPrefix("Ubuntu", "buntu"), false);
    });

    it("matches architecture through its aliases and the 32-bit/64-bit words", () => {
        const arch = (architecture: string) =>
            ids(filterImages(all, parseLookupArgs({ architecture }))).sort();
        assert.deepEqual(arch("aarch64"), ["img-ubuntu02"]);
        assert.deepEqual(arch("32-bit"), ["img-centos01"]);
        assert.deepEqual(arch("64-bit"), ["img-mine0001", "img-ubuntu01", "img-ubuntu02"]);
        // An image reported with the input spelling still matches.
        assert.deepEqual(
            mismatches(image({ architecture: "arm_64" }), parseLookupArgs({ architecture: "arm" })),
            [],
        );
    });

    it("matches nameRegex anywhere in the name", () => {
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ nameRegex: "22\\.04-(web|db)" }))), [
            "img-ubuntu01",
        ]);
    });

    it("requires every tag with its exact value", () => {
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ tags: { team: "web" } }))), [
            "img-mine0001",
        ]);
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ tags: { team: "web", env: "dev" } }))), []);
    });

    it("matches image types and IDs exactly", () => {
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ imageType: "PRIVATE_IMAGE" }))), [
            "img-mine0001",
        ]);
        assert.deepEqual(ids(filterImages(all, parseLookupArgs({ imageIds: ["img-centos01"] }))), [
            "img-centos01",
        ]);
    });

    it("names every criterion an image fails", () => {
        const c = parseLookupArgs({
            platform: "ubuntu",
            architecture: "arm",
            nameRegex: "^db",
            states: ["NORMAL"],
        });
        assert.deepEqual(mismatches(centos, c), ["platform", "architecture", "nameRegex"]);
    });

    it("sorts newest first, ties by image ID, unparseable times last", () => {
        const images = [
            image({ imageId: "img-bbbbbbbb", createdTime: "2026-03-01T00:00:00Z" }),
            image({ imageId: "img-cccccccc", createdTime: "not a time" }),
            image({ imageId: "img-dddddddd", createdTime: "2026-05-01T00:00:00Z" }),
            image({ imageId: "img-aaaaaaaa", createdTime: "2026-03-01T00:00:00Z" }),
        ];
        assert.deepEqual(ids(filterImages(images, parseLookupArgs({}))), [
            "img-dddddddd",
            "img-aaaaaaaa",
            "img-bbbbbbbb",
            "img-cccccccc",
        ]);
        assert.equal(compareNewestFirst(images[0], images[0]), 0);
    });

    it("drops an image seen twice (paging over a changing list)", () => {
        assert.deepEqual(ids(filterImages([ubuntu, ubuntu, centos], parseLookupArgs({}))).sort(), [
            "img-centos01",
            "img-ubuntu01",
        ]);
    });

    it("returns summaries in the public shape, architecture in the API's output spelling", () => {
        const [summary] = filterImages(
            [
                image({
                    imageId: "img-summary1",
                    architecture: "ARM64",
                    imageDescription: "d",
                    tags: { a: "b" },
                }),
            ],
            parseLookupArgs({}),
        );
        assert.deepEqual(summary, {
            imageId: "img-summary1",
            imageName: summary.imageName,
            imageType: "PUBLIC_IMAGE",
            imageState: "NORMAL",
            osName: "Ubuntu Server 22.04 LTS 64bit",
            platform: "Ubuntu",
            architecture: "arm",
            imageSizeGb: 20,
            createdTime: "2026-01-01T00:00:00Z",
            imageCreator: "tencent",
            imageSource: "OFFICIAL",
            tags: { a: "b" },
            description: "d",
            family: "",
            deprecated: false,
        });
        assert.equal(normaliseArchitecture(" AMD64 "), "x86_64");
    });
});
