/**
 * CBS DescribeSnapshots: the account's snapshots in the region, by ID or filtered (never both),
 * ordered by creation time, paged; each with every member the spec requires. Filters: snapshot-id,
 * snapshot-name, snapshot-state, disk-usage, disk-id; others are refused as InvalidFilter.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { snapshotState } from "../../models/lifecycle";
import { SnapshotRecord } from "../../models/types";
import { renderSnapshot } from "../../wire/render";
import { filterSchema } from "../cvm/shared";
import { defineHandler } from "../types";

const params = z.strictObject({
    SnapshotIds: z.array(z.string()).optional(),
    Filters: z.array(filterSchema).optional(),
    Limit: z.number().int().min(0).optional(),
    OrderField: z.string().optional(),
    Offset: z.number().int().min(0).optional(),
    Order: z.string().optional(),
});

const FILTERS: Record<string, (s: SnapshotRecord, now: number) => string> = {
    "snapshot-id": (s) => s.snapshotId,
    "snapshot-name": (s) => s.snapshotName,
    "snapshot-state": (s, now) => snapshotState(s, now),
    "disk-usage": (s) => s.diskUsage,
    "disk-id": (s) => s.diskId,
};

export default defineHandler({
    service: "cbs",
    action: "DescribeSnapshots",
    params,
    region: "required",
    mutates: false,
    run(ctx, p) {
        const data = ctx.store.regionData(ctx.accountId, ctx.region);
        const snapshots = data.snapshots;
        const limit = p.Limit ?? 20;
        if (limit > 100)
            fail("InvalidParameterValue.LimitExceeded", `Limit must be at most 100 (got ${limit}).`);
        if (p.SnapshotIds !== undefined && p.Filters !== undefined) {
            fail("InvalidParameterConflict", "SnapshotIds and Filters cannot be given together; use one.");
        }
        if (p.OrderField !== undefined && p.OrderField !== "CREATE_TIME") {
            fail("InvalidParameterValue", `OrderField must be CREATE_TIME (got "${p.OrderField}").`);
        }
        if (p.Order !== undefined && p.Order !== "ASC" && p.Order !== "DESC") {
            fail("InvalidParameterValue", `Order must be ASC or DESC (got "${p.Order}").`);
        }
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
        for (const f of p.Filters ?? []) {
            const field = FILTERS[f.Name];
            if (!field) {
                fail(
                    "InvalidFilter",
                    `The filter \`${f.Name}\` is not one the emulator serves (${Object.keys(FILTERS).join(", ")}).`,
                );
            }
            found = found.filter((s) => f.Values.includes(field(s, ctx.now)));
        }
        // Newest first unless ASC is asked for (the service's default order is by creation time).
        const direction = p.Order === "ASC" ? 1 : -1;
        found.sort(
            (a, b) => direction * (a.createdAt - b.createdAt) || a.snapshotId.localeCompare(b.snapshotId),
        );
        const offset = p.Offset ?? 0;
        return {
            TotalCount: found.length,
            SnapshotSet: found
                .slice(offset, offset + limit)
                .map((s) => renderSnapshot(s, data.images, ctx.region, ctx.now)),
        };
    },
});
