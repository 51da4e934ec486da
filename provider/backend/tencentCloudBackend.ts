/**
 * The ImageBackend over the Tencent Cloud API: builds each action's request body, picks which calls
 * may be retried, reads every page, and maps replies to the domain types of types.ts.
 */
import { z } from "zod";
import { ApiClient } from "./client";
import {
    ApiImage,
    createImageReply,
    describeImageQuotaReply,
    describeImageSharePermissionReply,
    describeImagesReply,
    describeInstancesReply,
    describeRegionsReply,
    describeSnapshotsReply,
    emptyReply,
    importImageReply,
    modifyResourceTagsReply,
    syncImagesReply,
} from "./replySchemas";
import {
    CallOptions,
    CreateImageRequest,
    Image,
    ImageBackend,
    ImageFilter,
    ImportImageRequest,
    InstanceInfo,
    RegionInfo,
    SharePermission,
    SnapshotInfo,
    SyncedImage,
} from "./types";

/** API version of CVM (images, regions, instances). */
export const CVM_VERSION = "2017-03-12";
/** API version of the Tag service. */
export const TAG_VERSION = "2018-08-13";
/** API version of CBS (snapshots). */
export const CBS_VERSION = "2017-03-12";

/** Most IDs per Describe* call, and the page size (DescribeImages `Limit` ≤100). */
export const PAGE_SIZE = 100;
/** DescribeImages accepts at most 10 filters. */
const MAX_FILTERS = 10;

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
}

/** The Tag-service resource name of an image: `qcs::cvm:<region>:uin/<accountId>:image/<imageId>`. */
export function imageResourceName(region: string, accountId: string, imageId: string): string {
    return `qcs::cvm:${region}:uin/${accountId}:image/${imageId}`;
}

/** API `Image` → domain `Image`. */
export function toImage(region: string, api: ApiImage): Image {
    const image: Image = {
        imageId: api.ImageId,
        region,
        imageName: api.ImageName,
        imageDescription: api.ImageDescription,
        imageType: api.ImageType,
        imageState: api.ImageState,
        osName: api.OsName,
        platform: api.Platform,
        architecture: api.Architecture,
        imageSizeGb: api.ImageSize,
        createdTime: api.CreatedTime,
        imageCreator: api.ImageCreator,
        imageSource: api.ImageSource,
        syncPercent: api.SyncPercent ?? null,
        snapshots: api.SnapshotSet.map((s) => ({
            snapshotId: s.SnapshotId,
            diskUsage: s.DiskUsage,
            diskSizeGb: s.DiskSize,
        })),
        tags: Object.fromEntries(api.Tags.map((t) => [t.Key, t.Value])),
    };
    if (api.LicenseType) image.licenseType = api.LicenseType;
    return image;
}

interface ApiFilter {
    Name: string;
    Values: string[];
}

/**
 * The DescribeImages filters of a domain filter. Beyond the API's 10 filters, the remaining tag
 * conditions are returned as `clientSideTags` to be applied to the results.
 */
export function toApiFilters(filter: ImageFilter = {}): {
    filters: ApiFilter[];
    clientSideTags: Record<string, string>;
} {
    const filters: ApiFilter[] = [];
    if (filter.imageTypes && filter.imageTypes.length > 0)
        filters.push({ Name: "image-type", Values: filter.imageTypes });
    if (filter.imageName) filters.push({ Name: "image-name", Values: [filter.imageName] });
    if (filter.platform) filters.push({ Name: "platform", Values: [filter.platform] });
    const clientSideTags: Record<string, string> = {};
    for (const [key, value] of Object.entries(filter.tags ?? {})) {
        if (filters.length < MAX_FILTERS) filters.push({ Name: `tag:${key}`, Values: [value] });
        else clientSideTags[key] = value;
    }
    return { filters, clientSideTags };
}

function hasTags(image: Image, tags: Record<string, string>): boolean {
    return Object.entries(tags).every(([key, value]) => image.tags[key] === value);
}

function tagSpecification(tags: Record<string, string> | undefined) {
    if (!tags || Object.keys(tags).length === 0) return undefined;
    return [{ ResourceType: "image", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }];
}

function boolString(value: boolean | undefined): "true" | "false" | undefined {
    return value === undefined ? undefined : value ? "true" : "false";
}

/**
 * ImageBackend implemented with Tencent Cloud API calls.
 *
 * Tagging needs the owner's account ID (the Tag-service resource name contains it). It is taken
 * from the image's `ImageCreator` (one DescribeImages call) the first time, then remembered: every
 * image this account can tag is its own private image, so the creator is the caller's account.
 */
export class TencentCloudBackend implements ImageBackend {
    private ownerAccountId: string | undefined;

    constructor(private readonly client: ApiClient) {}

    private cvm<S extends z.ZodType>(
        action: string,
        region: string | undefined,
        body: Record<string, unknown>,
        reply: S,
        idempotent: boolean,
        opts?: CallOptions,
    ): Promise<z.output<S>> {
        return this.client.request({
            service: "cvm",
            version: CVM_VERSION,
            action,
            region,
            body,
            reply,
            idempotent,
            signal: opts?.signal,
        });
    }

