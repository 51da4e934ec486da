import * as assert from "node:assert/strict";
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import type { Image } from "../../provider/backend/types";
import { createImagesSandbox, HOME_REGION, ImagesPackage, ImagesSandbox } from "./harness/imagesSandbox";

// The full lifecycle of the three resources under the real engine, against the emulator, with the
// package installed as users install it.
describe("CustomImage, ImageShare and ImageCopy: full lifecycle", function () {
    let sandbox: ImagesSandbox;
    const instanceId = seededInstanceId(MAIN_ACCOUNT.accountId, HOME_REGION, "web-1");
    const otherInstanceId = seededInstanceId(MAIN_ACCOUNT.accountId, HOME_REGION, "db-1");
    const allRegions = ["ap-guangzhou", "ap-shanghai", "ap-singapore", "ap-tokyo"];
    let imagesBefore: Map<string, Set<string>>;

    /** The main account's own images, per region. */
    async function ownImages(): Promise<Map<string, Image[]>> {
        const result = new Map<string, Image[]>();
        for (const region of allRegions) {
            result.set(region, await sandbox.api.listImages(region, { imageTypes: ["PRIVATE_IMAGE"] }));
        }
        return result;
    }

    interface Shape {
        imageName: string;
        regions: string[];
        accounts: string[];
        instance?: string;
    }
    const program = (shape: Shape) => (images: ImagesPackage) => {
        const web = new images.CustomImage("web", {
            imageName: shape.imageName,
            description: "web tier",
            source: { instanceId: shape.instance ?? instanceId },
            tags: { team: "web" },
        });
        const copies = new images.ImageCopy("web-copies", {
            sourceImageId: web.imageId,
            sourceRegion: web.region,
            destinationRegions: shape.regions,
        });
        const share = new images.ImageShare("web-share", {
            imageId: web.imageId,
            region: web.region,
            accountIds: shape.accounts,
        });
        return {
            imageId: web.imageId,
            imageState: web.imageState,
            copies: copies.images,
            copyStates: copies.imageStates,
            shared: share.sharedAccountIds,
        };
    };
    const v1: Shape = {
        imageName: "web-2026-11",
        regions: ["ap-shanghai", "ap-singapore"],
        accounts: [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId],
    };

    before(async () => {
        sandbox = await createImagesSandbox("lifecycle");
        imagesBefore = new Map(
            [...(await ownImages())].map(([r, list]) => [r, new Set(list.map((i) => i.imageId))]),
        );
    });
    after(async () => sandbox?.dispose());

    it("creates all three, and a second preview shows no changes", async () => {
        const stack = await sandbox.stack("dev", program(v1));
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 4);
        const outputs = up.outputs;
        const imageId = outputs.imageId.value as string;
        assert.match(imageId, /^img-[a-z0-9]{8}$/);
        assert.equal(outputs.imageState.value, "NORMAL");
        const copies = outputs.copies.value as Record<string, string>;
        assert.deepEqual(Object.keys(copies).sort(), ["ap-shanghai", "ap-singapore"]);
        assert.deepEqual(outputs.copyStates.value, { "ap-shanghai": "NORMAL", "ap-singapore": "NORMAL" });
        assert.deepEqual([...(outputs.shared.value as string[])].sort(), v1.accounts);

        // What the service holds agrees with the outputs.
        const [image] = await sandbox.api.describeImagesByIds(HOME_REGION, [imageId]);
        assert.equal(image.imageName, "web-2026-11");
        assert.equal(image.tags.team, "web");
        for (const [region, copyId] of Object.entries(copies)) {
            const [copy] = await sandbox.api.describeImagesByIds(region, [copyId]);
            assert.equal(copy?.imageState, "NORMAL", `copy in ${region}`);
            // ImageCopy.tags is not set: every copy carries the source image's tags.
            assert.equal(copy?.tags.team, "web", `the source's tags on the copy in ${region}`);
        }
        const shares = await sandbox.api.describeSharePermission(HOME_REGION, imageId);
        assert.deepEqual(shares.map((s) => s.accountId).sort(), v1.accounts);

        // The stored provider is a small require of the installed package: no credential, no config.
        const state = sandbox.engine.stateText("dev");
        assert.ok(
            !state.includes(sandbox.providerEnv.TENCENTCLOUD_SECRET_KEY),
            "the secret key is not in the state",
        );
        const deployment = JSON.parse(state).checkpoint.latest;
        const dynamic = deployment.resources.filter((r: { type: string }) =>
            r.type.startsWith("pulumi-nodejs:dynamic"),
        );
        assert.equal(dynamic.length, 3);
        for (const resource of dynamic) {
            const provider = resource.outputs.__provider;
            assert.equal(
                typeof provider,
                "string",
                `${resource.urn}: __provider is plain text, not a secret`,
            );
            assert.match(
                provider,
                /require\("pulumi-tencentcloud-images\/dist\/provider\/resources\/handlers\.js"\)/,
            );
            assert.ok(provider.length < 4096, `${resource.urn}: __provider is ${provider.length} characters`);
            assert.ok(
                !provider.includes(sandbox.providerEnv.TENCENTCLOUD_SECRET_ID),
                "no key ID in the provider",
            );
            assert.ok(!provider.includes(sandbox.emulator.endpoint), "no endpoint in the provider");
        }

        const preview = await stack.preview();
        assert.deepEqual(preview.changeSummary, { same: 4 });
    });

    it("renames in place, adds a copy region and removes a share account, touching nothing else", async () => {
        const stack = await sandbox.stack("dev", program(v1));
        const old = (await stack.outputs()).copies.value as Record<string, string>;
        const v2: Shape = {
            imageName: "web-2026-12",
            regions: ["ap-shanghai", "ap-singapore", "ap-tokyo"],
            accounts: [SECOND_ACCOUNT.accountId],
        };
        const stack2 = await sandbox.stack("dev", program(v2));
        const preview = await stack2.preview();
        assert.deepEqual(preview.changeSummary, { same: 1, update: 3 });
        const up = await stack2.up();
        assert.deepEqual(up.summary.resourceChanges, { same: 1, update: 3 });
        const copies = up.outputs.copies.value as Record<string, string>;
        assert.equal(copies["ap-shanghai"], old["ap-shanghai"], "existing copies are kept");
        assert.equal(copies["ap-singapore"], old["ap-singapore"]);
        assert.match(copies["ap-tokyo"], /^img-/);
        const imageId = up.outputs.imageId.value as string;
        const [image] = await sandbox.api.describeImagesByIds(HOME_REGION, [imageId]);
        assert.equal(image.imageName, "web-2026-12");
        const shares = await sandbox.api.describeSharePermission(HOME_REGION, imageId);
        assert.deepEqual(
            shares.map((s) => s.accountId),
            [SECOND_ACCOUNT.accountId],
        );
    });

    it("refresh sees out-of-band changes, and up puts them right", async () => {
        const v2: Shape = {
            imageName: "web-2026-12",
            regions: ["ap-shanghai", "ap-singapore", "ap-tokyo"],
            accounts: [SECOND_ACCOUNT.accountId],
        };
        const stack = await sandbox.stack("dev", program(v2));
        const outputs = await stack.outputs();
        const imageId = outputs.imageId.value as string;
        const copies = outputs.copies.value as Record<string, string>;

        // Out of band: a copy deleted, a share cancelled, the image renamed.
        await sandbox.api.deleteImages("ap-tokyo", [copies["ap-tokyo"]]);
        await sandbox.api.modifySharePermission(HOME_REGION, imageId, [SECOND_ACCOUNT.accountId], "CANCEL");
        await sandbox.api.modifyImageAttribute(HOME_REGION, imageId, { imageName: "renamed-by-hand" });

        const refresh = await stack.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        assert.equal(refresh.summary.resourceChanges?.update, 3, "refresh records all three drifts");
        const refreshed = await stack.exportStack();
        const byType = (t: string) =>
            refreshed.deployment.resources.find((r: { type: string }) => r.type.endsWith(t)).outputs;
        assert.equal(byType("CustomImage").imageName, "renamed-by-hand");
        assert.deepEqual(Object.keys(byType("ImageCopy").images).sort(), ["ap-shanghai", "ap-singapore"]);
        assert.deepEqual(byType("ImageShare").sharedAccountIds, []);

        const preview = await stack.preview();
        assert.equal(preview.changeSummary.update, 3, "the next preview puts all three back");
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const [image] = await sandbox.api.describeImagesByIds(HOME_REGION, [imageId]);
        assert.equal(image.imageName, "web-2026-12");
        const recopied = up.outputs.copies.value as Record<string, string>;
        assert.match(recopied["ap-tokyo"], /^img-/);
        assert.notEqual(recopied["ap-tokyo"], copies["ap-tokyo"]);
        const shares = await sandbox.api.describeSharePermission(HOME_REGION, imageId);
        assert.deepEqual(
            shares.map((s) => s.accountId),
            [SECOND_ACCOUNT.accountId],
        );
        assert.deepEqual((await stack.preview()).changeSummary, { same: 4 });
    });

    it("replaces the image when its source changes, and updates another resource in place", async () => {
        const v3: Shape = {
            imageName: "web-2026-12",
            regions: ["ap-shanghai", "ap-singapore", "ap-tokyo"],
            accounts: [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId],
            instance: otherInstanceId,
        };
        const stack = await sandbox.stack("dev", program(v3));
        const oldId = (await stack.outputs()).imageId.value as string;
        const lines: string[] = [];
        const preview = await stack.preview({ diff: true, onOutput: (s) => lines.push(s) });
        assert.equal(preview.changeSummary.replace, 3, "the image, and the copy and share that name it");
        const up = await stack.up({ onOutput: (s) => lines.push(s) });
        assert.equal(up.summary.result, "succeeded");
        const newId = up.outputs.imageId.value as string;
        assert.notEqual(newId, oldId);
        assert.deepEqual(
            await sandbox.api.describeImagesByIds(HOME_REGION, [oldId]),
            [],
            "the old image is gone",
        );
        if (process.env.E2E_TRANSCRIPT) console.log(lines.join(""));
    });

    it("destroy leaves nothing this stack made", async () => {
        const stack = await sandbox.stack("dev", program(v1));
        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        const after = await ownImages();
        for (const [region, list] of after) {
            const made = list.filter((i) => !imagesBefore.get(region)!.has(i.imageId));
            assert.deepEqual(
                made.map((i) => `${i.imageId} ${i.imageName}`),
                [],
                `left behind in ${region}`,
            );
        }
    });
});

