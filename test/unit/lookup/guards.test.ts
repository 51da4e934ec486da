import { strict as assert } from "node:assert";
import { getImage } from "../../../provider/lookup/getImage";
import { getImages } from "../../../provider/lookup/getImages";
import { MarketplaceRegionError } from "../../../provider/lookup/guards";
import { GetImagesArgs } from "../../../provider/lookup/lookupArgs";
import { FakeBackend, image, SETTINGS } from "./fakeBackend";

/** The warnings getImage gives for `args` (the fake holds one matching image). */
async function warningsFor(args: GetImagesArgs): Promise<string[]> {
    const warnings: string[] = [];
    const backend = new FakeBackend([image({ imageId: "img-shared01", imageType: "SHARED_IMAGE" })]);
    await getImage(args, { backend, settings: SETTINGS, warn: (m) => warnings.push(m) }).catch(
        () => undefined,
    );
    return warnings;
}

describe("lookup guards", () => {
    describe("mostRecent over shared images", () => {
        it("warns when no image type is given (shared images included) and no name or ID constraint", async () => {
            const warnings = await warningsFor({ mostRecent: true, platform: "Ubuntu" });
            assert.equal(warnings.length, 1);
            assert.match(
                warnings[0],
                /^getImage: mostRecent may pick a shared image \(no imageTypes were given/,
            );
            assert.match(
                warnings[0],
                /not reviewed by Tencent Cloud and any account can share an image with you/,
            );
            assert.match(warnings[0], /allowUnsafeMostRecent: true/);
        });

        it("warns when SHARED_IMAGE is asked for explicitly", async () => {
            const warnings = await warningsFor({
                mostRecent: true,
                imageTypes: ["PRIVATE_IMAGE", "SHARED_IMAGE"],
            });
            assert.equal(warnings.length, 1);
            assert.match(warnings[0], /imageTypes includes SHARED_IMAGE/);
        });

        const safe: [string, GetImagesArgs][] = [
            ["without mostRecent", { imageType: "SHARED_IMAGE" }],
            ["with nameRegex", { mostRecent: true, nameRegex: "^web-" }],
            ["with imageIds", { mostRecent: true, imageIds: ["img-shared01"] }],
            ["with allowUnsafeMostRecent", { mostRecent: true, allowUnsafeMostRecent: true }],
            [
                "when shared images are left out",
                { mostRecent: true, imageTypes: ["PUBLIC_IMAGE", "PRIVATE_IMAGE"] },
            ],
        ];
        for (const [when, args] of safe) {
            it(`is silent ${when}`, async () => {
                assert.deepEqual(await warningsFor(args), []);
            });
        }

        it("warns through getImages too, on console.warn outside a Pulumi program", async () => {
            const original = console.warn;
            const seen: unknown[] = [];
            console.warn = (...args: unknown[]) => void seen.push(...args);
            try {
                await getImages({ mostRecent: true }, { backend: new FakeBackend([]), settings: SETTINGS });
            } finally {
                console.warn = original;
            }
            assert.equal(seen.length, 1);
            assert.match(String(seen[0]), /^getImages: mostRecent may pick a shared image/);
        });
    });

    describe("marketplace images", () => {
        it("are refused outside mainland China, listing the mainland regions, before any call", async () => {
            const backend = new FakeBackend([]);
            await assert.rejects(
                getImages(
                    { region: "ap-singapore", imageTypes: ["PUBLIC_IMAGE", "MARKET_IMAGE"] },
                    { backend, settings: SETTINGS },
                ),
                (err: Error) => {
                    assert.ok(err instanceof MarketplaceRegionError);
                    assert.equal(
                        err.message,
                        "getImages: marketplace images (MARKET_IMAGE) exist only in mainland China regions " +
                            "(ap-guangzhou, ap-shanghai, ap-nanjing, ap-beijing, ap-chengdu, ap-chongqing, " +
                            "ap-shanghai-fsi, ap-shenzhen-fsi); ap-singapore is not one. Search a mainland China " +
                            "region, or drop MARKET_IMAGE from imageTypes.",
                    );
                    return true;
                },
            );
            assert.deepEqual(backend.calls, []);
        });

        it("are refused when the default region is outside mainland China", async () => {
            await assert.rejects(
                getImage(
                    { imageType: "MARKET_IMAGE" },
                    {
                        backend: new FakeBackend([]),
                        settings: { region: "eu-frankfurt", maxShareAccounts: 50 },
                    },
                ),
                /getImage: marketplace images .* eu-frankfurt is not one/,
            );
        });

        it("are found in a mainland region, including a finance region", async () => {
            for (const region of ["ap-guangzhou", "ap-shenzhen-fsi"]) {
                const backend = new FakeBackend([
                    image({ imageId: "img-market01", imageType: "MARKET_IMAGE" }),
                ]);
                const found = await getImage(
                    { region, imageType: "MARKET_IMAGE" },
                    { backend, settings: SETTINGS },
                );
                assert.equal(found.imageId, "img-market01");
                assert.equal(found.region, region);
            }
        });

        it("do not block a lookup that does not ask for them outside mainland China", async () => {
            const backend = new FakeBackend([image({ imageId: "img-public01" })]);
            const result = await getImages({ region: "ap-singapore" }, { backend, settings: SETTINGS });
            assert.deepEqual(result.ids, ["img-public01"]);
        });
    });
});
