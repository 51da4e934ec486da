/**
 * The domain model of the image backend: what the resources, the plan checks and the lookups need to
 * know about images, independent of the wire format of the Tencent Cloud API.
 */
import type { RatePriority } from "./rateLimiter";

/**
 * A string the API may extend: the values listed are the ones the provider knows and acts on, and
 * any other value (one the service adds later) is kept as it reads, so that it never fails a reply.
 */
type Open<Known extends string> = Known | (string & Record<never, never>);

/**
 * The kinds of image the provider knows (API `ImageType`). The spec documents the first three;
 * `MARKET_IMAGE` is how the service reports a marketplace image.
 */
export type KnownImageType = "PUBLIC_IMAGE" | "PRIVATE_IMAGE" | "SHARED_IMAGE" | "MARKET_IMAGE";

/** Who made an image and who may use it (API `ImageType`): a known kind, or one the service added later. */
export type ImageType = Open<KnownImageType>;

/** The `image-type` values the DescribeImages filter documents (no value selects marketplace images). */
export const IMAGE_TYPE_FILTER_VALUES = ["PRIVATE_IMAGE", "PUBLIC_IMAGE", "SHARED_IMAGE"] as const;
export type ImageTypeFilterValue = (typeof IMAGE_TYPE_FILTER_VALUES)[number];

/** The image states the provider knows (API `ImageState`). `USING` is legacy but may still appear. */
export type KnownImageState =
    "CREATING" | "NORMAL" | "CREATEFAILED" | "SYNCING" | "IMPORTING" | "IMPORTFAILED" | "USING";

/** The lifecycle state of an image (API `ImageState`): a known state, or one the service added later. */
export type ImageState = Open<KnownImageState>;

/** A snapshot that backs an image (API `Snapshot`). */
export interface ImageSnapshot {
    snapshotId: string;
    diskUsage: "SYSTEM_DISK" | "DATA_DISK" | string;
    diskSizeGb: number;
}

/** One image as DescribeImages reports it, plus the region it was read in. */
export interface Image {
    imageId: string;
    region: string;
    imageName: string;
    imageDescription: string;
    imageType: ImageType;
    imageState: ImageState;
    osName: string;
    platform: string;
    /** `x86_64`, `arm` or `i386` (output spelling). */
    architecture: string;
    imageSizeGb: number;
    /** ISO 8601 UTC. */
    createdTime: string;
    /** `tencent` for public images, else the creator's account ID. */
    imageCreator: string;
    /** `OFFICIAL`, `CREATE_IMAGE` or `EXTERNAL_IMPORT`. */
    imageSource: string;
    /** Copy progress 0–100 while SYNCING, else null. */
    syncPercent: number | null;
    snapshots: ImageSnapshot[];
    tags: Record<string, string>;
    licenseType?: string;
    /** The image family it belongs to (API `ImageFamily`); absent when in none (replies leave it out then). */
    imageFamily?: string;
    /** API `ImageDeprecated`, as the reply gives it; absent when the reply leaves it out (not deprecated). */
    imageDeprecated?: boolean;
}

/** Server-side filters of DescribeImages (ANDed; each list is ORed). */
export interface ImageFilter {
    /** Only the documented filter values: marketplace images are told apart from the replies. */
    imageTypes?: ImageTypeFilterValue[];
    /** Substring match on the name (server-side fuzzy match). */
    imageName?: string;
    /** Substring match on the platform, e.g. `Ubuntu`. */
    platform?: string;
    /** Every key must be present with the given value. */
    tags?: Record<string, string>;
}

export interface CreateImageRequest {
    imageName: string;
    imageDescription?: string;
    /** Exactly one of instanceId and snapshotIds. */
    instanceId?: string;
    dataDiskIds?: string[];
    forcePoweroff?: boolean;
    sysprep?: boolean;
    snapshotIds?: string[];
    tags?: Record<string, string>;
    /** The family the new image joins (API `ImageFamily`). */
    imageFamily?: string;
}

/**
 * What ImportImage is sent. The image-file fields are also what a CustomImage's `source.import` takes
 * (../model/imageSource.ts picks them from here), so their docs are written for users.
 */
export interface ImportImageRequest {
    imageName: string;
    imageDescription?: string;
    /** The COS URL of the image file. */
    imageUrl: string;
    /** The OS, e.g. `CentOS`, `Ubuntu`, `Windows`. */
    osType: string;
    /** The OS version, e.g. `7` or `22.04`. */
    osVersion: string;
    /** `x86_64`, `i386` or `arm_64` (the input spelling; an Image reports it in the output spelling). */
    architecture: string;
    /** `Legacy BIOS` or `UEFI`. Default: the service's (`Legacy BIOS`). */
    bootMode?: string;
    /** `TencentCloud` or `BYOL`. Default: the service's (`TencentCloud`). */
    licenseType?: string;
    /** Import even when the image file fails the service's checks. Default `false`. Only used at creation. */
    force?: boolean;
    tags?: Record<string, string>;
    /** The family the imported image joins (API `ImageFamily`). */
    imageFamily?: string;
}

/** What ModifyImageAttribute changes; members left out stay as they are. */
export interface ImageAttributeChanges {
    imageName?: string;
    imageDescription?: string;
    /** The family to move the image into; `""` takes it out of its family. */
    imageFamily?: string;
    imageDeprecated?: boolean;
}

