/** CBS DescribeSnapshots: the account's snapshots in the region (by ID, or all). */
import { z } from "zod";
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { isoTime, snapshotState } from "../../models/lifecycle";
import { defineHandler } from "../types";

const params = z.strictObject({
    SnapshotIds: z.array(z.string()).optional(),
    Offset: z.number().int().min(0).optional(),
    Limit: z.number().int().min(0).max(100).optional(),
});

export default defineHandler({
    service: "cbs",
    action: "DescribeSnapshots",
    params,
    region: "required",
    mutates: false,
    run(ctx, p) {
        const snapshots = ctx.store.regionData(ctx.accountId, ctx.region).snapshots;
        let found = Object.values(snapshots);
        if (p.SnapshotIds !== undefined) {
            if (p.SnapshotIds.length > 100)
                fail("InvalidParameterValue.LimitExceeded", "At most 100 SnapshotIds per call.");
            for (const id of p.SnapshotIds) {
                if (!ID_PATTERNS.snapshot.test(id)) {
                    fail(
                        "InvalidSnapshotId.Malformed",
                        `The snapshot ID \`${id}\` is malformed: expected snap- and 8 characters.`,
                    );
                }
            }
            found = [...new Set(p.SnapshotIds)].flatMap((id) => (snapshots[id] ? [snapshots[id]] : []));
        }
        const offset = p.Offset ?? 0;
        const limit = p.Limit ?? 20;
        return {
            TotalCount: found.length,
            SnapshotSet: found.slice(offset, offset + limit).map((s) => ({
                SnapshotId: s.snapshotId,
                SnapshotName: s.snapshotName,
                DiskId: s.diskId,
                DiskUsage: s.diskUsage,
                DiskSize: s.diskSize,
                SnapshotState: snapshotState(s, ctx.now),
                CreateTime: isoTime(s.createdAt),
                Images: s.imageId ? [{ ImageId: s.imageId }] : [],
            })),
        };
    },
});
