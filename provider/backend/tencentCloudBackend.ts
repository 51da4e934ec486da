/**
 * The ImageBackend over the Tencent Cloud API: for each operation, which action of which service it
 * sends, whether a failed send may be retried, and which reply schema and mapper read the answer.
 * Bodies come from requestBodies.ts, domain values from replyMappers.ts, and the reads of lists (by
 * IDs in batches, or every page) from reads.ts.
 */
import { z } from "zod";
import { API_SERVICES, ApiService } from "./apiServices";
import { rootAccountId } from "./callerAccount";
import { ApiClient } from "./client";
import { Clock, systemClock } from "./clock";
import { findImportedImage } from "./importedImage";
import {
    imagesRead,
    inBatches,
    instancesRead,
    readAllPages,
    readByIds,
    SendRead,
    snapshotsRead,
} from "./reads";
import { toImage, toRegionInfo } from "./replyMappers";
import {
    createImageReply,
    describeImageFromFamilyReply,
    describeImageQuotaReply,
    describeImageSharePermissionReply,
    describeRegionsReply,
    emptyReply,
    importImageReply,
    modifyResourceTagsReply,
    syncImagesReply,
} from "./replySchemas";
import {
    boolString,
    imageResourceName,
    modifyResourceTagsBodies,
    tagSpecification,
    toApiFilters,
} from "./requestBodies";
import {
    CallOptions,
    CreateImageRequest,
    Image,
    ImageAttributeChanges,
    ImageBackend,
    ImageFilter,
    ImportImageRequest,
    InstanceInfo,
    RegionInfo,
    SharePermission,
    SnapshotInfo,
    SyncedImage,
} from "./types";

export interface TencentCloudBackendOptions {
    /** The clock of the pauses while an imported image is looked for. Default: the system clock. */
    clock?: Clock;
}

/** What CreateImage and ImportImage both take: the new image's name, description, tags and family. */
function newImageBody(request: CreateImageRequest | ImportImageRequest): Record<string, unknown> {
    return {
        ImageName: request.imageName,
        ImageDescription: request.imageDescription,
        TagSpecification: tagSpecification(request.tags),
        ImageFamily: request.imageFamily,
    };
}

function hasTags(image: Image, tags: Record<string, string>): boolean {
    return Object.entries(tags).every(([key, value]) => image.tags[key] === value);
}

/** ImageBackend implemented with Tencent Cloud API calls. */
export class TencentCloudBackend implements ImageBackend {
    private readonly clock: Clock;

    constructor(
        private readonly client: ApiClient,
        options: TencentCloudBackendOptions = {},
    ) {
        this.clock = options.clock ?? systemClock;
    }

    private call<S extends z.ZodType>(
        service: ApiService,
        action: string,
        region: string | undefined,
        body: Record<string, unknown>,
        reply: S,
        idempotent: boolean,
        opts?: CallOptions,
    ): Promise<z.output<S>> {
        return this.client.request({
            service,
            version: API_SERVICES[service],
            action,
            region,
            body,
            reply,
            idempotent,
            signal: opts?.signal,
            priority: opts?.priority,
        });
    }

    /** Sends a read: reads are always safe to retry. */
    private readonly read: SendRead = (service, action, region, body, reply, opts) =>
        this.call(service, action, region, body, reply, true, opts);

    describeImagesByIds(region: string, imageIds: string[], opts?: CallOptions): Promise<Image[]> {
        return readByIds(this.read, imagesRead, region, imageIds, opts);
    }

    async listImages(region: string, filter?: ImageFilter, opts?: CallOptions): Promise<Image[]> {
        const { filters, clientSideTags } = toApiFilters(filter);
        const body = { Filters: filters.length > 0 ? filters : undefined };
        const images = await readAllPages(this.read, imagesRead, region, body, opts);
        return images.filter((image) => hasTags(image, clientSideTags));
    }

    async countImages(region: string, filter?: ImageFilter, opts?: CallOptions): Promise<number> {
        const { filters, clientSideTags } = toApiFilters(filter);
        // Tag conditions beyond the API's filter limit cannot be counted server-side.
        if (Object.keys(clientSideTags).length > 0)
            return (await this.listImages(region, filter, opts)).length;
        const body = { Filters: filters.length > 0 ? filters : undefined, Offset: 0, Limit: 1 };
        const { service, action, reply } = imagesRead;
        return imagesRead.total(await this.read(service, action, region, body, reply, opts));
    }

    async createImage(region: string, request: CreateImageRequest, opts?: CallOptions): Promise<string> {
        const body = {
            ...newImageBody(request),
            InstanceId: request.instanceId,
            DataDiskIds:
                request.dataDiskIds && request.dataDiskIds.length > 0 ? request.dataDiskIds : undefined,
            ForcePoweroff: boolString(request.forcePoweroff),
            Sysprep: boolString(request.sysprep),
            SnapshotIds: request.snapshotIds,
        };
        const reply = await this.call("cvm", "CreateImage", region, body, createImageReply, false, opts);
        return reply.ImageId;
    }

