import * as assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as path from "node:path";
import { MAIN_ACCOUNT, SECOND_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import { createImagesSandbox, ImagesPackage, ImagesSandbox } from "./harness/imagesSandbox";
import { customImageDeclaration } from "../../provider/model/customImage";
import { imageShareDeclaration } from "../../provider/model/imageShare";
import { imageCopyDeclaration } from "../../provider/model/imageCopy";
import { imageRetentionDeclaration } from "../../provider/model/imageRetention";
import {
    BAD_INPUT_CASES,
    BAD_INPUTS_SEED,
    BadInputCase,
    Fixtures,
    HOME,
    OWN_IMAGE_NAME,
} from "./badInputs.cases";
import { MUTATING_ACTIONS } from "./harness/mutatingActions";

// Issue 9, bad input: every invalid input of badInputs.cases.ts (over 80, every argument of every
// resource and every rule) is rejected at preview with a message that names the resource, the
// property and the fix, and without a single mutating API call.
//
// How the cases run (a deliberate split):
// - ALL cases go through the provider's `check`, the very function the engine calls at preview: the
//   handlers module of the package INSTALLED in the sandbox (npm pack + install, dist/ code), against
//   the running emulator (live rules read real instances, snapshots, images and quotas). The engine
//   reports only the first invalid resource of a program and a preview costs ~3 s, so 80+ engine
//   previews would take minutes; direct calls take milliseconds each.
// - A representative subset (`engine: true`: one per resource kind and rule family: format, shape,
//   live source, quota, ownership, region, share account) ALSO runs through the real engine's
//   `pulumi preview`, which must fail with the same message.
// Both count the emulator's mutating calls (call log) before and after: zero.

const HANDLER_KEYS = {
    CustomImage: "customImage",
    ImageShare: "imageShare",
    ImageCopy: "imageCopy",
    ImageRetention: "imageRetention",
} as const;

interface CheckFailure {
    property: string;
    reason: string;
}
interface Handlers {
    configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
    customImage: { check(olds: object, news: object): Promise<{ failures?: CheckFailure[] }> };
    imageShare: { check(olds: object, news: object): Promise<{ failures?: CheckFailure[] }> };
    imageCopy: { check(olds: object, news: object): Promise<{ failures?: CheckFailure[] }> };
    imageRetention: { check(olds: object, news: object): Promise<{ failures?: CheckFailure[] }> };
}

/** The logical name of a case's resource. */
function nameOf(c: BadInputCase): string {
    return `bad-${c.title.replace(/[^a-zA-Z0-9]+/g, "-").toLowerCase()}`.slice(0, 60);
}

describe("bad input: every argument and rule is refused at preview, with no mutating call", function () {
    let sandbox: ImagesSandbox;
    let handlers: Handlers;
    let resetPlan: () => void;
    let fixtures: Fixtures;
    const figures = { cases: BAD_INPUT_CASES.length, direct: 0, engine: 0, mutatingCalls: 0 };

    function mutatingCalls(): number {
        return sandbox.emulator.controls.callLog().filter((c) => MUTATING_ACTIONS.has(c.action ?? "")).length;
    }

    before(async () => {
        sandbox = await createImagesSandbox("bad-inputs", { seed: BAD_INPUTS_SEED });
        // The installed package, as the engine's provider host loads it (not the repository's source).
        const fromProject = createRequire(path.join(sandbox.engine.projectDir, "index.js"));
        handlers = fromProject("pulumi-tencentcloud-images/dist/provider/resources/handlers.js") as Handlers;
        // An internal module, by its file (the exports map opens only the public entry and the handlers):
        // the same module instance that the handlers use.
        const installed = path.dirname(fromProject.resolve("pulumi-tencentcloud-images/package.json"));
        resetPlan = (
            fromProject(path.join(installed, "dist", "provider", "processContext.js")) as {
                startNewRun(): void;
            }
        ).startNewRun;
        const settings: Record<string, string> = {
            "tencentcloud-images:endpoint": sandbox.providerEnv.TENCENTCLOUD_IMAGES_ENDPOINT,
            "tencentcloud-images:secretId": sandbox.providerEnv.TENCENTCLOUD_SECRET_ID,
            "tencentcloud-images:secretKey": sandbox.providerEnv.TENCENTCLOUD_SECRET_KEY,
            "tencentcloud-images:region": HOME,
        };
        await handlers.configure({ config: { get: (key) => settings[key] } });

        const state = sandbox.emulator.controls.state();
        const home = state.accounts[MAIN_ACCOUNT.accountId][HOME];
        const web = home.instances[seededInstanceId(MAIN_ACCOUNT.accountId, HOME, "web-1")];
        const db = home.instances[seededInstanceId(MAIN_ACCOUNT.accountId, HOME, "db-1")];
        const snapshotOf = (diskId: string) =>
            Object.values(home.snapshots).find((s) => s.diskId === diskId && !s.imageId)!.snapshotId;
        const own = await sandbox.api.listImages(HOME, {
            imageTypes: ["PRIVATE_IMAGE"],
            imageName: OWN_IMAGE_NAME,
        });
        const publics = await sandbox.api.listImages(HOME, { imageTypes: ["PUBLIC_IMAGE"] });
        const sharedIn = await sandbox.api.listImages(HOME, { imageTypes: ["SHARED_IMAGE"] });
        // No image-type filter value selects marketplace images: they are told apart by their ImageType.
        const market = (await sandbox.api.listImages(HOME)).filter((i) => i.imageType === "MARKET_IMAGE");
        const foreign = Object.values(state.accounts[SECOND_ACCOUNT.accountId][HOME].images).find(
            (i) => i.imageName === "second-private-build",
        )!;
        fixtures = {
            ownImageId: own[0].imageId,
            publicImageId: publics[0].imageId,
            sharedInImageId: sharedIn.find((i) => i.imageCreator === SECOND_ACCOUNT.accountId)!.imageId,
            foreignPrivateImageId: foreign.imageId,
            marketImageId: market[0].imageId,
            webSystemDiskId: web.systemDisk.diskId,
            webDataDiskId: web.dataDisks[0].diskId!,
            dbDataDiskId: db.dataDisks[0].diskId!,
            webSystemSnapshotId: snapshotOf(web.systemDisk.diskId),
            dbSystemSnapshotId: snapshotOf(db.systemDisk.diskId),
            webDataSnapshotId: snapshotOf(web.dataDisks[0].diskId!),
        };
        for (const [key, value] of Object.entries(fixtures)) assert.ok(value, `fixture ${key}`);
    });
    after(async () => {
        figures.mutatingCalls = mutatingCalls();
        console.log(`BAD INPUT FIGURES ${JSON.stringify(figures)}`);
        await sandbox?.dispose();
    });

    it("has at least 60 cases, covering every argument of every resource", () => {
        assert.ok(BAD_INPUT_CASES.length >= 60, `${BAD_INPUT_CASES.length} cases`);
        const covered = new Set(BAD_INPUT_CASES.map((c) => `${c.kind}.${c.property}`));
        // Every property of every resource's declaration (provider/model), so a new argument needs a case.
        const declared = [
            customImageDeclaration,
            imageShareDeclaration,
            imageCopyDeclaration,
            imageRetentionDeclaration,
        ].flatMap((d) => Object.keys(d.properties).map((key) => `${d.kind}.${key}`));
        for (const property of new Set([
            "CustomImage.region",
            "CustomImage.imageName",
            "CustomImage.description",
            "CustomImage.source",
            "CustomImage.tags",
            "CustomImage.deleteSnapshotsOnDelete",
            "CustomImage.adoptExisting",
            "CustomImage.timeoutMinutes",
            "ImageShare.imageId",
            "ImageShare.region",
            "ImageShare.accountIds",
            "ImageShare.mode",
            "ImageCopy.sourceImageId",
            "ImageCopy.sourceRegion",
            "ImageCopy.destinationRegions",
            "ImageCopy.imageName",
            "ImageCopy.tags",
            "ImageCopy.retainCopiesOnDelete",
            "ImageCopy.deleteSnapshotsOnDelete",
            "ImageCopy.timeoutMinutes",
            ...declared,
        ])) {
            assert.ok(covered.has(property), `no case for ${property}`);
        }
        assert.equal(new Set(BAD_INPUT_CASES.map((c) => c.title)).size, BAD_INPUT_CASES.length);
    });

    describe("through the installed provider's check (every case)", () => {
        for (const c of BAD_INPUT_CASES) {
            it(`${c.kind}: ${c.title}`, async () => {
                resetPlan();
                const name = nameOf(c);
                const before = mutatingCalls();
                const result = await handlers[HANDLER_KEYS[c.kind]].check(
                    {},
                    { ...c.args(fixtures), __logicalName: name },
                );
                figures.direct++;
                const failures = result.failures ?? [];
                const shown = failures.map((f) => `[${f.property}] ${f.reason}`).join("\n");
                if (process.env.E2E_SHOW_MESSAGES) console.log(`${c.title}\n${shown}\n`);
                const match = failures.find((f) => c.expect.test(f.reason));
                assert.ok(match, `no failure matches ${c.expect}; got:\n${shown || "(none)"}`);
                assert.equal(match.property, c.property, shown);
                assert.ok(match.reason.startsWith(`${c.kind} "${name}": `), match.reason);
                assert.ok(match.reason.includes(c.property) || match.property === c.property, match.reason);
                assert.equal(mutatingCalls(), before, "a mutating call was made");
            });
        }
    });

    describe("through the real engine's pulumi preview (a subset)", () => {
        const subset = BAD_INPUT_CASES.filter((c) => c.engine);

        it("the subset has one case per resource kind at least", () => {
            assert.ok(subset.length >= 8, `${subset.length} engine cases`);
            for (const kind of ["CustomImage", "ImageShare", "ImageCopy", "ImageRetention"]) {
                assert.ok(
                    subset.some((c) => c.kind === kind),
                    kind,
                );
            }
        });

        for (const c of subset) {
            it(`${c.kind}: ${c.title}`, async () => {
                const name = nameOf(c);
                const stack = await sandbox.stack("bad", (images: ImagesPackage) => {
                    const args = c.args(fixtures);
                    if (c.kind === "CustomImage") new images.CustomImage(name, args as never);
                    else if (c.kind === "ImageShare") new images.ImageShare(name, args as never);
                    else if (c.kind === "ImageCopy") new images.ImageCopy(name, args as never);
                    else new images.ImageRetention(name, args as never);
                });
                const before = mutatingCalls();
                const lines: string[] = [];
                let failed = false;
                try {
                    await stack.preview({ onOutput: (s) => lines.push(s) });
                } catch (error) {
                    failed = true;
                    lines.push(String((error as Error).message));
                }
                figures.engine++;
                const output = lines.join("");
                assert.ok(failed, `preview succeeded:\n${output}`);
                assert.match(output, new RegExp(`${c.kind} "${name}": `));
                assert.match(output, c.expect);
                assert.equal(mutatingCalls(), before, "a mutating call was made");
            });
        }
    });
});
