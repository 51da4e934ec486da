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
// to two regions and shared; an ImageRetention per region, declared first with makeRoomFor, leaves
// exactly the newest 3 images of the family after every build (besides the one an instance runs).
describe("examples/image-pipeline: six builds with a quota of 5 per region", function () {
    const QUOTA = 5;
    const KEEP_LATEST = 3;
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
    /**
     * The quota headroom lines among a preview's diagnostics, by region: the provider says them once
     * its checks of the plan are over, so each region the plan touches has exactly one, the plan's total.
     */
    function headroomByRegion(diagnostics: string): Map<string, string[]> {
        const byRegion = new Map<string, string[]>();
        for (const line of diagnostics.split("\n")) {
            const hit =
                /^tencentcloud-images: ([a-z]+-[a-z-]+): \d+ of \d+ custom images after this plan/.exec(line);
            if (hit) byRegion.set(hit[1], [...(byRegion.get(hit[1]) ?? []), line]);
        }
        return byRegion;
    }
    /** Build 2's image runs on an instance from build 2 on: the home retention spares it. */
    let instanceRunsBuild2 = false;
    /** The family's images a region holds after `build`: the newest KEEP_LATEST, and what is spared. */
    function expectedFamily(region: string, build: number): string[] {
        const newest = Array.from({ length: Math.min(build, KEEP_LATEST) }, (_, i) => build - i);
        const spared = region === HOME_REGION && instanceRunsBuild2 && !newest.includes(2) ? [2] : [];
        return [...spared, ...newest].map((n) => `web-${n}`).sort();
    }
    async function up(build: number): Promise<void> {
        await stack.setConfig("build", { value: String(build) });
        const result = await stack.up();
        assert.equal(result.summary.result, "succeeded", `build ${build}`);
        built.set(build, result.outputs.imageId.value as string);
        for (const region of REGIONS) {
            const count = (await ownImages(region)).length;
            assert.ok(count <= QUOTA, `after build ${build}, ${region} holds ${count} custom images`);
            // keepLatest holds exactly after the run, not keepLatest + 1.
            assert.deepEqual(
                await familyNames(region),
                expectedFamily(region, build),
                `${region} after build ${build}`,
            );
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

    it("builds 1-4: every build adds its image and copies; from build 4 on the oldest goes, 3 remain", async () => {
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
                instanceRunsBuild2 = true;
            }
        }
        for (const region of REGIONS)
            assert.deepEqual(await familyNames(region), ["web-2", "web-3", "web-4"], region);
    });

    it("build 5 preview --diff lists what each retention deletes and why, prints the headroom, mutates nothing", async () => {
        await stack.setConfig("build", { value: "5" });
        const { output, diagnostics, mutated } = await preview();
        assert.deepEqual(mutated, [], "no mutating call");
        const kept = "one of the newest 2 that exist \\(keepLatest 3 − makeRoomFor 1\\)";
        const older = "older than the newest 2 that exist \\(keepLatest 3 − makeRoomFor 1\\)";
        assert.match(output, new RegExp(`keep ${built.get(4)} 'web-4' \\(created [^)]+\\): ${kept}`));
        assert.match(
            output,
            new RegExp(`keep ${built.get(2)} 'web-2' \\(created [^)]+\\): instance ins-[a-z0-9]{8} runs it`),
        );
        assert.match(
            output,
            new RegExp(`delete img-[a-z0-9]{8} 'web-2' \\(created [^)]+\\): ${older}`),
            "a copy of build 2",
        );
        // One line per region the plan touches, the plan's total (not one per resource that touches it).
        // At home the build's image takes the room the retention keeps: nothing to delete there.
        assert.deepEqual(
            Object.fromEntries(headroomByRegion(diagnostics)),
            Object.fromEntries([
                [
                    HOME_REGION,
                    [
                        `tencentcloud-images: ${HOME_REGION}: 4 of 5 custom images after this plan (+1 by CustomImage "web-5")`,
                    ],
                ],
                ...COPY_REGIONS.map((region) => [
                    region,
                    [
                        `tencentcloud-images: ${region}: 3 of 5 custom images after this plan ` +
                            `(+1 by ImageCopy "web-5-copies", −1 by ImageRetention "keep-web-${region}")`,
                    ],
                ]),
            ]),
        );
    });

    it("builds 5-6: the old images and copies are gone, the image an instance runs survives", async () => {
        await up(5);
        await up(6);
        assert.deepEqual(await familyNames(HOME_REGION), ["web-2", "web-4", "web-5", "web-6"]);
        for (const region of COPY_REGIONS) {
            assert.deepEqual(await familyNames(region), ["web-4", "web-5", "web-6"], region);
        }
        const plan = (await stack.outputs()).retentionPlan.value as string[];
        assert.ok(
            plan.some((line) => line.startsWith(`keep ${built.get(2)} 'web-2'`) && /runs it/.test(line)),
            plan.join("\n"),
        );
    });

    it("a second preview after up changes no image resource: the hidden plan count is in no state or diff", async () => {
        const steps: { op: string; type: string; diffs: string[] }[] = [];
        await stack.preview({
            onEvent: (event) => {
                const meta = event.resourcePreEvent?.metadata;
                if (meta) steps.push({ op: meta.op, type: meta.type, diffs: meta.diffs ?? [] });
            },
        });
        const ours = steps.filter((s) => s.type.includes(":dynamic/tencentcloud-images:"));
        // An ImageRetention previews a change whenever its plan reads differently from the stored one
        // (after up, "new in this plan" reads as the listed image); the others must be the same.
        assert.deepEqual(
            ours
                .filter((s) => !s.type.endsWith(":ImageRetention"))
                .map((s) => `${s.type.split(":").at(-1)} ${s.op}`)
                .sort(),
            ["CustomImage same", "ImageCopy same", "ImageShare same"],
        );
        assert.deepEqual(
            ours.filter((s) => s.diffs.some((key) => key.startsWith("__"))),
            [],
            "no hidden input in any diff",
        );
        // (The engine's propertyDependencies name every key the program registered, with no value.)
        const { resources } = (await stack.exportStack()).deployment as {
            resources: { urn: string; type: string; inputs?: object; outputs?: object }[];
        };
        const stored = resources.filter((r) => r.type.includes(":dynamic/tencentcloud-images:"));
        assert.deepEqual(stored.map((r) => r.urn.split("::").at(-1)).sort(), [
            "keep-web",
            "keep-web-ap-shanghai",
            "keep-web-ap-singapore",
            "web-6",
            "web-6-copies",
            "web-share",
        ]);
        for (const r of stored) {
            assert.ok(!("__planCount" in (r.inputs ?? {})) && !("__planCount" in (r.outputs ?? {})), r.type);
            assert.ok(
                "__logicalName" in (r.inputs ?? {}),
                `the state holds the hidden logical name: ${r.type}`,
            );
        }
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
        // An image outside the stack and the family fills the home region.
        await sandbox.api.createImage(HOME_REGION, { imageName: "other-1", instanceId });
        assert.equal((await ownImages(HOME_REGION)).length, QUOTA, "the home region is full");
        await stack.setConfig("build", { value: "7" });
        const { output, diagnostics, mutated } = await preview();
        assert.deepEqual(mutated, []);
        assert.match(output, new RegExp(`delete ${built.get(4)} 'web-4'`));
        assert.match(
            output,
            new RegExp(`keep ${built.get(2)} 'web-2' \\(created [^)]+\\): instance ins-[a-z0-9]{8} runs it`),
        );
        const headroom = headroomByRegion(diagnostics);
        assert.deepEqual(headroom.get(HOME_REGION), [
            `tencentcloud-images: ${HOME_REGION}: 5 of 5 custom images after this plan (+1 by CustomImage "web-7", −1 by ImageRetention "keep-web")`,
        ]);
        assert.deepEqual(
            [...headroom.keys()].sort(),
            REGIONS.slice().sort(),
            "every region the plan touches",
        );
        for (const [region, lines] of headroom)
            assert.equal(lines.length, 1, `${region}: ${lines.join("\n")}`);
    });

    it("a build that does not fit even with the retention fails at preview, naming both and the numbers", async () => {
        // makeRoomFor follows imagesPerBuild: the retention keeps none of the older images it may delete
        // (web-2 runs on an instance, web-6 is shared), and 5 − 2 + 3 is still 6 > 5.
        await stack.setConfig("imagesPerBuild", { value: "3" });
        sandbox.emulator.controls.clearCalls();
        await assert.rejects(
            () => stack.preview(),
            (err: Error) => {
                assert.match(
                    err.message,
                    // The build's images register in any order (each waits only for the retention).
                    /CustomImage "web-7(-\d)?": region ap-guangzhou would hold 6 custom images but its quota is 5: 5 exist, this plan adds 3 \((CustomImage "web-7(-\d)?", ){2}CustomImage "web-7-\d"\) and deletes 2 \(ImageRetention "keep-web"\)/,
                );
                return true;
            },
        );
        assert.deepEqual(mutatingCalls(), [], "no mutating call");
        assert.deepEqual(await familyNames(HOME_REGION), ["web-2", "web-4", "web-5", "web-6"]);
    });

    it("one ImageRetention with allFamilyRegions applies in every region of the family, naming each image's region", async () => {
        const all = await sandbox.stack("all-regions", (images) => {
            const keep = new images.ImageRetention("keep-all", {
                family: "web",
                keepLatest: 2,
                allFamilyRegions: true,
                unshareBeforeDelete: true,
            });
            return { regions: keep.regions, plan: keep.plan, deleted: keep.deletedImageIds };
        });
        sandbox.emulator.controls.clearCalls();
        const lines: string[] = [];
        await all.preview({ diff: true, onOutput: (s) => lines.push(s) });
        assert.deepEqual(mutatingCalls(), [], "the preview mutates nothing");
        const output = lines.join("");
        assert.match(
            output,
            new RegExp(
                `ap-guangzhou: delete ${built.get(4)} 'web-4' \\(created [^)]+\\): older than the newest 2`,
            ),
        );
        for (const region of COPY_REGIONS) {
            assert.match(
                output,
                new RegExp(
                    `${region}: delete img-[a-z0-9]{8} 'web-4' \\(created [^)]+\\): older than the newest 2`,
                ),
            );
        }
        const result = await all.up();
        assert.equal(result.summary.result, "succeeded");
        assert.deepEqual(result.outputs.regions.value, REGIONS);
        assert.equal((result.outputs.deleted.value as string[]).length, 3, "web-4 in each region");
        assert.deepEqual(await familyNames(HOME_REGION), ["web-2", "web-5", "web-6"], "build 2 still runs");
        for (const region of COPY_REGIONS)
            assert.deepEqual(await familyNames(region), ["web-5", "web-6"], region);
        await all.destroy();
    });
});
