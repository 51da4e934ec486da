/** Renders stored records in the API's reply shapes. */
import { createHash } from "node:crypto";
import { stableId } from "../ids";
import { imageState, isoTime, snapshotState, syncPercent } from "../models/lifecycle";
import { Store, VisibleImage } from "../models/store";
import { DiskRecord, ImageRecord, InstanceRecord, SnapshotRecord } from "../models/types";
import { REGIONS } from "../regions";

/** The regions as both DescribeRegions (CVM's and the Region service's) list them, named in the request's language. */
export function renderRegions(
    language: string,
): { Region: string; RegionName: string; RegionState: string }[] {
    const english = language === "en-US";
    return REGIONS.map((r) => ({
        Region: r.region,
        RegionName: english ? r.nameEn : r.nameZh,
        RegionState: "AVAILABLE",
    }));
}

/** The API `Image` object of an image as the viewing account sees it. */
export function renderImage(store: Store, found: VisibleImage, now: number): Record<string, unknown> {
    const { image, relation } = found;
    const own = relation === "own";
    const imageType = relation === "shared" ? "SHARED_IMAGE" : image.imageType;
    const snapshots = own
        ? image.snapshotIds.flatMap((id) => {
              const s = store.state.accounts[image.owner]?.[image.region]?.snapshots[id];
              return s ? [{ SnapshotId: s.snapshotId, DiskUsage: s.diskUsage, DiskSize: s.diskSize }] : [];
          })
        : [];
    return {
        ImageId: image.imageId,
        OsName: image.osName,
        ImageType: imageType,
        CreatedTime: isoTime(image.createdAt),
        ImageName: image.imageName,
        ImageDescription: image.imageDescription,
        ImageSize: image.imageSize,
        Architecture: image.architecture,
        ImageState: imageState(image, now),
        Platform: image.platform,
        ImageCreator: image.creator ?? image.owner,
        ImageSource: image.imageSource,
        SyncPercent: syncPercent(image, now),
        IsSupportCloudinit: true,
        SnapshotSet: snapshots,
        // Tags belong to the owner's tag service: other accounts do not see them.
        Tags: own ? Object.entries(image.tags).map(([Key, Value]) => ({ Key, Value })) : [],
        LicenseType: image.licenseType,
        // Optional members: the official replies leave them out for an image without a family
        // that is not deprecated, so the emulator shows them only when they say something.
        ...(image.imageFamily ? { ImageFamily: image.imageFamily } : {}),
        ...(image.imageDeprecated ? { ImageDeprecated: true } : {}),
    };
}

/** The one availability zone the emulator places instances in. */
export function zoneOf(region: string): string {
    return `${region}-1`;
}

function renderDisk(disk: DiskRecord): Record<string, unknown> {
    return {
        DiskType: disk.diskType,
        // Optional in the spec: a local disk has none.
        ...(disk.diskId !== undefined ? { DiskId: disk.diskId } : {}),
        DiskSize: disk.diskSize,
        Encrypt: false,
    };
}

/** Ten years: how long a seeded (monthly-paid) instance is paid for. */
const PREPAID_SPAN_MS = 10 * 365 * 24 * 3_600_000;

/**
 * The API `Instance` object: what the emulator knows of an instance, and the rest of the members the
 * spec requires with the values an instance without extras shows in the official replies (no role:
 * "", no RDMA: []); `null` where the spec allows it for what such an instance does not have (a
 * public or IPv6 address, a recorded operation).
 */
