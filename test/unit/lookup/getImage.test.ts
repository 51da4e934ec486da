import { strict as assert } from "node:assert";
import { getImage, NoImageMatchedError, SeveralImagesMatchedError } from "../../../provider/lookup/getImage";
import { FakeBackend, image, SETTINGS } from "./fakeBackend";

const quiet = { warn: () => undefined };

describe("getImage (fake backend)", () => {
    it("returns the one match with its region", async () => {
        const backend = new FakeBackend([
            image({ imageId: "img-ubuntu01", imageName: "ubuntu-22.04" }),
            image({ imageId: "img-centos01", platform: "CentOS", osName: "CentOS 7.9 64位" }),
        ]);
        const found = await getImage({ platform: "ubuntu" }, { backend, settings: SETTINGS, ...quiet });
        assert.equal(found.imageId, "img-ubuntu01");
        assert.equal(found.imageName, "ubuntu-22.04");
        assert.equal(found.region, "ap-guangzhou");
    });

    it("fails when none matches, restating the filters and suggesting to loosen them", async () => {
        const backend = new FakeBackend([image({ architecture: "x86_64" })]);
        await assert.rejects(
            getImage(
                { imageType: "PUBLIC_IMAGE", platform: "Ubuntu", architecture: "arm64" },
                { backend, settings: SETTINGS },
            ),
            (err: Error) => {
                assert.ok(err instanceof NoImageMatchedError);
                assert.equal(
                    err.message,
                    'getImage: no image in ap-guangzhou matches imageTypes PUBLIC_IMAGE; platform containing "Ubuntu"; ' +
                        "architecture arm64 (arm); states NORMAL; not deprecated. Loosen a filter (a shorter osName or platform, a " +
                        "broader nameRegex, more imageTypes or states), or check the region.",
                );
                return true;
            },
        );
    });

    it("family: the family's newest non-deprecated image; none says so and names includeDeprecated's default", async () => {
        const backend = new FakeBackend([
            image({ imageId: "img-fam00001", imageFamily: "web", createdTime: "2026-01-01T00:00:00Z" }),
            image({
                imageId: "img-fam00002",
                imageFamily: "web",
                imageDeprecated: true,
                createdTime: "2026-01-02T00:00:00Z",
            }),
        ]);
        assert.equal(
            (await getImage({ family: "web" }, { backend, settings: SETTINGS })).imageId,
            "img-fam00001",
        );
        await assert.rejects(getImage({ family: "api" }, { backend, settings: SETTINGS }), (err: Error) => {
            assert.ok(err instanceof NoImageMatchedError);
            assert.match(
                err.message,
                /no image in ap-guangzhou matches family "api" \(its newest non-deprecated image\); states NORMAL, SYNCING; not deprecated\./,
            );
            return true;
        });
    });

    it("fails when several match, listing the first 10 newest first with a count, and suggesting mostRecent", async () => {
        const images = Array.from({ length: 12 }, (_, n) =>
            image({
                imageId: `img-many${String(n).padStart(4, "0")}`,
                imageName: `web-${n}`,
                createdTime: `2026-01-${String(n + 1).padStart(2, "0")}T00:00:00Z`,
            }),
        );
        await assert.rejects(
            getImage({ imageType: "PUBLIC_IMAGE" }, { backend: new FakeBackend(images), settings: SETTINGS }),
            (err: Error) => {
                assert.ok(err instanceof SeveralImagesMatchedError);
                const lines = err.message.split("\n");
                assert.equal(
                    lines[0],
                    "getImage: 12 images in ap-guangzhou match imageTypes PUBLIC_IMAGE; states NORMAL; not deprecated; exactly one is needed. Newest first:",
                );
                assert.equal(lines[1], '  img-many0011  "web-11"  created 2026-01-12T00:00:00Z');
                assert.equal(lines[10], '  img-many0002  "web-2"  created 2026-01-03T00:00:00Z');
                assert.equal(lines[11], "  … and 2 more");
                assert.match(lines[12], /Set mostRecent: true to take the newest, or tighten a filter/);
                assert.equal(lines.length, 13);
                assert.equal(err.imageIds.length, 12);
                return true;
            },
        );
    });

    it("lists all matches without a count line when there are at most 10", async () => {
        const backend = new FakeBackend([
            image({ imageId: "img-two00001" }),
            image({ imageId: "img-two00002" }),
        ]);
        await assert.rejects(
            getImage({ imageType: "PUBLIC_IMAGE" }, { backend, settings: SETTINGS }),
            (err: Error) => {
                assert.doesNotMatch(err.message, /more/);
                assert.equal(err.message.split("\n").length, 4);
                return true;
            },
        );
    });

    it("picks the newest with mostRecent (ties broken by image ID)", async () => {
        const backend = new FakeBackend([
            image({ imageId: "img-old00000", createdTime: "2025-06-01T00:00:00Z" }),
            image({ imageId: "img-tie0000b", createdTime: "2026-02-01T00:00:00Z" }),
            image({ imageId: "img-tie0000a", createdTime: "2026-02-01T00:00:00Z" }),
        ]);
        const found = await getImage(
            { imageType: "PUBLIC_IMAGE", mostRecent: true },
            { backend, settings: SETTINGS },
        );
        assert.equal(found.imageId, "img-tie0000a");
    });

    it("still fails with mostRecent when none matches", async () => {
        await assert.rejects(
            getImage(
                { mostRecent: true, imageIds: ["img-missing0"] },
                { backend: new FakeBackend([]), settings: SETTINGS },
            ),
            NoImageMatchedError,
        );
    });
});
