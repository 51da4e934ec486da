import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { MAIN_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import type { Image } from "../../provider/backend/types";
import { createImagesSandbox, HOME_REGION, ImagesSandbox } from "./harness/imagesSandbox";
import { exampleStack } from "./harness/exampleStack";
import { MUTATING_ACTIONS } from "./harness/mutatingActions";

// Issue 13: examples/image-pipeline run as it is, build after build, under the real engine against
// the emulator with a quota of 5 custom images per region. One image per build in family web, copied
// to two regions and shared; an ImageRetention per region keeps the newest 3 older images.
describe("examples/image-pipeline: six builds with a quota of 5 per region", function () {
    const QUOTA = 5;
    const COPY_REGIONS = ["ap-shanghai", "ap-singapore"];
    const REGIONS = [HOME_REGION, ...COPY_REGIONS];
    const instanceId = seededInstanceId(MAIN_ACCOUNT.accountId, HOME_REGION, "web-1");
    let sandbox: ImagesSandbox;
    let stack: Stack;
    /** Build number → its image in the home region. */
    const built = new Map<number, string>();

    async function ownImages(region: string): Promise<Image[]> {
        return sandbox.api.listImages(region, { imageTypes: ["PRIVATE_IMAGE"] });
    }
    async function familyNames(region: string): Promise<string[]> {
        return (await ownImages(region))
            .filter((i) => i.imageFamily === "web")
            .map((i) => i.imageName)
            .sort();
    }
    function mutatingCalls(): string[] {
        return sandbox.emulator.controls
            .callLog()
            .filter((c) => MUTATING_ACTIONS.has(c.action ?? ""))
            .map((c) => c.action ?? "");
    }
    /**
     * A preview's output (diff shown), the diagnostics the engine got (the provider's stdout lines
     * become info diagnostics of the stack), and the mutating calls it made.
     */
    async function preview(): Promise<{ output: string; diagnostics: string; mutated: string[] }> {
        sandbox.emulator.controls.clearCalls();
        const lines: string[] = [];
        const diagnostics: string[] = [];
        await stack.preview({
            diff: true,
            onOutput: (s) => lines.push(s),
            onEvent: (event) => {
                if (event.diagnosticEvent) diagnostics.push(event.diagnosticEvent.message);
            },
        });
        return { output: lines.join(""), diagnostics: diagnostics.join(""), mutated: mutatingCalls() };
    }
    async function up(build: number): Promise<void> {
        await stack.setConfig("build", { value: String(build) });
        const result = await stack.up();
        assert.equal(result.summary.result, "succeeded", `build ${build}`);
        built.set(build, result.outputs.imageId.value as string);
        for (const region of REGIONS) {
            const count = (await ownImages(region)).length;
            assert.ok(count <= QUOTA, `after build ${build}, ${region} holds ${count} custom images`);
        }
        const refused = sandbox.emulator.controls
            .callLog()
            .filter((c) => c.outcome === "error" && /Quota|Limit/i.test(c.code ?? ""));
        assert.deepEqual(refused, [], `build ${build}: no call was refused for the quota`);
    }

    before(async () => {
        sandbox = await createImagesSandbox("pipeline", { seed: { imageQuota: QUOTA } });
        stack = await exampleStack(sandbox, "image-pipeline", { instanceId });
    });
    after(async () => sandbox?.dispose());

    it("builds 1-4: every build adds its image and copies; nothing is deleted while 3 or fewer older ones exist", async () => {
        for (const build of [1, 2, 3, 4]) {
            await up(build);
            if (build === 2) {
                // An instance now runs build 2's image: the retention must spare it.
                sandbox.emulator.controls.runInstance({
                    accountId: MAIN_ACCOUNT.accountId,
                    region: HOME_REGION,
                    imageId: built.get(2)!,
                    instanceName: "runs-build-2",
                });
            }
        }
        const all = ["web-1", "web-2", "web-3", "web-4"];
        for (const region of REGIONS) assert.deepEqual(await familyNames(region), all, region);
    });

    it("build 5 preview --diff lists what each retention deletes and why, prints the headroom, mutates nothing", async () => {
        await stack.setConfig("build", { value: "5" });
        const { output, diagnostics, mutated } = await preview();
        assert.deepEqual(mutated, [], "no mutating call");
        const b1 = built.get(1)!;
        assert.match(output, new RegExp(`delete ${b1} 'web-1' \\(created [^)]+\\): older than the newest 3`));
        assert.match(output, /keep img-[a-z0-9]{8} 'web-4' \(created [^)]+\): one of the newest 3/);
        assert.match(
            diagnostics,
            /ap-guangzhou: 4 of 5 custom images after this plan \(\+1 by CustomImage "web-5", −1 by ImageRetention "keep-web"\)/,
        );
        for (const region of COPY_REGIONS) {
            assert.match(
                diagnostics,
                new RegExp(
                    `${region}: 4 of 5 custom images after this plan \\(\\+1 by ImageCopy "web-5-copies", −1 by ImageRetention "keep-web-${region}"\\)`,
                ),
            );
        }
    });

    it("builds 5-6: the old images and copies are gone, the image an instance runs survives", async () => {
        await up(5);
        await up(6);
        assert.deepEqual(await familyNames(HOME_REGION), ["web-2", "web-3", "web-4", "web-5", "web-6"]);
        for (const region of COPY_REGIONS) {
            assert.deepEqual(await familyNames(region), ["web-3", "web-4", "web-5", "web-6"], region);
        }
        const plan = (await stack.outputs()).retentionPlan.value as string[];
        assert.ok(
            plan.some((line) => line.startsWith(`keep ${built.get(2)} 'web-2'`) && /runs it/.test(line)),
            plan.join("\n"),
        );
    });

    it("getImage({ family: 'web' }) gives the newest build in every region, as DescribeImageFromFamily does", async () => {
        const outputs = await stack.outputs();
        assert.equal(outputs.latestImageId.value, built.get(6));
        const copies = outputs.copyImageIds.value as Record<string, string>;
        assert.deepEqual(outputs.latestCopyImageIds.value, copies);
        const home = await sandbox.api.describeImageFromFamily(HOME_REGION, "web");
        assert.equal(home?.imageId, built.get(6));
        for (const region of COPY_REGIONS) {
            const latest = await sandbox.api.describeImageFromFamily(region, "web");
            assert.equal(latest?.imageId, copies[region], region);
        }
    });

    it("build 7 fits a full region because the retention frees room: the preview passes", async () => {
        assert.equal((await ownImages(HOME_REGION)).length, QUOTA, "the home region is full");
        await stack.setConfig("build", { value: "7" });
        const { output, diagnostics, mutated } = await preview();
        assert.deepEqual(mutated, []);
        assert.match(output, new RegExp(`delete ${built.get(3)} 'web-3'`));
        assert.match(
            output,
            new RegExp(`keep ${built.get(2)} 'web-2' \\(created [^)]+\\): instance ins-[a-z0-9]{8} runs it`),
        );
        assert.match(
            diagnostics,
            /ap-guangzhou: 5 of 5 custom images after this plan \(\+1 by CustomImage "web-7", −1 by ImageRetention "keep-web"\)/,
        );
    });

    it("a build that does not fit even with the retention fails at preview, naming both and the numbers", async () => {
        await stack.setConfig("imagesPerBuild", { value: "3" });
        sandbox.emulator.controls.clearCalls();
        await assert.rejects(
            () => stack.preview(),
            (err: Error) => {
                assert.match(
                    err.message,
                    // The build's images register in any order (each waits only for the retention).
                    /CustomImage "web-7(-\d)?": region ap-guangzhou would hold 6 custom images but its quota is 5: 5 exist, this plan adds 2 \(CustomImage "web-7(-\d)?", CustomImage "web-7-\d"\) and deletes 1 \(ImageRetention "keep-web"\)/,
                );
                return true;
            },
        );
        assert.deepEqual(mutatingCalls(), [], "no mutating call");
        assert.deepEqual(await familyNames(HOME_REGION), ["web-2", "web-3", "web-4", "web-5", "web-6"]);
    });
});
