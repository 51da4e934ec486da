/**
 * Rules about a CustomImage's source: the instance (and its data disks) or the snapshots must exist in
 * the image's region, and snapshots must include exactly one of a system disk.
 */
import type { InstanceInfo, SnapshotInfo } from "../../backend/types";
import type { ResourceRef } from "../../model/kinds";
import { CheckFailure, failure, quote } from "../failures";

/**
 * The failures of an instance source. `dataDiskIds` holds the known data disk IDs with their index
 * in the input; `instance` is undefined when the region has no such instance.
 */
export function instanceSourceFailures(
    ref: ResourceRef,
    region: string,
    instanceId: string,
    instance: InstanceInfo | undefined,
    dataDiskIds: ReadonlyArray<{ index: number; diskId: string }>,
): CheckFailure[] {
    if (!instance) {
        return [
            failure(
                ref,
                "source",
                `source.instanceId ${quote(instanceId)} is not an instance in ${region} (DescribeInstances does not ` +
                    `know it there): check the ID, and that the image's region is the instance's region`,
            ),
        ];
    }
    const failures: CheckFailure[] = [];
    for (const { index, diskId } of dataDiskIds) {
        const label = `source.dataDiskIds[${index}] ${quote(diskId)}`;
        if (diskId === instance.systemDiskId) {
            failures.push(
                failure(
                    ref,
                    "source",
                    `${label} is the system disk of ${instanceId}; the system disk is always in the image and ` +
                        `may not be listed as a data disk: remove it from dataDiskIds`,
                ),
            );
        } else if (!instance.dataDiskIds.includes(diskId) && !instance.unidentifiedDataDisks) {
            // A disk the reply listed without its ID may be this one: only a complete list can refuse it.
            failures.push(
                failure(
                    ref,
                    "source",
                    `${label} is not a data disk of ${instanceId} (its data disks: ` +
                        `${instance.dataDiskIds.join(", ") || "none"}); only the instance's own data disks can be ` +
                        `included: list only those`,
                ),
            );
        }
    }
    return failures;
}

/**
 * The failures of a snapshot source. `snapshots` holds the known snapshot IDs with their index and
 * what the region knows of them; `allKnown` says whether every listed ID was known (then the
 * system-disk count is exact, else only too many system disks can be judged).
 */
export function snapshotSourceFailures(
    ref: ResourceRef,
    region: string,
    snapshots: ReadonlyArray<{ index: number; snapshotId: string; info: SnapshotInfo | undefined }>,
    allKnown: boolean,
): CheckFailure[] {
    const failures: CheckFailure[] = [];
    for (const { index, snapshotId, info } of snapshots) {
        if (!info) {
            failures.push(
                failure(
                    ref,
                    "source",
                    `source.snapshotIds[${index}] ${quote(snapshotId)} is not a snapshot in ${region} ` +
                        `(DescribeSnapshots does not know it there): check the ID, and that the image's region is the snapshot's region`,
                ),
            );
        }
    }
    if (failures.length > 0) return failures;
    const system = snapshots.filter((s) => s.info?.diskUsage === "SYSTEM_DISK").map((s) => s.snapshotId);
    if (system.length > 1 || (allKnown && system.length === 0)) {
        failures.push(
            failure(
                ref,
                "source",
                `source.snapshotIds has ${system.length} system-disk snapshots` +
                    (system.length > 0 ? ` (${system.join(", ")})` : "") +
                    `; an image is made of exactly one system-disk snapshot plus any data-disk snapshots: ` +
                    (system.length === 0
                        ? "add the snapshot of a system disk"
                        : "keep one system-disk snapshot"),
            ),
        );
    }
    return failures;
}
