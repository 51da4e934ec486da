/**
 * ImportImage: a custom image from an image file URL; IMPORTING, then NORMAL or IMPORTFAILED. The
 * reply carries only RequestId, as the official example does.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { IMPORT_OS } from "../../models/catalog";
import {
    assertImageFamily,
    assertNameAndDescription,
    assertQuota,
    assertUniqueName,
    tagsFromSpecification,
} from "../../models/rules";
import { defineHandler } from "../types";
import { tagSpecificationSchema } from "./shared";

const params = z.strictObject({
    Architecture: z.string(),
    OsType: z.string(),
    OsVersion: z.string(),
    ImageUrl: z.string(),
    ImageName: z.string(),
    ImageDescription: z.string().optional(),
    DryRun: z.boolean().optional(),
    Force: z.boolean().optional(),
    TagSpecification: tagSpecificationSchema.optional(),
    LicenseType: z.string().optional(),
    BootMode: z.string().optional(),
    ImageFamily: z.string().optional(),
    ImportImageDataDiskList: z.array(z.strictObject({ ImageUrl: z.string() })).optional(),
});

const ARCHITECTURES: Record<string, string> = { x86_64: "x86_64", i386: "i386", arm_64: "arm" };

export default defineHandler({
    service: "cvm",
    action: "ImportImage",
    params,
    region: "required",
    mutates: true,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        assertNameAndDescription(p.ImageName, p.ImageDescription);
        assertImageFamily(p.ImageFamily);
        const architecture = ARCHITECTURES[p.Architecture];
        if (!architecture) {
            fail(
                "InvalidParameterValue",
                `Architecture must be x86_64, i386 or arm_64 (got "${p.Architecture}").`,
            );
        }
        const os = IMPORT_OS.versions.find((v) => v.OsName === p.OsType);
        if (!os) fail("InvalidImageOsType.Unsupported", `The OS type \`${p.OsType}\` cannot be imported.`);
        if (!(os.OsVersions as readonly string[]).includes(p.OsVersion)) {
            fail(
                "InvalidImageOsVersion.Unsupported",
                `${p.OsType} ${p.OsVersion} cannot be imported; versions: ${os.OsVersions.join(", ")}.`,
            );
        }
        for (const url of [p.ImageUrl, ...(p.ImportImageDataDiskList ?? []).map((d) => d.ImageUrl)]) {
            if (!/^https?:\/\/[^\s/]+\/\S+/.test(url)) {
                fail(
                    "InvalidParameter.InvalidParameterUrlError",
                    `The image URL \`${url}\` is not a valid COS URL.`,
                );
            }
        }
        if (/\.iso(\?|$)/i.test(p.ImageUrl) && !p.Force) {
            fail("InvalidParameterValue.ISOMustImportByForce", "ISO files must be imported with Force=true.");
        }
        const bootMode = p.BootMode ?? "Legacy BIOS";
        if (bootMode !== "Legacy BIOS" && bootMode !== "UEFI") {
            fail(
                "InvalidParameterValue.InvalidBootMode",
                `BootMode must be "Legacy BIOS" or "UEFI" (got "${bootMode}").`,
            );
        }
        const licenseType = p.LicenseType ?? "TencentCloud";
        if (licenseType !== "TencentCloud" && licenseType !== "BYOL") {
            fail(
                "InvalidParameterValue.InvalidLicenseType",
                `LicenseType must be TencentCloud or BYOL (got "${licenseType}").`,
            );
        }
        const tags = tagsFromSpecification(p.TagSpecification);
        assertUniqueName(store, accountId, region, p.ImageName);
        assertQuota(store, accountId, region);
        if (p.DryRun) return {};

        const config = store.state.config;
        let outcome: "NORMAL" | "IMPORTFAILED" = "NORMAL";
        if (p.ImageName.includes(config.failNameMarker) || p.ImageUrl.includes(config.failNameMarker)) {
            outcome = "IMPORTFAILED";
        } else if (store.state.failNext.import > 0) {
            store.state.failNext.import--;
            outcome = "IMPORTFAILED";
        }
        const imageId = store.newImageId();
        const readyAt = now + config.durations.importMs;
        const data = store.regionData(accountId, region);
        const snapshotIds: string[] = [];
        if (outcome === "NORMAL") {
            const snapshotId = store.newSnapshotId();
            data.snapshots[snapshotId] = {
                snapshotId,
                snapshotName: `${p.ImageName}-system`,
                diskId: `disk-${snapshotId.slice(5)}`,
                diskUsage: "SYSTEM_DISK",
                diskSize: 50,
                createdAt: now,
                readyAt,
                imageId,
            };
            snapshotIds.push(snapshotId);
        }
        const windows = (IMPORT_OS.windows as readonly string[]).includes(p.OsType);
        data.images[imageId] = {
            imageId,
            region,
            owner: accountId,
            creator: ctx.caller.uin,
            imageType: "PRIVATE_IMAGE",
            imageName: p.ImageName,
            imageDescription: p.ImageDescription ?? "",
            osName: windows ? p.OsType : `${p.OsType} ${p.OsVersion}`,
            platform: windows ? "Windows" : p.OsType,
            architecture,
            imageSize: 50,
            createdAt: now,
            imageSource: "EXTERNAL_IMPORT",
            licenseType,
            imageFamily: p.ImageFamily ?? "",
            imageDeprecated: false,
            snapshotIds,
            tags,
            shares: [],
            pending: { state: "IMPORTING", startedAt: now, readyAt, outcome },
        };
        // ImageId is optional in the reply, and the official example has none: callers find the
        // image they imported by name (and tags), so the emulator gives them no shortcut.
        return {};
    },
});