    async importImage(region: string, request: ImportImageRequest, opts?: CallOptions): Promise<string> {
        const body = {
            Architecture: request.architecture,
            OsType: request.osType,
            OsVersion: request.osVersion,
            ImageUrl: request.imageUrl,
            BootMode: request.bootMode,
            LicenseType: request.licenseType,
            Force: request.force,
            ...newImageBody(request),
        };
        const reply = await this.call("cvm", "ImportImage", region, body, importImageReply, false, opts);
        if (reply.ImageId) return reply.ImageId;
        const list = (filter: ImageFilter, o?: CallOptions) => this.listImages(region, filter, o);
        return findImportedImage(list, this.clock, region, request, opts);
    }

    async deleteImages(
        region: string,
        imageIds: string[],
        options?: { deleteSnapshots?: boolean; dryRun?: boolean },
        opts?: CallOptions,
    ): Promise<void> {
        await inBatches(imageIds, async (batch) => {
            const body = {
                ImageIds: batch,
                DeleteBindedSnap: options?.deleteSnapshots,
                DryRun: options?.dryRun,
            };
            // Not idempotent for retry purposes: a resend after a lost reply would fail with NotFound.
            await this.call("cvm", "DeleteImages", region, body, emptyReply, false, opts);
            return [];
        });
    }

    async modifyImageAttribute(
        region: string,
        imageId: string,
        changes: ImageAttributeChanges,
        opts?: CallOptions,
    ): Promise<void> {
        const body = {
            ImageName: changes.imageName,
            ImageDescription: changes.imageDescription,
            ImageFamily: changes.imageFamily,
            ImageDeprecated: changes.imageDeprecated,
        };
        if (Object.values(body).every((value) => value === undefined)) return;
        const request = { ImageId: imageId, ...body };
        await this.call("cvm", "ModifyImageAttribute", region, request, emptyReply, true, opts);
    }

    async describeImageFromFamily(
        region: string,
        imageFamily: string,
        opts?: CallOptions,
    ): Promise<Image | null> {
        const body = { ImageFamily: imageFamily };
        const reply = await this.call(
            "cvm",
            "DescribeImageFromFamily",
            region,
            body,
            describeImageFromFamilyReply,
            true,
            opts,
        );
        return reply.Image ? toImage(region, reply.Image) : null;
    }

    async modifyImageTags(
        region: string,
        imageId: string,
        changes: { replace: Record<string, string>; remove: string[] },
        opts?: CallOptions,
    ): Promise<void> {
        if (Object.keys(changes.replace).length === 0 && changes.remove.length === 0) return;
        const resource = imageResourceName(region, await rootAccountId(this.client), imageId);
        for (const body of modifyResourceTagsBodies(resource, changes)) {
            await this.call("tag", "ModifyResourceTags", region, body, modifyResourceTagsReply, true, opts);
        }
    }

    async modifySharePermission(
        region: string,
        imageId: string,
        accountIds: string[],
        permission: "SHARE" | "CANCEL",
        opts?: CallOptions,
    ): Promise<void> {
        if (accountIds.length === 0) return;
        const body = { ImageId: imageId, AccountIds: accountIds, Permission: permission };
        await this.call("cvm", "ModifyImageSharePermission", region, body, emptyReply, false, opts);
    }

    async describeSharePermission(
        region: string,
        imageId: string,
        opts?: CallOptions,
    ): Promise<SharePermission[]> {
        const reply = await this.call(
            "cvm",
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
        const body = {
            ImageIds: [imageId],
            DestinationRegions: destinationRegions,
            ImageName: options?.imageName,
            ImageSetRequired: true,
        };
        const reply = await this.call("cvm", "SyncImages", region, body, syncImagesReply, false, opts);
        return reply.ImageSet.map((i) => ({ region: i.Region, imageId: i.ImageId }));
    }

    async describeImageQuota(region: string, opts?: CallOptions): Promise<number> {
        const reply = await this.call(
            "cvm",
            "DescribeImageQuota",
            region,
            {},
            describeImageQuotaReply,
            true,
            opts,
        );
        return reply.ImageNumQuota;
    }

    async describeRegions(opts?: CallOptions): Promise<RegionInfo[]> {
        const body = { Product: "cvm" };
        const reply = await this.call(
            "region",
            "DescribeRegions",
            undefined,
            body,
            describeRegionsReply,
            true,
            opts,
        );
        return reply.RegionSet.map(toRegionInfo);
    }

    describeInstances(region: string, instanceIds: string[], opts?: CallOptions): Promise<InstanceInfo[]> {
        return readByIds(this.read, instancesRead, region, instanceIds, opts);
    }

    listInstances(region: string, opts?: CallOptions): Promise<InstanceInfo[]> {
        return readAllPages(this.read, instancesRead, region, {}, opts);
    }

    describeSnapshots(region: string, snapshotIds: string[], opts?: CallOptions): Promise<SnapshotInfo[]> {
        return readByIds(this.read, snapshotsRead, region, snapshotIds, opts);
    }
}
