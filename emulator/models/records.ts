/**
 * The records the seed is made of: an instance (with a standing snapshot of each cloud disk) and an
 * account's own image (with its system-disk snapshot), shared by the built-in world and seed files.
 */
import { stableId } from "../ids";
import { DiskTemplate, InstanceTemplate } from "./builtinData";
import { CloudDiskRecord, DiskRecord, ImageRecord, InstanceRecord, RegionData } from "./types";

/** When the built-in world was made: the creation time of everything seeded without one. */
export const SEED_TIME = Date.parse("2025-01-01T00:00:00Z");

/** The ID a seeded instance gets: stable, so examples can name it. */
export function seededInstanceId(accountId: string, region: string, instanceName: string): string {
    return stableId("ins", `instance:${accountId}:${region}:${instanceName}`);
}

/** The ID a public image gets, the same in every region (as on Tencent Cloud). */
export function publicImageId(key: string): string {
    return stableId("img", `public:${key}`);
}

function isLocal(disk: DiskTemplate): boolean {
    return disk.diskType.startsWith("LOCAL_");
}

/**
 * Adds an instance from a template, with a standing snapshot of each of its cloud disks. It runs the
 * template's public image unless `imageId` names another (e.g. a custom image).
 */
export function addInstance(
    data: RegionData,
    accountId: string,
    region: string,
    t: InstanceTemplate,
    id?: string,
    imageId?: string,
): InstanceRecord {
    const instanceId = id ?? seededInstanceId(accountId, region, t.name);
    const systemDisk: CloudDiskRecord = { ...t.systemDisk, diskId: stableId("disk", `${instanceId}:system`) };
    const dataDisks: DiskRecord[] = t.dataDisks.map((disk, i) =>
        isLocal(disk) ? { ...disk } : { ...disk, diskId: stableId("disk", `${instanceId}:data:${i}`) },
    );
    const instance: InstanceRecord = {
        instanceId,
        instanceName: t.name,
        instanceState: "RUNNING",
        instanceType: t.instanceType,
        cpu: t.cpu,
        memory: t.memory,
        imageId: imageId ?? publicImageId(t.imageKey),
        createdAt: SEED_TIME,
        osName: t.osName,
        platform: t.platform,
        architecture: t.architecture,
        systemDisk,
        dataDisks,
    };
    data.instances[instanceId] = instance;
    // One standing snapshot per cloud disk, so images can also be made from snapshots.
    for (const [i, disk] of [systemDisk, ...dataDisks].entries()) {
        if (disk.diskId === undefined) continue;
        const snapshotId = stableId("snap", `${disk.diskId}:seed`);
        data.snapshots[snapshotId] = {
            snapshotId,
            snapshotName: `${t.name}-${i === 0 ? "system" : `data${i}`}`,
            diskId: disk.diskId,
            diskUsage: i === 0 ? "SYSTEM_DISK" : "DATA_DISK",
            diskSize: disk.diskSize,
            createdAt: SEED_TIME,
            readyAt: SEED_TIME,
            instanceId,
        };
    }
    return instance;
}

/** What a seeded image of an account says (the rest takes defaults). */
export interface OwnedImageSpec {
    accountId: string;
    region: string;
    imageId: string;
    imageName: string;
    imageDescription?: string;
    osName?: string;
    platform?: string;
    architecture?: string;
    imageSize?: number;
    createdAt: number;
    state?: "NORMAL" | "CREATEFAILED" | "IMPORTFAILED";
    sharedWith?: string[];
    tags?: Record<string, string>;
    imageFamily?: string;
    imageDeprecated?: boolean;
}

/** Adds an account's own custom image; a NORMAL one gets its system-disk snapshot. */
export function addOwnedImage(data: RegionData, spec: OwnedImageSpec): void {
    const size = spec.imageSize ?? 50;
    const snapshotId = stableId("snap", `${spec.imageId}:system`);
    const failed = spec.state === "CREATEFAILED" || spec.state === "IMPORTFAILED";
    if (!failed) {
        data.snapshots[snapshotId] = {
            snapshotId,
            snapshotName: `${spec.imageName}-system`,
            diskId: stableId("disk", `${spec.imageId}:system`),
            diskUsage: "SYSTEM_DISK",
            diskSize: size,
            createdAt: spec.createdAt,
            readyAt: spec.createdAt,
            imageId: spec.imageId,
        };
    }
    const image: ImageRecord = {
        imageId: spec.imageId,
        region: spec.region,
        owner: spec.accountId,
        imageType: "PRIVATE_IMAGE",
        imageName: spec.imageName,
        imageDescription: spec.imageDescription ?? "",
        osName: spec.osName ?? "TencentOS Server 3.1 (TK4) 64bit",
        platform: spec.platform ?? "TencentOS",
        architecture: spec.architecture ?? "x86_64",
        imageSize: size,
        createdAt: spec.createdAt,
        imageSource: spec.state === "IMPORTFAILED" ? "EXTERNAL_IMPORT" : "CREATE_IMAGE",
        licenseType: "TencentCloud",
        imageFamily: spec.imageFamily ?? "",
        imageDeprecated: spec.imageDeprecated ?? false,
        snapshotIds: failed ? [] : [snapshotId],
        tags: spec.tags ?? {},
        shares: (spec.sharedWith ?? []).map((accountId) => ({ accountId, createdAt: spec.createdAt })),
    };
    if (failed) {
        image.pending = {
            state: spec.state === "IMPORTFAILED" ? "IMPORTING" : "CREATING",
            startedAt: spec.createdAt,
            readyAt: spec.createdAt,
            outcome: spec.state!,
        };
    }
    data.images[spec.imageId] = image;
}
