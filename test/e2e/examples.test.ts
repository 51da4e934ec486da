import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import type { Image } from "../../provider/backend/types";
import { exampleStack as exampleStackOf } from "./harness/exampleStack";
import { createImagesSandbox, HOME_REGION, ImagesSandbox } from "./harness/imagesSandbox";
import { REPO_ROOT } from "../../scripts/lib/installPackage";
import { MUTATING_ACTIONS } from "./harness/mutatingActions";

/** The API actions that change something at the service. */

// Every example under examples/ (image-pipeline in imagePipeline.test.ts, which needs its own quota) run as it is (its index.ts, importing "pulumi-tencentcloud-images" by
// name) through the real engine against the emulator. Each example's index.ts is copied into the
// sandbox project, whose node_modules holds the packed package, so the import resolves as in a
// user's project; the program runs inline (the CLI has no Node.js language host here).
describe("examples under the real engine", function () {
    let sandbox: ImagesSandbox;
    const instanceId = seededInstanceId(MAIN_ACCOUNT.accountId, HOME_REGION, "web-1");
    const shareAccounts = [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId];

    const exampleStack = (name: string, config: Record<string, string> = {}): Promise<Stack> =>
        exampleStackOf(sandbox, name, config);

    /** The main account's own custom images, per region. */
    async function ownImageIds(regions: string[]): Promise<Map<string, string[]>> {
        const result = new Map<string, string[]>();
        for (const region of regions) {
            const list = await sandbox.api.listImages(region, { imageTypes: ["PRIVATE_IMAGE"] });
            result.set(
                region,
                list.map((i) => i.imageId),
            );
        }
        return result;
    }

    /** The newest public Ubuntu x86_64 image of the home region, found without the lookup code. */
    async function newestUbuntu(): Promise<Image> {
        const all = await sandbox.api.listImages(HOME_REGION, { imageTypes: ["PUBLIC_IMAGE"] });
        const ubuntu = all
            .filter(
                (i) => /ubuntu/i.test(i.platform) && i.architecture === "x86_64" && i.imageState === "NORMAL",
            )
            .sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
        assert.ok(ubuntu.length > 1, "the emulator seeds several public Ubuntu x86_64 images");
        return ubuntu[0];
    }

    before(async () => {
        sandbox = await createImagesSandbox("examples");
    });
    after(async () => sandbox?.dispose());

    it("every example folder has index.ts, Pulumi.yaml, package.json naming the package, and a README", () => {
        const examples = fs
            .readdirSync(path.join(REPO_ROOT, "examples"), { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name)
            .sort();
        // ci is run by ciPipelines.test.ts, with the pipelines that gate on it.
        assert.deepEqual(examples, [
            "ci",
            "golden-image",
            "image-pipeline",
            "latest-ubuntu",
            "plan-guard",
            "quickstart",
        ]);
        for (const name of examples) {
            const dir = path.join(REPO_ROOT, "examples", name);
            for (const file of ["index.ts", "Pulumi.yaml", "package.json", "README.md"]) {
                assert.ok(fs.existsSync(path.join(dir, file)), `examples/${name}/${file}`);
            }
            const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
                dependencies: Record<string, string>;
            };
            assert.ok(manifest.dependencies["pulumi-tencentcloud-images"], `${name} depends on the package`);
            assert.ok(manifest.dependencies["@pulumi/pulumi"], `${name} depends on @pulumi/pulumi`);
            assert.match(
                fs.readFileSync(path.join(dir, "index.ts"), "utf8"),
                /from "pulumi-tencentcloud-images"/,
                `${name} imports the package by name`,
            );
        }
    });

    it("quickstart: preview, up (image, two copies, two shares), outputs, destroy", async () => {
        const regions = [HOME_REGION, "ap-shanghai", "ap-singapore"];
        const before = await ownImageIds(regions);
        const stack = await exampleStack("quickstart", { instanceId });

        const preview = await stack.preview();
        assert.deepEqual(preview.changeSummary, { create: 4 });

        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const outputs = up.outputs;
        const imageId = outputs.imageId.value as string;
        assert.match(imageId, /^img-[a-z0-9]{8}$/);
        assert.equal(outputs.region.value, HOME_REGION);
        assert.equal(outputs.imageState.value, "NORMAL");
        const copies = outputs.copyImageIds.value as Record<string, string>;
        assert.deepEqual(Object.keys(copies).sort(), ["ap-shanghai", "ap-singapore"]);
        assert.deepEqual([...(outputs.sharedWith.value as string[])].sort(), shareAccounts);

        const [image] = await sandbox.api.describeImagesByIds(HOME_REGION, [imageId]);
        assert.equal(image.imageName, "quickstart-web");
        for (const [region, copyId] of Object.entries(copies)) {
            const [copy] = await sandbox.api.describeImagesByIds(region, [copyId]);
            assert.equal(copy?.imageState, "NORMAL", `copy in ${region}`);
        }
        const shares = await sandbox.api.describeSharePermission(HOME_REGION, imageId);
        assert.deepEqual(shares.map((s) => s.accountId).sort(), shareAccounts);
        assert.deepEqual((await stack.preview()).changeSummary, { same: 4 });

        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(await ownImageIds(regions), before, "destroy leaves no image behind");
    });

    it("golden-image: an imported image copied to three regions and shared in each, plus the base image", async () => {
        const regions = [HOME_REGION, "ap-shanghai", "ap-singapore", "ap-tokyo"];
        const before = await ownImageIds(regions);
        const stack = await exampleStack("golden-image");

        const preview = await stack.preview();
        assert.deepEqual(preview.changeSummary, { create: 7 }, "stack, image, copy, four shares");

        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const outputs = up.outputs;
        const imageId = outputs.goldenImageId.value as string;
        assert.match(imageId, /^img-[a-z0-9]{8}$/);
        assert.equal(outputs.goldenRegion.value, HOME_REGION);
        const [image] = await sandbox.api.describeImagesByIds(HOME_REGION, [imageId]);
        assert.equal(image.imageSource, "EXTERNAL_IMPORT");
        assert.equal(image.imageState, "NORMAL");
        const copies = outputs.goldenCopies.value as Record<string, string>;
        assert.deepEqual(Object.keys(copies).sort(), ["ap-shanghai", "ap-singapore", "ap-tokyo"]);
        assert.deepEqual([...(outputs.sharedWith.value as string[])].sort(), shareAccounts);
        const copyShares = outputs.copiesSharedWith.value as Record<string, string[]>;
        for (const [region, copyId] of Object.entries(copies)) {
            assert.deepEqual([...copyShares[region]].sort(), shareAccounts, `shares reported in ${region}`);
            const shares = await sandbox.api.describeSharePermission(region, copyId);
            assert.deepEqual(
                shares.map((s) => s.accountId).sort(),
                shareAccounts,
                `shares held in ${region}`,
            );
        }
        const base = await newestUbuntu();
        assert.equal(outputs.baseImageId.value, base.imageId);
        assert.equal(outputs.baseImageName.value, base.imageName);

        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(await ownImageIds(regions), before, "destroy leaves no image behind");
    });

    it("plan-guard: the preview fails with the quota message, and nothing is changed", async () => {
        const before = await ownImageIds([HOME_REGION]);
        assert.deepEqual(before.get(HOME_REGION), [], "the main account starts with no custom images");
        const stack = await exampleStack("plan-guard", { instanceId });
        sandbox.emulator.controls.clearCalls();

        await assert.rejects(
            () => stack.preview(),
            (err: Error) => {
                if (process.env.E2E_TRANSCRIPT) console.log(err.message);
                assert.match(
                    err.message,
                    /region ap-guangzhou would hold 11 custom images but its quota is 10/,
                    "the quota message names the region, the total and the quota",
                );
                return true;
            },
        );
        const calls = sandbox.emulator.controls.callLog();
        assert.ok(calls.length > 0, "the preview read live facts from the service");
        assert.deepEqual(
            calls.filter((c) => c.action && MUTATING_ACTIONS.has(c.action)).map((c) => c.action),
            [],
            "no mutating call",
        );
        assert.deepEqual(await ownImageIds([HOME_REGION]), before);

        // Within the quota, the same program plans cleanly.
        await stack.setConfig("count", { value: "10" });
        assert.deepEqual((await stack.preview()).changeSummary, { create: 11 });
    });

    it("latest-ubuntu: up exports the newest public Ubuntu x86_64 image", async () => {
        const stack = await exampleStack("latest-ubuntu");
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const base = await newestUbuntu();
        assert.equal(up.outputs.imageId.value, base.imageId);
        assert.equal(up.outputs.imageName.value, base.imageName);
        assert.equal(up.outputs.region.value, HOME_REGION);
        await stack.destroy();
    });
});
