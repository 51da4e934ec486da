/** CreateImage: a custom image from an instance (system disk plus chosen data disks) or from snapshots. */
import { z } from "zod";
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { snapshotState } from "../../models/lifecycle";
import {
    assertImageFamily,
    assertNameAndDescription,
    assertQuota,
    assertUniqueName,
    tagsFromSpecification,
} from "../../models/rules";
import { CloudDiskRecord, ImageRecord, InstanceRecord, SnapshotRecord } from "../../models/types";
import { defineHandler } from "../types";
import { tagSpecificationSchema } from "./shared";

const params = z.strictObject({
    ImageName: z.string(),
    InstanceId: z.string().optional(),
    ImageDescription: z.string().optional(),
    ForcePoweroff: z.enum(["true", "false"]).optional(),
    Sysprep: z.enum(["true", "false"]).optional(),
    DataDiskIds: z.array(z.string()).optional(),
    SnapshotIds: z.array(z.string()).optional(),
    DryRun: z.boolean().optional(),
    TagSpecification: tagSpecificationSchema.optional(),
    ImageFamily: z.string().optional(),
});

/** Where the new image's disks come from: disks to snapshot, and the OS they carry. */
interface ImageSource {
    disks: { disk: Pick<CloudDiskRecord, "diskId" | "diskSize">; usage: "SYSTEM_DISK" | "DATA_DISK" }[];
    os: Pick<InstanceRecord, "osName" | "platform" | "architecture">;
    instanceId?: string;
}

export default defineHandler({
    service: "cvm",
    action: "CreateImage",
    params,
    region: "required",
    mutates: true,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        assertNameAndDescription(p.ImageName, p.ImageDescription);
        assertImageFamily(p.ImageFamily);
        const hasInstance = p.InstanceId !== undefined;
        const hasSnapshots = p.SnapshotIds !== undefined && p.SnapshotIds.length > 0;
        if (hasInstance === hasSnapshots) {
            fail(
                "InvalidParameter.SpecifyOneParameter",
                "Specify exactly one of InstanceId and SnapshotIds.",
            );
        }
        if (hasSnapshots && p.DataDiskIds !== undefined) {
            fail(
                "InvalidParameterConflict",
                "DataDiskIds can only be given with InstanceId, not with SnapshotIds.",
            );
        }
        const data = store.regionData(accountId, region);
        const source: ImageSource = hasInstance
            ? fromInstance(data.instances, p.InstanceId!, p.DataDiskIds ?? [], region)
            : fromSnapshots(data.snapshots, data.instances, p.SnapshotIds!, region, now);
        const tags = tagsFromSpecification(p.TagSpecification);
        assertUniqueName(store, accountId, region, p.ImageName);
        assertQuota(store, accountId, region);
        // A success reply must carry the new image's ID (the spec requires ImageId), and a dry run
        // makes none: so a dry run that passes every check answers with the common DryRunOperation.
        if (p.DryRun)
            fail("DryRunOperation", "DryRun: the request would have succeeded; nothing was created.");

        const config = store.state.config;
        let outcome: "NORMAL" | "CREATEFAILED" = "NORMAL";
        if (p.ImageName.includes(config.failNameMarker)) outcome = "CREATEFAILED";
        else if (store.state.failNext.create > 0) {
            store.state.failNext.create--;
            outcome = "CREATEFAILED";
        }
        const imageId = store.newImageId();
        const readyAt = now + config.durations.createMs;
        const snapshotIds: string[] = [];
        if (outcome === "NORMAL") {
            for (const { disk, usage } of source.disks) {
                const snapshot: SnapshotRecord = {
                    snapshotId: store.newSnapshotId(),
                    snapshotName: `${p.ImageName}-${usage === "SYSTEM_DISK" ? "system" : disk.diskId}`,
                    diskId: disk.diskId,
                    diskUsage: usage,
                    diskSize: disk.diskSize,
                    createdAt: now,
                    readyAt,
                    imageId,
                    instanceId: source.instanceId,
                };
                data.snapshots[snapshot.snapshotId] = snapshot;
                snapshotIds.push(snapshot.snapshotId);
            }
        }
        const image: ImageRecord = {
            imageId,
            region,
            owner: accountId,
            creator: ctx.caller.uin,
            imageType: "PRIVATE_IMAGE",
            imageName: p.ImageName,
            imageDescription: p.ImageDescription ?? "",
            osName: source.os.osName,
            platform: source.os.platform,
            architecture: source.os.architecture,
            imageSize: source.disks[0].disk.diskSize,
            createdAt: now,
            imageSource: "CREATE_IMAGE",
            licenseType: "TencentCloud",
            imageFamily: p.ImageFamily ?? "",
            imageDeprecated: false,
            snapshotIds,
            tags,
            shares: [],
            pending: { state: "CREATING", startedAt: now, readyAt, outcome },
        };
        data.images[imageId] = image;
        return { ImageId: imageId };
    },
});