// Image families and deprecation under the real engine: family and deprecated set and changed in
// place, copies carrying the source's family, and getImages({ family }) in the program picking the
// family's newest non-deprecated image. A lookup runs when the program starts, so each `up` reports
// what the one before it left.
describe("image families and deprecation: full lifecycle", function () {
    let sandbox: ImagesSandbox;
    const instanceId = seededInstanceId(MAIN_ACCOUNT.accountId, HOME_REGION, "web-1");
    const COPY_REGION = "ap-shanghai";

    interface Build {
        n: number;
        family: string;
        deprecated?: boolean;
    }
    const program = (builds: Build[]) => (images: ImagesPackage) => {
        const made = builds.map(
            (b) =>
                new images.CustomImage(`build-${b.n}`, {
                    imageName: `fam-build-${b.n}`,
                    source: { instanceId },
                    family: b.family,
                    deprecated: b.deprecated,
                }),
        );
        const copies = new images.ImageCopy("build-1-copies", {
            sourceImageId: made[0].imageId,
            sourceRegion: made[0].region,
            destinationRegions: [COPY_REGION],
        });
        return {
            ids: made.map((m) => m.imageId),
            families: made.map((m) => m.family),
            deprecated: made.map((m) => m.deprecated),
            copies: copies.images,
            latest: images.getImagesOutput({ family: "web" }).ids,
            latestInCopyRegion: images.getImagesOutput({ region: COPY_REGION, family: "web" }).ids,
        };
    };
    const live = async (region: string, imageId: string) => {
        const [image] = await sandbox.api.describeImagesByIds(region, [imageId]);
        assert.ok(image, `${imageId} exists in ${region}`);
        return { family: image.imageFamily ?? "", deprecated: image.imageDeprecated === true };
    };

    before(async () => {
        sandbox = await createImagesSandbox("families");
    });
    after(async () => sandbox?.dispose());

    it("sets the family at creation; the copies join it; the family lookup picks the newest good build", async () => {
        const v1 = [{ n: 1, family: "web" }];
        const up1 = await (await sandbox.stack("dev", program(v1))).up();
        assert.equal(up1.summary.resourceChanges?.create, 3);
        assert.deepEqual(up1.outputs.latest.value, [], "nothing in the family before the first up");
        const [build1] = up1.outputs.ids.value as string[];
        assert.deepEqual(up1.outputs.families.value, ["web"]);
        assert.deepEqual(up1.outputs.deprecated.value, [false]);
        assert.deepEqual(await live(HOME_REGION, build1), { family: "web", deprecated: false });
        const copy = (up1.outputs.copies.value as Record<string, string>)[COPY_REGION];
        assert.deepEqual(await live(COPY_REGION, copy), { family: "web", deprecated: false });

        // A second build in the family; the lookup now sees what up1 made, in both regions.
        const v2 = [...v1, { n: 2, family: "web" }];
        const stack2 = await sandbox.stack("dev", program(v2));
        const up2 = await stack2.up();
        assert.deepEqual(up2.summary.resourceChanges, { same: 3, create: 1 });
        assert.deepEqual(up2.outputs.latest.value, [build1]);
        assert.deepEqual(
            up2.outputs.latestInCopyRegion.value,
            [copy],
            "the family exists where it was copied",
        );
        const [, build2] = up2.outputs.ids.value as string[];
        assert.deepEqual(await live(HOME_REGION, build2), { family: "web", deprecated: false });
        assert.deepEqual((await stack2.preview()).changeSummary, { same: 4 });
    });

    it("deprecates a build and moves another out of the family in place; the lookup passes them over", async () => {
        const v2 = [
            { n: 1, family: "web" },
            { n: 2, family: "web" },
        ];
        const [build1, build2] = (await (await sandbox.stack("dev", program(v2))).outputs()).ids
            .value as string[];

        const v3 = [
            { n: 1, family: "web" },
            { n: 2, family: "web", deprecated: true },
        ];
        const stack3 = await sandbox.stack("dev", program(v3));
        assert.deepEqual((await stack3.preview()).changeSummary, { same: 3, update: 1 });
        const up3 = await stack3.up();
        assert.deepEqual(up3.summary.resourceChanges, { same: 3, update: 1 });
        assert.deepEqual(up3.outputs.latest.value, [build2], "build 2 was the newest before this up");
        assert.deepEqual(up3.outputs.ids.value, [build1, build2], "updated in place, not replaced");
        assert.deepEqual(up3.outputs.deprecated.value, [false, true]);
        assert.deepEqual(await live(HOME_REGION, build2), { family: "web", deprecated: true });

        const v4 = [
            { n: 1, family: "web-old" },
            { n: 2, family: "web", deprecated: true },
        ];
        const up4 = await (await sandbox.stack("dev", program(v4))).up();
        assert.deepEqual(up4.summary.resourceChanges, { same: 3, update: 1 });
        assert.deepEqual(
            up4.outputs.latest.value,
            [build1],
            "build 2 is deprecated: build 1 is the family's",
        );
        assert.deepEqual(up4.outputs.families.value, ["web-old", "web"]);
        assert.deepEqual(await live(HOME_REGION, build1), { family: "web-old", deprecated: false });

        const stack5 = await sandbox.stack("dev", program(v4));
        const up5 = await stack5.up();
        assert.deepEqual(up5.outputs.latest.value, [], "no good build is left in the family");
        assert.deepEqual((await stack5.preview()).changeSummary, { same: 4 });
    });

    it("refresh sees a family or deprecation changed outside Pulumi, and up puts it back", async () => {
        const v4 = [
            { n: 1, family: "web-old" },
            { n: 2, family: "web", deprecated: true },
        ];
        const stack = await sandbox.stack("dev", program(v4));
        const [, build2] = (await stack.outputs()).ids.value as string[];
        await sandbox.api.modifyImageAttribute(HOME_REGION, build2, {
            imageDeprecated: false,
            imageFamily: "",
        });
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.resourceChanges?.update, 1);
        assert.deepEqual((await stack.preview()).changeSummary, { same: 3, update: 1 });
        await stack.up();
        assert.deepEqual(await live(HOME_REGION, build2), { family: "web", deprecated: true });
        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
    });
});
