import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { MAIN_ACCOUNT, SECOND_ACCOUNT } from "../../emulator/accounts";
import { seededInstanceId } from "../../emulator/models/seed";
import { createImageBackend } from "../../provider/backend";
import { createImagesSandbox, HOME_REGION, ImagesPackage, ImagesSandbox } from "./harness/imagesSandbox";

// Issue 9, credentials and isolation, under the real engine against the emulator:
// - keys from the environment and from stack config (secretKey as a secret, env unset) both work,
//   and neither the state file nor the engine's output ever holds the secret key;
// - an unknown SecretId or a wrong SecretKey fails preview with a clear authentication error that
//   names the settings to fix and does not print the key;
// - a stack acting as account 2 can neither share, copy nor take over account 1's private image,
//   and account 2's API calls cannot change or delete it.

const MAIN_PRIVATE = "main-private-build";
const KEY_SETTINGS = ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"] as const;

type Program = (images: ImagesPackage) => Record<string, unknown> | void;

describe("credentials: from env or stack secrets, never in state or output; isolation of accounts", function () {
    let sandbox: ImagesSandbox;
    let mainImageId: string;
    const figures: Record<string, unknown> = {};

    before(async () => {
        sandbox = await createImagesSandbox("credentials", {
            seed: {
                images: [
                    {
                        accountId: MAIN_ACCOUNT.accountId,
                        region: HOME_REGION,
                        imageName: MAIN_PRIVATE,
                        tags: { team: "main" },
                    },
                ],
            },
        });
        mainImageId = (
            await sandbox.api.listImages(HOME_REGION, {
                imageTypes: ["PRIVATE_IMAGE"],
                imageName: MAIN_PRIVATE,
            })
        )[0].imageId;
    });
    // configStack() removes the keys from this process's environment (the engine's processes
    // inherit it); put back what was there for the test files that run after this one.
    const savedEnv = Object.fromEntries(KEY_SETTINGS.map((key) => [key, process.env[key]]));
    after(async () => {
        for (const [key, value] of Object.entries(savedEnv)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
        console.log(`CREDENTIAL FIGURES ${JSON.stringify(figures)}`);
        await sandbox?.dispose();
    });

    const oneImage: Program = (images) => {
        const image = new images.CustomImage("cred-image", {
            imageName: "cred-image",
            source: { instanceId: seededInstanceId(MAIN_ACCOUNT.accountId, HOME_REGION, "web-1") },
        });
        return { imageId: image.imageId };
    };

    /** A stack whose provider gets the endpoint and region from env, and keys only from stack config. */
    async function configStack(
        name: string,
        program: Program,
        secretId: string,
        secretKey: string,
    ): Promise<Stack> {
        for (const key of KEY_SETTINGS) delete process.env[key];
        const env = { ...sandbox.providerEnv } as Record<string, string>;
        for (const key of KEY_SETTINGS) delete env[key];
        const stack = await sandbox.engine.stack(
            name,
            async (req) =>
                (program(req("pulumi-tencentcloud-images") as ImagesPackage) ?? undefined) as never,
            env,
        );
        for (const key of KEY_SETTINGS) delete process.env[key];
        await stack.setConfig("tencentcloud-images:secretId", { value: secretId });
        await stack.setConfig("tencentcloud-images:secretKey", { value: secretKey, secret: true });
        return stack;
    }

    /** Runs an operation, returning everything the engine printed (and its error, if it failed). */
    async function run(
        op: (onOutput: (s: string) => void) => Promise<unknown>,
    ): Promise<{ ok: boolean; text: string }> {
        const lines: string[] = [];
        try {
            await op((s) => lines.push(s));
            return { ok: true, text: lines.join("") };
        } catch (error) {
            return { ok: false, text: `${lines.join("")}\n${String((error as Error).message ?? error)}` };
        }
    }

    function assertNoSecret(text: string, secret: string, where: string): void {
        assert.ok(!text.includes(secret), `the secret key appears in ${where}`);
    }

    it("keys from the environment: up and preview work; the key is in neither state nor output", async () => {
        const stack = await sandbox.stack("from-env", oneImage);
        const up = await run((onOutput) => stack.up({ onOutput }));
        assert.ok(up.ok, up.text);
        const preview = await run((onOutput) => stack.preview({ onOutput, diff: true }));
        assert.ok(preview.ok, preview.text);
        const key = MAIN_ACCOUNT.secretKey;
        assertNoSecret(up.text + preview.text, key, "the engine output");
        assertNoSecret(sandbox.engine.stateText("from-env"), key, "the state file");
        const destroy = await run((onOutput) => stack.destroy({ onOutput }));
        assert.ok(destroy.ok, destroy.text);
        assertNoSecret(destroy.text, key, "the destroy output");
        figures.envRuns = 3;
    });

    it("keys from stack config (secretKey a secret, env unset): works; the key is in neither state, output nor Pulumi.<stack>.yaml", async () => {
        const stack = await configStack(
            "from-config",
            oneImage,
            MAIN_ACCOUNT.secretId,
            MAIN_ACCOUNT.secretKey,
        );
        assert.equal(process.env.TENCENTCLOUD_SECRET_KEY, undefined);
        const up = await run((onOutput) => stack.up({ onOutput }));
        assert.ok(up.ok, up.text);
        const preview = await run((onOutput) => stack.preview({ onOutput, diff: true }));
        assert.ok(preview.ok, preview.text);
        assert.deepEqual((await stack.preview()).changeSummary, { same: 2 });
        const key = MAIN_ACCOUNT.secretKey;
        assertNoSecret(up.text + preview.text, key, "the engine output");
        assertNoSecret(sandbox.engine.stateText("from-config"), key, "the state file");
        const stackFile = fs.readFileSync(
            path.join(sandbox.engine.projectDir, "Pulumi.from-config.yaml"),
            "utf8",
        );
        assertNoSecret(stackFile, key, "Pulumi.from-config.yaml");
        assert.match(stackFile, /secretKey:\s*\n?\s*secure:/);
        const destroy = await run((onOutput) => stack.destroy({ onOutput }));
        assert.ok(destroy.ok, destroy.text);
        assertNoSecret(destroy.text, key, "the destroy output");
        figures.configRuns = 4;
    });

    it("an unknown SecretId fails preview with a clear authentication error, no key printed", async () => {
        const wrongKey = "wrongSecretKey-do-not-print-0000001";
        const stack = await configStack(
            "unknown-id",
            oneImage,
            "AKIDunknownunknownunknownunknown01",
            wrongKey,
        );
        const before = sandbox.emulator.controls.callLog().length;
        const preview = await run((onOutput) => stack.preview({ onOutput }));
        assert.equal(preview.ok, false, "preview succeeded with unknown credentials");
        assert.match(preview.text, /AuthFailure\.SecretIdNotFound/);
        assert.match(preview.text, /check the secretId\/secretKey settings/);
        assertNoSecret(preview.text, wrongKey, "the engine output");
        const calls = sandbox.emulator.controls.callLog().slice(before);
        assert.ok(
            calls.every((c) => c.outcome === "error"),
            "nothing ran with unknown credentials",
        );
        figures.unknownIdMessage = /[^\n]*AuthFailure\.SecretIdNotFound[^\n]*/.exec(preview.text)?.[0].trim();
    });

    it("a wrong SecretKey fails preview with a clear authentication error, no key printed", async () => {
        const wrongKey = "wrongSecretKey-do-not-print-0000002";
        const stack = await configStack("wrong-key", oneImage, MAIN_ACCOUNT.secretId, wrongKey);
        const preview = await run((onOutput) => stack.preview({ onOutput }));
        assert.equal(preview.ok, false, "preview succeeded with a wrong key");
        assert.match(preview.text, /AuthFailure\.SignatureFailure/);
        assert.match(preview.text, /check the secretId\/secretKey settings/);
        assertNoSecret(preview.text, wrongKey, "the engine output");
        assertNoSecret(preview.text, MAIN_ACCOUNT.secretKey, "the engine output");
        figures.wrongKeyMessage = /[^\n]*AuthFailure\.SignatureFailure[^\n]*/.exec(preview.text)?.[0].trim();
    });

    it("account 2 can neither share, copy, adopt, change nor delete account 1's private image", async () => {
        const snapshot = () =>
            sandbox.emulator.controls
                .images({ accountId: MAIN_ACCOUNT.accountId, region: HOME_REGION })
                .find((i) => i.imageId === mainImageId);
        const original = snapshot();
        assert.ok(original);
        const mutating = () =>
            sandbox.emulator.controls
                .callLog({ accountId: SECOND_ACCOUNT.accountId })
                .filter((c) => c.outcome === "ok" && !/^Describe/.test(c.action ?? "")).length;

        const asSecond = (name: string, program: Program) =>
            configStack(name, program, SECOND_ACCOUNT.secretId, SECOND_ACCOUNT.secretKey);
        const share = await asSecond("acct2-share", (images) => {
            new images.ImageShare("steal-share", {
                imageId: mainImageId,
                region: HOME_REGION,
                accountIds: [SECOND_ACCOUNT.accountId],
            });
        });
        const shared = await run((onOutput) => share.preview({ onOutput }));
        assert.equal(shared.ok, false);
        assert.match(
            shared.text,
            new RegExp(
                `ImageShare "steal-share": imageId "${mainImageId}" is not an image in ${HOME_REGION}`,
            ),
        );

        const copy = await asSecond("acct2-copy", (images) => {
            new images.ImageCopy("steal-copy", {
                sourceImageId: mainImageId,
                sourceRegion: HOME_REGION,
                destinationRegions: ["ap-shanghai"],
            });
        });
        const copied = await run((onOutput) => copy.preview({ onOutput }));
        assert.equal(copied.ok, false);
        assert.match(
            copied.text,
            new RegExp(
                `ImageCopy "steal-copy": sourceImageId "${mainImageId}" is not an image in ${HOME_REGION}`,
            ),
        );

        // adoptExisting looks only at account 2's own images: the plan is a new image of its own,
        // never account 1's.
        const adopt = await asSecond("acct2-adopt", (images) => {
            new images.CustomImage("steal-adopt", {
                imageName: MAIN_PRIVATE,
                adoptExisting: true,
                source: { instanceId: seededInstanceId(SECOND_ACCOUNT.accountId, HOME_REGION, "web-1") },
            });
        });
        const adopted = await run((onOutput) => adopt.preview({ onOutput }));
        assert.ok(adopted.ok, adopted.text);
        assert.ok(!adopted.text.includes(mainImageId), "account 1's image ID appears in account 2's preview");

        // Account 2's API calls on account 1's image: not found, nothing changed.
        const second = createImageBackend({
            endpoint: sandbox.emulator.endpoint,
            secretId: SECOND_ACCOUNT.secretId,
            secretKey: SECOND_ACCOUNT.secretKey,
            maxShareAccounts: 50,
        });
        const refusals = await Promise.all([
            second.deleteImages(HOME_REGION, [mainImageId]).catch((e: Error) => e.message),
            second
                .modifyImageAttribute(HOME_REGION, mainImageId, { imageName: "stolen" })
                .catch((e: Error) => e.message),
            second
                .modifySharePermission(HOME_REGION, mainImageId, [SECOND_ACCOUNT.accountId], "SHARE")
                .catch((e: Error) => e.message),
            second.syncImages(HOME_REGION, mainImageId, ["ap-shanghai"]).catch((e: Error) => e.message),
            second.describeImagesByIds(HOME_REGION, [mainImageId]).then((found) => found.length),
        ]);
        for (const refusal of refusals.slice(0, 4)) assert.match(String(refusal), /InvalidImageId\.NotFound/);
        assert.equal(refusals[4], 0, "account 2 sees account 1's private image");
        assert.deepEqual(snapshot(), original, "account 1's image changed");
        assert.equal(mutating(), 0, "account 2 changed something");
        figures.isolationAttempts = 3 + 5;
    });
});
