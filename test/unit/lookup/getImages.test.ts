import { strict as assert } from "node:assert";
import { getImages, settingsFromStackConfig } from "../../../provider/lookup/getImages";
import { LookupArgumentError } from "../../../provider/lookup/lookupArgs";
import { FakeBackend, image, SETTINGS } from "./fakeBackend";

const quiet = { warn: () => undefined };

describe("getImages (fake backend)", () => {
    it("sends image types, platform and tags as server-side filters, in the given region", async () => {
        const backend = new FakeBackend([]);
        await getImages(
            {
                region: "ap-shanghai",
                imageTypes: ["PUBLIC_IMAGE", "PRIVATE_IMAGE"],
                platform: "Ubuntu",
                tags: { a: "b" },
            },
            { backend, settings: SETTINGS, ...quiet },
        );
        assert.deepEqual(backend.calls, [
            {
                method: "listImages",
                region: "ap-shanghai",
                filter: {
                    imageTypes: ["PUBLIC_IMAGE", "PRIVATE_IMAGE"],
                    platform: "Ubuntu",
                    tags: { a: "b" },
                },
            },
        ]);
    });

    it("reads by ID alone when imageIds is given (the API refuses IDs with filters), filtering the rest here", async () => {
        const a = image({ imageId: "img-aaaaaaaa", imageType: "PRIVATE_IMAGE", tags: { a: "b" } });
        const b = image({ imageId: "img-bbbbbbbb", imageType: "PUBLIC_IMAGE", tags: { a: "b" } });
        const backend = new FakeBackend([a, b]);
        const result = await getImages(
            { imageIds: ["img-aaaaaaaa", "img-bbbbbbbb"], imageType: "PRIVATE_IMAGE", tags: { a: "b" } },
            { backend, settings: SETTINGS, ...quiet },
        );
        assert.deepEqual(backend.calls, [
            {
                method: "describeImagesByIds",
                region: "ap-guangzhou",
                imageIds: ["img-aaaaaaaa", "img-bbbbbbbb"],
            },
        ]);
        assert.deepEqual(result.ids, ["img-aaaaaaaa"]);
    });

    it("returns every match newest first, with region, images and ids", async () => {
        const images = Array.from({ length: 250 }, (_, n) =>
            image({
                imageId: `img-${String(n).padStart(8, "0")}`,
                createdTime: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString().replace(".000", ""),
            }),
        );
        const result = await getImages(
            {},
            { backend: new FakeBackend(images), settings: SETTINGS, ...quiet },
        );
        assert.equal(result.region, "ap-guangzhou");
        assert.equal(result.images.length, 250);
        assert.equal(result.ids[0], "img-00000249");
        assert.equal(result.ids[249], "img-00000000");
        assert.deepEqual(
            result.ids,
            result.images.map((i) => i.imageId),
        );
    });

    it("keeps only the newest with mostRecent", async () => {
        const backend = new FakeBackend([
            image({ imageId: "img-old00000", createdTime: "2025-01-01T00:00:00Z" }),
            image({ imageId: "img-new00000", createdTime: "2026-01-01T00:00:00Z" }),
        ]);
        const result = await getImages(
            { mostRecent: true, imageType: "PUBLIC_IMAGE" },
            { backend, settings: SETTINGS },
        );
        assert.deepEqual(result.ids, ["img-new00000"]);
    });

    describe("family and deprecation", () => {
        const own = (over: Parameters<typeof image>[0]) =>
            image({ imageType: "PRIVATE_IMAGE", imageCreator: "100000000001", ...over });
        const family = () => [
            own({ imageId: "img-fam00001", imageFamily: "web", createdTime: "2026-01-01T00:00:00Z" }),
            own({ imageId: "img-fam00002", imageFamily: "web", createdTime: "2026-01-02T00:00:00Z" }),
            own({
                imageId: "img-fam00003",
                imageFamily: "web",
                imageDeprecated: true,
                createdTime: "2026-01-03T00:00:00Z",
            }),
            own({ imageId: "img-other001", imageFamily: "api", createdTime: "2026-01-04T00:00:00Z" }),
            own({ imageId: "img-nofam001", createdTime: "2026-01-05T00:00:00Z" }),
        ];

        it("family: the image DescribeImageFromFamily answers (newest non-deprecated), one call", async () => {
            const backend = new FakeBackend(family());
            const result = await getImages({ family: "web" }, { backend, settings: SETTINGS });
            assert.deepEqual(result.ids, ["img-fam00002"]);
            assert.deepEqual([result.images[0].family, result.images[0].deprecated], ["web", false]);
            assert.deepEqual(backend.calls, [
                { method: "describeImageFromFamily", region: "ap-guangzhou", imageFamily: "web" },
            ]);
        });

        it("family: none when the family has no available image, or its image fails another argument", async () => {
            const backend = new FakeBackend(family());
            assert.deepEqual((await getImages({ family: "db" }, { backend, settings: SETTINGS })).ids, []);
            const other = await getImages(
                { family: "web", nameRegex: "^nope" },
                { backend, settings: SETTINGS },
            );
            assert.deepEqual(other.ids, []);
        });

        it("family with includeDeprecated: every image of the family, deprecated ones too", async () => {
            const backend = new FakeBackend(family());
            const result = await getImages(
                { family: "web", includeDeprecated: true },
                { backend, settings: SETTINGS },
            );
            assert.deepEqual(result.ids, ["img-fam00003", "img-fam00002", "img-fam00001"]);
            assert.equal(backend.calls[0].method, "listImages");
        });

        it("deprecated images are left out by default, so they never win mostRecent", async () => {
            const images = [
                own({ imageId: "img-old00001", createdTime: "2026-01-01T00:00:00Z" }),
                own({ imageId: "img-new00001", imageDeprecated: true, createdTime: "2026-02-01T00:00:00Z" }),
            ];
            const backend = new FakeBackend(images);
            const args = { imageType: "PRIVATE_IMAGE" as const, mostRecent: true };
            assert.deepEqual((await getImages(args, { backend, settings: SETTINGS })).ids, ["img-old00001"]);
            const all = await getImages(
                { ...args, includeDeprecated: true },
                { backend, settings: SETTINGS },
            );
            assert.deepEqual(all.ids, ["img-new00001"]);
            assert.equal(all.images[0].deprecated, true);
        });
    });

    it("returns an empty list, not an error, when nothing matches", async () => {
        const result = await getImages(
            { osName: "Windows" },
            { backend: new FakeBackend([image()]), settings: SETTINGS },
        );
        assert.deepEqual(result, { region: "ap-guangzhou", images: [], ids: [] });
    });

    it("fails with the region setting's names when no region is known", async () => {
        await assert.rejects(
            getImages({}, { backend: new FakeBackend([]), settings: { maxShareAccounts: 50 } }),
            /getImages: no region: pass region, or set tencentcloud-images:region .* or TENCENTCLOUD_REGION/,
        );
    });

    it("validates arguments before calling the backend", async () => {
        const backend = new FakeBackend([]);
        await assert.rejects(getImages({ nameRegex: "(" }, { backend, settings: SETTINGS }), (err: Error) => {
            assert.ok(err instanceof LookupArgumentError);
            assert.match(
                err.message,
                /^Invalid getImages arguments: nameRegex is not a valid regular expression/,
            );
            return true;
        });
        assert.deepEqual(backend.calls, []);
    });

    describe("outside a Pulumi program", () => {
        const saved = { ...process.env };
        afterEach(() => {
            for (const key of ["TENCENTCLOUD_REGION", "TENCENTCLOUD_IMAGES_MAX_SHARE_ACCOUNTS"]) {
                if (saved[key] === undefined) delete process.env[key];
                else process.env[key] = saved[key];
            }
        });

        it("takes the default region from TENCENTCLOUD_REGION", async () => {
            process.env.TENCENTCLOUD_REGION = "ap-tokyo";
            const backend = new FakeBackend([]);
            const result = await getImages({}, { backend });
            assert.equal(result.region, "ap-tokyo");
            assert.equal(backend.calls[0].region, "ap-tokyo");
        });

        it("reads stack config tencentcloud-images:<key> first, then the environment", () => {
            process.env.TENCENTCLOUD_REGION = "ap-tokyo";
            const asked: string[] = [];
            const config = {
                get: (key: string) => {
                    asked.push(key);
                    return key === "maxShareAccounts" ? "7" : undefined;
                },
            };
            const settings = settingsFromStackConfig(config);
            assert.equal(settings.region, "ap-tokyo");
            assert.equal(settings.maxShareAccounts, 7);
            assert.ok(asked.includes("region") && asked.includes("secretKey"), asked.join(","));
            const stack = settingsFromStackConfig({
                get: (key) => (key === "region" ? "ap-seoul" : undefined),
            });
            assert.equal(stack.region, "ap-seoul");
        });

        it("reports a bad setting from the environment by its name", async () => {
            process.env.TENCENTCLOUD_IMAGES_MAX_SHARE_ACCOUNTS = "many";
            await assert.rejects(
                getImages({ region: "ap-tokyo" }),
                /setting "maxShareAccounts" \(stack config tencentcloud-images:maxShareAccounts or env TENCENTCLOUD_IMAGES_MAX_SHARE_ACCOUNTS\)/,
            );
        });
    });
});
