/**
 * getImages / getImage against the running emulator through the real client: server-side filters,
 * every page read, client-side filters, newest first, marketplace and shared-image guards.
 */
import { strict as assert } from "node:assert";
import { publicImageId } from "../../emulator/models/seed";
import { MAIN_ACCOUNT } from "../../emulator/accounts";
import { createImageBackend } from "../../provider/backend";
import type { ImageBackend } from "../../provider/backend/types";
import {
    getImage,
    getImages,
    MarketplaceRegionError,
    SeveralImagesMatchedError,
} from "../../provider/lookup";
import { useEmulator } from "./helpers/fixture";

describe("emulator: getImages / getImage through the client", function () {
    const f = useEmulator();
    let backend: ImageBackend;
    let calls: string[];
    const options = () => ({ backend, settings: { region: "ap-guangzhou", maxShareAccounts: 50 } });

    beforeEach(() => {
        calls = [];
        backend = createImageBackend(
            {
                region: "ap-guangzhou",
                endpoint: f.endpoint,
                secretId: MAIN_ACCOUNT.secretId,
                secretKey: MAIN_ACCOUNT.secretKey,
                maxShareAccounts: 50,
            },
            { rateLimit: false, onCall: (c) => calls.push(c.action) },
        );
    });

    it("picks the newest public Ubuntu x86_64 image", async () => {
        const image = await getImage(
            { imageType: "PUBLIC_IMAGE", platform: "ubuntu", architecture: "64-bit", mostRecent: true },
            options(),
        );
        // 24.04 x86_64 is the newest x86_64 Ubuntu; ARM images are 64-bit too but were made earlier.
        assert.equal(image.imageId, publicImageId("ubuntu-24.04-x86"));
        assert.equal(image.architecture, "x86_64");
    });

    it("lists every match newest first, and refuses to guess between several", async () => {
        const result = await getImages({ imageType: "PUBLIC_IMAGE", platform: "Ubuntu" }, options());
        assert.ok(result.images.length >= 5, `${result.images.length} Ubuntu images`);
        const times = result.images.map((i) => i.createdTime);
        assert.deepEqual([...times].sort().reverse(), times, "newest first");
        await assert.rejects(
            getImage({ imageType: "PUBLIC_IMAGE", platform: "Ubuntu" }, options()),
            (e: unknown) => e instanceof SeveralImagesMatchedError && /mostRecent/.test(e.message),
        );
    });

    it("shows shared-in images as SHARED_IMAGE and finds them by name", async () => {
        const shared = await getImages({ imageType: "SHARED_IMAGE", nameRegex: "^team-base" }, options());
        assert.ok(shared.images.length > 0);
        assert.ok(shared.images.every((i) => i.imageType === "SHARED_IMAGE"));
    });

    it("marketplace images: found in mainland China, a clear error elsewhere", async () => {
        const market = await getImages({ imageType: "MARKET_IMAGE" }, options());
        assert.ok(market.images.length > 0 && market.images.every((i) => i.imageType === "MARKET_IMAGE"));
        await assert.rejects(
            getImages({ region: "ap-singapore", imageType: "MARKET_IMAGE" }, options()),
            (e: unknown) => e instanceof MarketplaceRegionError && /mainland China/.test(e.message),
        );
    });
});

describe("emulator: getImages reads every page", function () {
    const builds = Array.from({ length: 250 }, (_, i) => ({
        accountId: MAIN_ACCOUNT.accountId,
        region: "ap-guangzhou",
        imageName: `build-${String(i).padStart(3, "0")}`,
        createdTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    const f = useEmulator({ seed: { imageQuota: 500, images: builds } });

    it("returns all 250 matches of a 100-per-page listing, and mostRecent picks the newest", async () => {
        const calls: string[] = [];
        const backend = createImageBackend(
            {
                endpoint: f.endpoint,
                secretId: MAIN_ACCOUNT.secretId,
                secretKey: MAIN_ACCOUNT.secretKey,
                maxShareAccounts: 50,
            },
            { rateLimit: false, onCall: (c) => calls.push(c.action) },
        );
        const options = { backend, settings: { region: "ap-guangzhou", maxShareAccounts: 50 } };
        const all = await getImages({ imageType: "PRIVATE_IMAGE", nameRegex: "^build-\\d{3}$" }, options);
        assert.equal(all.images.length, 250);
        assert.ok(calls.filter((a) => a === "DescribeImages").length >= 3, "three pages or more");
        const newest = await getImage(
            { imageType: "PRIVATE_IMAGE", nameRegex: "^build-", mostRecent: true },
            options,
        );
        assert.equal(newest.imageName, "build-249");
    });
});

describe("emulator: family lookups through the client", function () {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString();
    const own = (imageName: string, day: number, extra: Record<string, unknown> = {}) => ({
        accountId: MAIN_ACCOUNT.accountId,
        region: "ap-guangzhou",
        imageName,
        createdTime: at(day),
        ...extra,
    });
    const f = useEmulator({
        seed: {
            images: [
                own("web-1", 1, { imageFamily: "web" }),
                own("web-2", 2, { imageFamily: "web" }),
                own("web-3", 3, { imageFamily: "web", imageDeprecated: true }),
                own("api-1", 4, { imageFamily: "api" }),
                own("loose", 5),
            ],
        },
    });
    const options = () => ({
        backend: createImageBackend(
            {
                endpoint: f.endpoint,
                secretId: MAIN_ACCOUNT.secretId,
                secretKey: MAIN_ACCOUNT.secretKey,
                maxShareAccounts: 50,
            },
            { rateLimit: false },
        ),
        settings: { region: "ap-guangzhou", maxShareAccounts: 50 },
    });

    it("getImage({ family }) is the newest non-deprecated image of the family", async () => {
        const image = await getImage({ family: "web" }, options());
        assert.equal(image.imageName, "web-2");
        assert.deepEqual([image.family, image.deprecated], ["web", false]);
    });

    it("includeDeprecated lists the whole family; mostRecent then takes the deprecated newest", async () => {
        const all = await getImages({ family: "web", includeDeprecated: true }, options());
        assert.deepEqual(
            all.images.map((i) => [i.imageName, i.deprecated]),
            [
                ["web-3", true],
                ["web-2", false],
                ["web-1", false],
            ],
        );
    });

    it("mostRecent over own images passes deprecated ones over unless includeDeprecated", async () => {
        const args = { imageType: "PRIVATE_IMAGE" as const, nameRegex: "^web-", mostRecent: true };
        assert.equal((await getImage(args, options())).imageName, "web-2");
        assert.equal((await getImage({ ...args, includeDeprecated: true }, options())).imageName, "web-3");
    });

    it("a family without an available image matches nothing", async () => {
        assert.deepEqual((await getImages({ family: "db" }, options())).ids, []);
    });
});