export interface SharePermission {
    accountId: string;
    /** ISO 8601 UTC. */
    createdTime: string;
}

/** A copy made by SyncImages: the new image's ID in one destination region. */
export interface SyncedImage {
    region: string;
    imageId: string;
}

export interface RegionInfo {
    region: string;
    regionName: string;
    regionState: string;
}

/** The little that plan-time checks need to know about an instance (API `DescribeInstances`). */
export interface InstanceInfo {
    instanceId: string;
    instanceName: string;
    instanceState: string;
    /** IDs of the instance's data disks (its system disk is not listed; disks the reply gives no ID are left out). */
    dataDiskIds: string[];
    /** Undefined when the reply gives none (the spec makes `SystemDisk.DiskId` optional). */
    systemDiskId?: string;
    /** How many data disks the reply listed without a `DiskId` (optional in the spec); absent when none. */
    unidentifiedDataDisks?: number;
    /** The image the instance runs (absent when the reply gives none). */
    imageId?: string;
}

/** The little that plan-time checks need to know about a snapshot (CBS `DescribeSnapshots`). */
export interface SnapshotInfo {
    snapshotId: string;
    diskUsage: "SYSTEM_DISK" | "DATA_DISK" | string;
    snapshotState: string;
}

/** Options that every call accepts. */
export interface CallOptions {
    /** Abort the call (and its retries) when this signal fires. */
    signal?: AbortSignal;
    /** `background` (a poll): waits behind the calls a resource is waiting on. Default `foreground`. */
    priority?: RatePriority;
}

/**
 * The domain operations of the image service. Every method names the region it works in; none
 * reads configuration (the implementation is built from a resolved configuration).
 */
export interface ImageBackend {
    /** The images with these IDs that exist in the region (missing IDs are simply absent). Batches of 100. */
    describeImagesByIds(region: string, imageIds: string[], opts?: CallOptions): Promise<Image[]>;
    /** Every image matching the filter, reading all pages. */
    listImages(region: string, filter?: ImageFilter, opts?: CallOptions): Promise<Image[]>;
    /** How many images match the filter, without reading them all (one call, Limit 1). */
    countImages(region: string, filter?: ImageFilter, opts?: CallOptions): Promise<number>;
    /** Starts creating a custom image; returns its ID (the image is CREATING). Never retried blindly. */
    createImage(region: string, request: CreateImageRequest, opts?: CallOptions): Promise<string>;
    /**
     * Starts importing an image from a URL; returns its ID (the image is IMPORTING). Never retried
     * blindly. A reply without ImageId (the official example has none) is settled by finding the image
     * by its name and the tags it was sent with.
     */
    importImage(region: string, request: ImportImageRequest, opts?: CallOptions): Promise<string>;
    /** Deletes images, and their snapshots when asked. */
    deleteImages(
        region: string,
        imageIds: string[],
        options?: { deleteSnapshots?: boolean; dryRun?: boolean },
        opts?: CallOptions,
    ): Promise<void>;
    /** Renames an image, changes its description, moves it into or out of a family, (un)deprecates it. */
    modifyImageAttribute(
        region: string,
        imageId: string,
        changes: ImageAttributeChanges,
        opts?: CallOptions,
    ): Promise<void>;
    /**
     * The family's available image in the region as the service chooses it (DescribeImageFromFamily:
     * the newest non-deprecated one), or null when the family has none.
     */
    describeImageFromFamily(region: string, imageFamily: string, opts?: CallOptions): Promise<Image | null>;
    /** Sets and removes tags of an image (Tag service `ModifyResourceTags`). */
    modifyImageTags(
        region: string,
        imageId: string,
        changes: { replace: Record<string, string>; remove: string[] },
        opts?: CallOptions,
    ): Promise<void>;
    /** Shares an image with accounts, or cancels their shares. */
    modifySharePermission(
        region: string,
        imageId: string,
        accountIds: string[],
        permission: "SHARE" | "CANCEL",
        opts?: CallOptions,
    ): Promise<void>;
    /** The accounts an image is shared with. */
    describeSharePermission(region: string, imageId: string, opts?: CallOptions): Promise<SharePermission[]>;
    /** Copies one image to other regions (`ImageSetRequired`); returns the new images' IDs. */
    syncImages(
        region: string,
        imageId: string,
        destinationRegions: string[],
        options?: { imageName?: string },
        opts?: CallOptions,
    ): Promise<SyncedImage[]>;
    /** The account's custom-image quota in the region (`ImageNumQuota`). */
    describeImageQuota(region: string, opts?: CallOptions): Promise<number>;
    /** The regions CVM is offered in (the Region service, product `cvm`). */
    describeRegions(opts?: CallOptions): Promise<RegionInfo[]>;
    /** The instances with these IDs that exist in the region. */
    describeInstances(region: string, instanceIds: string[], opts?: CallOptions): Promise<InstanceInfo[]>;
    /** Every instance of the account in the region, reading all pages (which images are in use). */
    listInstances(region: string, opts?: CallOptions): Promise<InstanceInfo[]>;
    /** The snapshots with these IDs that exist in the region. */
    describeSnapshots(region: string, snapshotIds: string[], opts?: CallOptions): Promise<SnapshotInfo[]>;
}