    async describeImagesByIds(region: string, imageIds: string[], opts?: CallOptions): Promise<Image[]> {
        const ids = [...new Set(imageIds)];
        const images: Image[] = [];
        for (const batch of chunk(ids, PAGE_SIZE)) {
            const reply = await this.cvm(
                "DescribeImages",
                region,
                { ImageIds: batch, Limit: PAGE_SIZE },
                describeImagesReply,
                true,
                opts,
            );
            images.push(...reply.ImageSet.map((i) => toImage(region, i)));
        }
        return images;
    }

    async listImages(region: string, filter?: ImageFilter, opts?: CallOptions): Promise<Image[]> {
        const { filters, clientSideTags } = toApiFilters(filter);
        const images: Image[] = [];
        for (let offset = 0; ; offset += PAGE_SIZE) {
            const reply = await this.cvm(
                "DescribeImages",
                region,
                { Filters: filters.length > 0 ? filters : undefined, Offset: offset, Limit: PAGE_SIZE },
                describeImagesReply,
                true,
                opts,
            );
            images.push(...reply.ImageSet.map((i) => toImage(region, i)));
            // Stop on a short page too, so a TotalCount that moves while paging cannot loop forever.
            if (reply.ImageSet.length < PAGE_SIZE || offset + PAGE_SIZE >= reply.TotalCount) break;
        }
        return images.filter((image) => hasTags(image, clientSideTags));
    }

    async countImages(region: string, filter?: ImageFilter, opts?: CallOptions): Promise<number> {
        const { filters, clientSideTags } = toApiFilters(filter);
        // Tag conditions beyond the API's filter limit cannot be counted server-side.
        if (Object.keys(clientSideTags).length > 0)
            return (await this.listImages(region, filter, opts)).length;
        const reply = await this.cvm(
            "DescribeImages",
            region,
            { Filters: filters.length > 0 ? filters : undefined, Offset: 0, Limit: 1 },
            describeImagesReply,
            true,
            opts,
        );
        return reply.TotalCount;
    }

    async createImage(region: string, request: CreateImageRequest, opts?: CallOptions): Promise<string> {
        const reply = await this.cvm(
            "CreateImage",
            region,
            {
                ImageName: request.imageName,
                ImageDescription: request.imageDescription,
                InstanceId: request.instanceId,
                DataDiskIds:
                    request.dataDiskIds && request.dataDiskIds.length > 0 ? request.dataDiskIds : undefined,
                ForcePoweroff: boolString(request.forcePoweroff),
                Sysprep: boolString(request.sysprep),
                SnapshotIds: request.snapshotIds,
                TagSpecification: tagSpecification(request.tags),
            },
            createImageReply,
            false,
            opts,
        );
        return reply.ImageId;
    }

    async importImage(region: string, request: ImportImageRequest, opts?: CallOptions): Promise<string> {
        const reply = await this.cvm(
            "ImportImage",
            region,
            {
                Architecture: request.architecture,
                OsType: request.osType,
                OsVersion: request.osVersion,
                ImageUrl: request.imageUrl,
                ImageName: request.imageName,
                ImageDescription: request.imageDescription,
                BootMode: request.bootMode,
                LicenseType: request.licenseType,
                Force: request.force,
                TagSpecification: tagSpecification(request.tags),
            },
            importImageReply,
            false,
            opts,
        );
        return reply.ImageId;
    }

    async deleteImages(
        region: string,
        imageIds: string[],
        options?: { deleteSnapshots?: boolean; dryRun?: boolean },
        opts?: CallOptions,
    ): Promise<void> {
        for (const batch of chunk([...new Set(imageIds)], PAGE_SIZE)) {
            // Not idempotent for retry purposes: a resend after a lost reply would fail with NotFound.
            await this.cvm(
                "DeleteImages",
                region,
                { ImageIds: batch, DeleteBindedSnap: options?.deleteSnapshots, DryRun: options?.dryRun },
                emptyReply,
                false,
                opts,
            );
        }
    }

    async modifyImageAttribute(
        region: string,
        imageId: string,
        changes: { imageName?: string; imageDescription?: string },
        opts?: CallOptions,
    ): Promise<void> {
        if (changes.imageName === undefined && changes.imageDescription === undefined) return;
        await this.cvm(
            "ModifyImageAttribute",
            region,
            { ImageId: imageId, ImageName: changes.imageName, ImageDescription: changes.imageDescription },
            emptyReply,
            true,
            opts,
        );
    }

    async modifyImageTags(
        region: string,
        imageId: string,
        changes: { replace: Record<string, string>; remove: string[] },
        opts?: CallOptions,
    ): Promise<void> {
        const replace = Object.entries(changes.replace);
        if (replace.length === 0 && changes.remove.length === 0) return;
        const accountId = await this.imageOwner(region, imageId, opts);
        await this.client.request({
            service: "tag",
            version: TAG_VERSION,
            action: "ModifyResourceTags",
            region,
            body: {
                Resource: imageResourceName(region, accountId, imageId),
                ReplaceTags:
                    replace.length > 0
                        ? replace.map(([TagKey, TagValue]) => ({ TagKey, TagValue }))
                        : undefined,
                DeleteTags:
                    changes.remove.length > 0 ? changes.remove.map((TagKey) => ({ TagKey })) : undefined,
            },
            reply: modifyResourceTagsReply,
            idempotent: true,
            signal: opts?.signal,
        });
    }