function fromInstance(
    instances: Record<string, InstanceRecord>,
    instanceId: string,
    dataDiskIds: string[],
    region: string,
): ImageSource {
    if (!ID_PATTERNS.instance.test(instanceId)) {
        fail(
            "InvalidInstanceId.Malformed",
            `The instance ID \`${instanceId}\` is malformed: expected ins- and 8 characters.`,
        );
    }
    const instance = instances[instanceId];
    if (!instance)
        fail("InvalidInstanceId.NotFound", `The instance \`${instanceId}\` does not exist in ${region}.`);
    const disks: ImageSource["disks"] = [{ disk: instance.systemDisk, usage: "SYSTEM_DISK" }];
    for (const diskId of new Set(dataDiskIds)) {
        if (diskId === instance.systemDisk.diskId) {
            fail(
                "InvalidParameter.DataDiskIdContainsRootDisk",
                `DataDiskIds contains the system disk ${diskId}.`,
            );
        }
        const disk = instance.dataDisks.find((d): d is CloudDiskRecord => d.diskId === diskId);
        if (!disk) {
            fail(
                "InvalidParameter.DataDiskNotBelongSpecifiedInstance",
                `The data disk \`${diskId}\` does not belong to instance ${instanceId}.`,
            );
        }
        disks.push({ disk, usage: "DATA_DISK" });
    }
    return { disks, os: instance, instanceId };
}

function fromSnapshots(
    snapshots: Record<string, SnapshotRecord>,
    instances: Record<string, InstanceRecord>,
    snapshotIds: string[],
    region: string,
    now: number,
): ImageSource {
    const found = [...new Set(snapshotIds)].map((id) => {
        const s = snapshots[id];
        if (!s)
            fail("InvalidParameter.SnapshotNotFound", `The snapshot \`${id}\` does not exist in ${region}.`);
        if (snapshotState(s, now) !== "NORMAL") {
            fail(
                "ResourceUnavailable.SnapshotCreating",
                `The snapshot \`${id}\` is still being created; retry later.`,
            );
        }
        return s;
    });
    const systems = found.filter((s) => s.diskUsage === "SYSTEM_DISK");
    if (systems.length === 0) {
        fail("InvalidParameter.SystemSnapshotNotFound", "SnapshotIds must include one system-disk snapshot.");
    }
    if (systems.length > 1) {
        fail(
            "InvalidParameter.DuplicateSystemSnapshots",
            "SnapshotIds include more than one system-disk snapshot.",
        );
    }
    const system = systems[0];
    const instance = system.instanceId ? instances[system.instanceId] : undefined;
    const ordered = [system, ...found.filter((s) => s !== system)];
    return {
        disks: ordered.map((s) => ({ disk: { diskId: s.diskId, diskSize: s.diskSize }, usage: s.diskUsage })),
        os: instance ?? { osName: "Other Linux", platform: "Other Linux", architecture: "x86_64" },
        instanceId: system.instanceId,
    };
}
