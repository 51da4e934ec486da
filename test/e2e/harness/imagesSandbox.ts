import { Stack } from "@pulumi/pulumi/automation";
import { createImageBackend } from "../../../provider/backend";
import type { ImageBackend } from "../../../provider/backend/types";
import { startEmulator } from "../../../emulator/server";
import { createEngineSandbox, EngineSandbox, InlineProgram } from "./engine";
import { REPO_ROOT } from "../../../scripts/lib/installPackage";

/** The package as a program sees it after `import * as images from "pulumi-tencentcloud-images"`. */
export type ImagesPackage = typeof import("../../../provider/index");

/** A program that gets the installed package. */
export type ImagesProgram = (
    images: ImagesPackage,
) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

export interface ImagesSandbox {
    engine: EngineSandbox;
    emulator: RunningEmulator;
    /** The provider's environment: emulator endpoint, the main account's key, default region. */
    providerEnv: Record<string, string>;
    /** An API client acting as the main account, for out-of-band changes and for looking. */
    api: ImageBackend;
    /** A stack whose program is given the installed package. */
    stack(stackName: string, program: ImagesProgram): Promise<Stack>;
    dispose(): Promise<void>;
}

/** The region the e2e programs use unless they name another. */
export const HOME_REGION = "ap-guangzhou";

/**
 * The real package (packed and installed into a project folder), the real Pulumi engine, and the
 * emulator on a random loopback port, with the main account's credentials in the provider's env.
 */
export async function createImagesSandbox(
    name: string,
    emulatorOptions: Parameters<typeof startEmulator>[0] = {},
): Promise<ImagesSandbox> {
    const emulator = await startEmulator({ port: 0, ...emulatorOptions });
    const main = emulator.accounts[0];
    const providerEnv = {
        TENCENTCLOUD_IMAGES_ENDPOINT: emulator.endpoint,
        TENCENTCLOUD_SECRET_ID: main.secretId,
        TENCENTCLOUD_SECRET_KEY: main.secretKey,
        TENCENTCLOUD_REGION: HOME_REGION,
    };
    const engine = await createEngineSandbox(name);
    engine.install(REPO_ROOT);
    const api = createImageBackend({
        endpoint: emulator.endpoint,
        secretId: main.secretId,
        secretKey: main.secretKey,
        maxShareAccounts: 50,
    });
    return {
        engine,
        emulator,
        providerEnv,
        api,
        stack: (stackName, program) => {
            const inline: InlineProgram = async (req) =>
                (await program(req("pulumi-tencentcloud-images") as ImagesPackage)) ?? undefined;
            return engine.stack(stackName, inline, providerEnv);
        },
        dispose: async () => {
            await emulator.close();
            engine.dispose();
        },
    };
}