    /** The account that owns an image (its ImageCreator), remembered after the first private image. */
    private async imageOwner(region: string, imageId: string, opts?: CallOptions): Promise<string> {
        if (this.ownerAccountId) return this.ownerAccountId;
        const [image] = await this.describeImagesByIds(region, [imageId], opts);
        if (!image) {
            throw new Error(
                `Cannot tag image ${imageId} in ${region}: DescribeImages does not find it (deleted, or in another region)`,
            );
        }
        if (image.imageType !== "PRIVATE_IMAGE" || !/^\d+$/.test(image.imageCreator)) {
            throw new Error(
                `Cannot tag image ${imageId} in ${region}: it is a ${image.imageType} created by "${image.imageCreator}"; ` +
                    "only your own custom images can be tagged",
            );
        }
        this.ownerAccountId = image.imageCreator;
        return image.imageCreator;
    }

    async modifySharePermission(
        region: string,
        imageId: string,
        accountIds: string[],
        permission: "SHARE" | "CANCEL",
        opts?: CallOptions,
    ): Promise<void> {
        if (accountIds.length === 0) return;
        await this.cvm(
            "ModifyImageSharePermission",
            region,
            { ImageId: imageId, AccountIds: accountIds, Permission: permission },
            emptyReply,
            false,
            opts,
        );
    }

    async describeSharePermission(
        region: string,
        imageId: string,
        opts?: CallOptions,
    ): Promise<SharePermission[]> {
        const reply = await this.cvm(
            "DescribeImageSharePermission",
            region,
            { ImageId: imageId },
            describeImageSharePermissionReply,
            true,
            opts,
        );
        return reply.SharePermissionSet.map((p) => ({ accountId: p.AccountId, createdTime: p.CreatedTime }));
    }

    async syncImages(
        region: string,
        imageId: string,
        destinationRegions: string[],
        options?: { imageName?: string },
        opts?: CallOptions,
    ): Promise<SyncedImage[]> {
        if (destinationRegions.length === 0) return [];
        const reply = await this.cvm(
            "SyncImages",
            region,
            {
                ImageIds: [imageId],
                DestinationRegions: destinationRegions,
                ImageName: options?.imageName,
                ImageSetRequired: true,
            },
            syncImagesReply,
            false,
            opts,
        );
        return reply.ImageSet.map((i) => ({ region: i.Region, imageId: i.ImageId }));
    }

    async describeImageQuota(region: string, opts?: CallOptions): Promise<number> {
        const reply = await this.cvm("DescribeImageQuota", region, {}, describeImageQuotaReply, true, opts);
        return reply.ImageNumQuota;
    }

    async describeRegions(opts?: CallOptions): Promise<RegionInfo[]> {
        const reply = await this.cvm("DescribeRegions", undefined, {}, describeRegionsReply, true, opts);
        return reply.RegionSet.map((r) => ({
            region: r.Region,
            regionName: r.RegionName,
            regionState: r.RegionState,
        }));
    }

    async describeInstances(
        region: string,
        instanceIds: string[],
        opts?: CallOptions,
    ): Promise<InstanceInfo[]> {
        const result: InstanceInfo[] = [];
        for (const batch of chunk([...new Set(instanceIds)], PAGE_SIZE)) {
            const reply = await this.cvm(
                "DescribeInstances",
                region,
                { InstanceIds: batch, Limit: PAGE_SIZE },
                describeInstancesReply,
                true,
                opts,
            );
            result.push(
                ...reply.InstanceSet.map((i) => ({
                    instanceId: i.InstanceId,
                    instanceName: i.InstanceName,
                    instanceState: i.InstanceState,
                    systemDiskId: i.SystemDisk.DiskId,
                    dataDiskIds: i.DataDisks.map((d) => d.DiskId),
                })),
            );
        }
        return result;
    }

    async describeSnapshots(
        region: string,
        snapshotIds: string[],
        opts?: CallOptions,
    ): Promise<SnapshotInfo[]> {
        const result: SnapshotInfo[] = [];
        for (const batch of chunk([...new Set(snapshotIds)], PAGE_SIZE)) {
            const reply = await this.client.request({
                service: "cbs",
                version: CBS_VERSION,
                action: "DescribeSnapshots",
                region,
                body: { SnapshotIds: batch, Limit: PAGE_SIZE },
                reply: describeSnapshotsReply,
                idempotent: true,
                signal: opts?.signal,
            });
            result.push(
                ...reply.SnapshotSet.map((s) => ({
                    snapshotId: s.SnapshotId,
                    diskUsage: s.DiskUsage,
                    snapshotState: s.SnapshotState,
                })),
            );
        }
        return result;
    }
}
