/** Names of the built-in seed that tests refer to. */
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../../../emulator/accounts";
import { publicImageId, seededInstanceId } from "../../../emulator/models/seed";
import { EmulatorFixture } from "./fixture";
import { ApiResponse, CallSpec, ok } from "./api";

export const main = MAIN_ACCOUNT;
export const second = SECOND_ACCOUNT;
export const third = THIRD_ACCOUNT;

/** A built-in instance of an account in a region (web-1 has 1 data disk, db-1 2, arm-1 and win-1 none). */
export function instanceId(accountId: string, region: string, name = "web-1"): string {
    return seededInstanceId(accountId, region, name);
}

/** A public image's ID (the same in every region). */
export const ubuntu2204 = publicImageId("ubuntu-22.04-x86");
/** A marketplace image's ID (mainland China regions only). */
export const marketImage = publicImageId("mkt-wordpress");

/** Moves the emulator's clock past every default task duration. */
export function settle(f: EmulatorFixture, ms = 60_000): void {
    f.emu.controls.advanceClock(ms);
}

/** Creates a custom image from the account's web-1 instance; returns its ID. */
export async function createImage(
    f: EmulatorFixture,
    name: string,
    opts: { key?: CallSpec["key"]; accountId?: string; region?: string; body?: Record<string, unknown> } = {},
): Promise<string> {
    const region = opts.region ?? "ap-guangzhou";
    const accountId = opts.accountId ?? main.accountId;
    const r = await ok(f.endpoint, {
        action: "CreateImage",
        key: opts.key ?? main,
        region,
        body: { ImageName: name, InstanceId: instanceId(accountId, region), ...opts.body },
    });
    return r.ImageId as string;
}

/** DescribeImages by ID: the image as the key sees it (undefined when absent). */
export async function describeImage(
    f: EmulatorFixture,
    imageId: string,
    opts: { key?: CallSpec["key"]; region?: string } = {},
): Promise<Record<string, unknown> | undefined> {
    const r: ApiResponse = await ok(f.endpoint, {
        action: "DescribeImages",
        key: opts.key ?? main,
        region: opts.region,
        body: { ImageIds: [imageId] },
    });
    return (r.ImageSet as Record<string, unknown>[])[0];
}

/** The images named exactly `name` that the key sees in the region (DescribeImages by image-name). */
export async function imagesNamed(
    f: EmulatorFixture,
    name: string,
    opts: { key?: CallSpec["key"]; region?: string } = {},
): Promise<{ ImageId: string; ImageName: string }[]> {
    const r = await ok(f.endpoint, {
        action: "DescribeImages",
        key: opts.key ?? main,
        region: opts.region,
        body: { Filters: [{ Name: "image-name", Values: [name] }] },
    });
    return (r.ImageSet as { ImageId: string; ImageName: string }[]).filter((i) => i.ImageName === name);
}

/**
 * ImportImage, then the imported image's ID, found by its name as a caller of the real service must
 * (the reply carries only RequestId).
 */
export async function importImage(
    f: EmulatorFixture,
    body: Record<string, unknown> & { ImageName: string },
    opts: { key?: CallSpec["key"]; region?: string } = {},
): Promise<string> {
    await ok(f.endpoint, { action: "ImportImage", key: opts.key ?? main, region: opts.region, body });
    const found = await imagesNamed(f, body.ImageName, opts);
    if (found.length !== 1) throw new Error(`ImportImage: ${found.length} images named ${body.ImageName}`);
    return found[0].ImageId;
}