export function renderInstance(
    instance: InstanceRecord,
    accountId: string,
    region: string,
): Record<string, unknown> {
    const windows = instance.platform === "Windows";
    const network = stableId("net", `${accountId}:${region}`).slice(4);
    const hostPart = parseInt(stableId("ip", instance.instanceId).slice(3, 7), 36) % 250;
    return {
        Placement: { Zone: zoneOf(region), ProjectId: 0 },
        InstanceId: instance.instanceId,
        InstanceType: instance.instanceType,
        CPU: instance.cpu,
        Memory: instance.memory,
        RestrictState: "NORMAL",
        InstanceName: instance.instanceName,
        InstanceChargeType: "PREPAID",
        SystemDisk: { ...renderDisk(instance.systemDisk), KmsKeyId: "" },
        DataDisks: instance.dataDisks.map((d) => ({
            ...renderDisk(d),
            DeleteWithInstance: true,
            KmsKeyId: null,
            ThroughputPerformance: 0,
        })),
        PrivateIpAddresses: [`172.16.0.${hostPart + 2}`],
        PublicIpAddresses: null,
        InternetAccessible: { InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", InternetMaxBandwidthOut: 0 },
        VirtualPrivateCloud: { VpcId: `vpc-${network}`, SubnetId: `subnet-${network}`, AsVpcGateway: false },
        ImageId: instance.imageId,
        RenewFlag: "NOTIFY_AND_MANUAL_RENEW",
        CreatedTime: isoTime(instance.createdAt),
        ExpiredTime: isoTime(instance.createdAt + PREPAID_SPAN_MS),
        OsName: instance.osName,
        SecurityGroupIds: [`sg-${network}`],
        LoginSettings: {},
        InstanceState: instance.instanceState,
        Tags: [],
        StopChargingMode: "NOT_APPLICABLE",
        Uuid: uuidOf(instance.instanceId),
        LatestOperation: null,
        LatestOperationState: null,
        LatestOperationRequestId: null,
        DisasterRecoverGroupId: "",
        IPv6Addresses: null,
        CamRoleName: "",
        HpcClusterId: "",
        RdmaIpAddresses: [],
        DedicatedClusterId: "",
        IsolatedSource: "NOTISOLATED",
        DisasterRecoverGroupIds: [],
        LicenseType: "TencentCloud",
        DisableApiTermination: false,
        DefaultLoginUser: windows ? "Administrator" : "root",
        DefaultLoginPort: windows ? 3389 : 22,
        LatestOperationErrorMsg: "",
    };
}

/** A stable UUID-shaped ID for an instance. */
function uuidOf(instanceId: string): string {
    const hex = createHash("sha256").update(instanceId).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** CBS prints times as `YYYY-MM-DD hh:mm:ss` (UTC here), as its official replies do. */
function cbsTime(ms: number): string {
    return isoTime(ms).replace("T", " ").replace("Z", "");
}

/**
 * The CBS `Snapshot` object: the snapshot's own facts, and the members the spec requires with the
 * values of a plain permanent snapshot (not shared, not copying, not encrypted), as in the
 * official example.
 */
export function renderSnapshot(
    snapshot: SnapshotRecord,
    images: Record<string, ImageRecord>,
    region: string,
    now: number,
): Record<string, unknown> {
    const state = snapshotState(snapshot, now);
    const span = Math.max(1, snapshot.readyAt - snapshot.createdAt);
    const image = snapshot.imageId ? images[snapshot.imageId] : undefined;
    return {
        Placement: {
            Zone: zoneOf(region),
            CageId: "",
            CdcId: "",
            CdcName: "",
            DedicatedClusterId: "",
            ProjectId: 0,
            ProjectName: "",
        },
        CopyFromRemote: false,
        SnapshotState: state,
        IsPermanent: true,
        SnapshotName: snapshot.snapshotName,
        DeadlineTime: "", // empty for a permanent snapshot, as its documentation says
        Percent:
            state === "NORMAL" ? 100 : Math.min(99, Math.floor(((now - snapshot.createdAt) / span) * 100)),
        Images: image ? [{ ImageId: image.imageId, ImageName: image.imageName }] : [],
        ShareReference: 0,
        SnapshotType: "PRIVATE_SNAPSHOT",
        DiskSize: snapshot.diskSize,
        DiskId: snapshot.diskId,
        CopyingToRegions: [],
        Encrypt: false,
        CreateTime: cbsTime(snapshot.createdAt),
        ImageCount: image ? 1 : 0,
        DiskUsage: snapshot.diskUsage,
        SnapshotId: snapshot.snapshotId,
        TimeStartShare: cbsTime(snapshot.createdAt).slice(0, 10),
        Tags: [],
        SnapshotMode: "STANDARD_SNAPSHOT",
    };
}
