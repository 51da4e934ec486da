/**
 * The emulator's state as plain JSON-serialisable data: what a `--state` file holds. Every time is
 * epoch milliseconds on the emulator's clock; transient image states are derived from these times
 * (see lifecycle.ts), so the state needs no timers and stays right across a restart.
 */
import { EmulatorAccount } from "../accounts";

/** Image kinds as stored (a shared-in image is a PRIVATE_IMAGE of another account, seen through a share). */
export type StoredImageType = "PUBLIC_IMAGE" | "PRIVATE_IMAGE" | "MARKET_IMAGE";

/** A task that is running on an image: it shows `state` until `readyAt`, then `outcome`. */
export interface PendingTask {
    state: "CREATING" | "IMPORTING" | "SYNCING";
    startedAt: number;
    readyAt: number;
    outcome: "NORMAL" | "CREATEFAILED" | "IMPORTFAILED";
}

/** One share of an image with another account. */
export interface ShareRecord {
    accountId: string;
    createdAt: number;
}

/** One image. Public and marketplace images are owned by `tencent` / a vendor and live per region. */
export interface ImageRecord {
    imageId: string;
    region: string;
    /** The owning account ID, or `tencent` / a vendor name for public and marketplace images. */
    owner: string;
    /** Who made the image (ImageCreator) when not the owner itself: a sub-account's UIN. */
    creator?: string;
    imageType: StoredImageType;
    imageName: string;
    imageDescription: string;
    osName: string;
    platform: string;
    architecture: string;
    imageSize: number;
    createdAt: number;
    imageSource: "OFFICIAL" | "CREATE_IMAGE" | "EXTERNAL_IMPORT";
    licenseType: string;
    imageFamily: string;
    imageDeprecated: boolean;
    snapshotIds: string[];
    tags: Record<string, string>;
    shares: ShareRecord[];
    pending?: PendingTask;
    /** While a copy of this image is being made the image shows SYNCING (until this time). */
    busyUntil?: number;
}

/** One disk of an instance. A local disk (LOCAL_*) has no ID: it cannot be snapshotted or chosen. */
export interface DiskRecord {
    diskId?: string;
    diskSize: number;
    diskType: string;
}

/** A disk with an ID: a cloud disk, which images can be made of. */
export type CloudDiskRecord = DiskRecord & { diskId: string };

/** One instance: what image creation needs and what DescribeInstances shows. */
export interface InstanceRecord {
    instanceId: string;
    instanceName: string;
    instanceState: string;
    instanceType: string;
    cpu: number;
    memory: number;
    /** The image the instance was started from. */
    imageId: string;
    createdAt: number;
    osName: string;
    platform: string;
    architecture: string;
    systemDisk: CloudDiskRecord;
    dataDisks: DiskRecord[];
}

/** One snapshot. `imageId` is set when the snapshot was made for an image (and goes with it). */
export interface SnapshotRecord {
    snapshotId: string;
    snapshotName: string;
    diskId: string;
    diskUsage: "SYSTEM_DISK" | "DATA_DISK";
    diskSize: number;
    createdAt: number;
    readyAt: number;
    imageId?: string;
    /** The instance the disk belongs to, when known (gives snapshot-made images their OS). */
    instanceId?: string;
}

/** What one account holds in one region. */
export interface RegionData {
    images: Record<string, ImageRecord>;
    instances: Record<string, InstanceRecord>;
    snapshots: Record<string, SnapshotRecord>;
}

/** Durations of the asynchronous tasks, in milliseconds. */
export interface Durations {
    createMs: number;
    importMs: number;
    copyMs: number;
}

/** The service's tunable rules. */
export interface ServiceConfig {
    /** Custom images per account per region (DescribeImageQuota). */
    imageQuota: number;
    /** Per-account, per-region overrides of imageQuota: { accountId: { region: n } }. */
    imageQuotas: Record<string, Record<string, number>>;
    /** Accounts one image may be shared with. */
    shareLimit: number;
    durations: Durations;
    /** An image name (CreateImage/ImportImage) containing this marker makes the task fail. */
    failNameMarker: string;
    /** Account IDs that exist besides the built-in ones and any 7–12 digit ID. */
    knownAccountIds: string[];
    /** Account IDs that do not exist although they are 7–12 digits (to exercise InvalidAccountId.NotFound). */
    unknownAccountIds: string[];
}

/** The format of the state (and of `--state` files); 2 added instance details and image creators. */
export const STATE_VERSION = 2;

/** The whole mutable state of the emulator. */
export interface EmulatorState {
    version: typeof STATE_VERSION;
    config: ServiceConfig;
    /** Every account with its keys: the built-in ones plus those a seed adds. */
    accountList: EmulatorAccount[];
    /** account ID → region → what the account holds there. */
    accounts: Record<string, Record<string, RegionData>>;
    /** region → public and marketplace images (the same for every account). */
    publicImages: Record<string, Record<string, ImageRecord>>;
    /** The next N creations/imports fail (set through the controls). */
    failNext: { create: number; import: number };
    /** Added to the wall clock: lets tests move time forward instead of sleeping. */
    clockOffsetMs: number;
}
