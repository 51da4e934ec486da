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
