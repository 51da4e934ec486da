/** DescribeInstances: the account's instances in the region (by ID, or all), with their disks. */
import { z } from "zod";
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { defineHandler } from "../types";

const params = z.strictObject({
    InstanceIds: z.array(z.string()).optional(),
    Offset: z.number().int().min(0).optional(),
    Limit: z.number().int().min(0).optional(),
});

export default defineHandler({
    service: "cvm",
    action: "DescribeInstances",
    params,
    region: "required",
    mutates: false,
    run(ctx, p) {
        const instances = ctx.store.regionData(ctx.accountId, ctx.region).instances;
        const limit = p.Limit ?? 20;
        if (limit > 100)
            fail("InvalidParameterValue.LimitExceeded", `Limit must be at most 100 (got ${limit}).`);
        let found = Object.values(instances);
        if (p.InstanceIds !== undefined) {
            if (p.InstanceIds.length > 100)
                fail("InvalidParameterValue.LimitExceeded", "At most 100 InstanceIds per call.");
            for (const id of p.InstanceIds) {
                if (!ID_PATTERNS.instance.test(id)) {
                    fail(
                        "InvalidInstanceId.Malformed",
                        `The instance ID \`${id}\` is malformed: expected ins- and 8 characters.`,
                    );
                }
            }
            found = [...new Set(p.InstanceIds)].flatMap((id) => (instances[id] ? [instances[id]] : []));
        }
        const offset = p.Offset ?? 0;
        return {
            TotalCount: found.length,
            InstanceSet: found.slice(offset, offset + limit).map((i) => ({
                InstanceId: i.instanceId,
                InstanceName: i.instanceName,
                InstanceState: i.instanceState,
                OsName: i.osName,
                Placement: { Zone: `${ctx.region}-1` },
                SystemDisk: {
                    DiskId: i.systemDisk.diskId,
                    DiskSize: i.systemDisk.diskSize,
                    DiskType: "CLOUD_PREMIUM",
                },
                DataDisks: i.dataDisks.map((d) => ({
                    DiskId: d.diskId,
                    DiskSize: d.diskSize,
                    DiskType: "CLOUD_PREMIUM",
                })),
            })),
        };
    },
});
