/** The replies of the API, as parsed by replySchemas.ts, mapped to the domain types of types.ts. */
import { z } from "zod";
import {
    ApiImage,
    describeInstancesReply,
    describeRegionsReply,
    describeSnapshotsReply,
} from "./replySchemas";
import { Image, InstanceInfo, RegionInfo, SnapshotInfo } from "./types";

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
    if (api.ImageFamily) image.imageFamily = api.ImageFamily;
    if (typeof api.ImageDeprecated === "boolean") image.imageDeprecated = api.ImageDeprecated;
    return image;
}

type ApiInstance = z.output<typeof describeInstancesReply>["InstanceSet"][number];

/** API `Instance` → what the plan checks need; disks the reply lists without an ID are counted, not named. */
export function toInstanceInfo(api: ApiInstance): InstanceInfo {
    const dataDiskIds = api.DataDisks.flatMap((d) => (d.DiskId ? [d.DiskId] : []));
    const info: InstanceInfo = {
        instanceId: api.InstanceId,
        instanceName: api.InstanceName,
        instanceState: api.InstanceState,
        dataDiskIds,
    };
    if (api.SystemDisk?.DiskId) info.systemDiskId = api.SystemDisk.DiskId;
    if (api.ImageId) info.imageId = api.ImageId;
    const unidentified = api.DataDisks.length - dataDiskIds.length;
    if (unidentified > 0) info.unidentifiedDataDisks = unidentified;
    return info;
}

type ApiRegion = z.output<typeof describeRegionsReply>["RegionSet"][number];

/** Region service `RegionInfo` → domain `RegionInfo`. */
export function toRegionInfo(api: ApiRegion): RegionInfo {
    return { region: api.Region, regionName: api.RegionName, regionState: api.RegionState };
}

type ApiSnapshot = z.output<typeof describeSnapshotsReply>["SnapshotSet"][number];

/** CBS `Snapshot` → what the plan checks need. */
export function toSnapshotInfo(api: ApiSnapshot): SnapshotInfo {
    return { snapshotId: api.SnapshotId, diskUsage: api.DiskUsage, snapshotState: api.SnapshotState };
}
