/**
 * DescribeInstances: the account's instances in the region (by ID, or filtered, paged), with every
 * member the spec requires. Filters: instance-id, instance-name, zone, instance-state; others are
 * refused as InvalidFilter (the emulator's instances are fixtures, not a fleet to search).
 */
import { z } from "zod";
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { InstanceRecord } from "../../models/types";
import { renderInstance, zoneOf } from "../../wire/render";
import { defineHandler } from "../types";
import { filterSchema } from "./shared";

const params = z.strictObject({
    InstanceIds: z.array(z.string()).optional(),
    Filters: z.array(filterSchema).optional(),
    Offset: z.number().int().min(0).optional(),
    Limit: z.number().int().min(0).optional(),
});

const FILTERS: Record<string, (i: InstanceRecord, region: string) => string> = {
    "instance-id": (i) => i.instanceId,
    "instance-name": (i) => i.instanceName,
    zone: (_i, region) => zoneOf(region),
    "instance-state": (i) => i.instanceState,
};

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
        if (p.InstanceIds !== undefined && p.Filters !== undefined) {
            fail("InvalidParameterConflict", "InstanceIds and Filters cannot be given together; use one.");
        }
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
        const filters = p.Filters ?? [];
        if (filters.length > 10) fail("InvalidParameterValue.LimitExceeded", "At most 10 Filters per call.");
        for (const f of filters) {
            const field = FILTERS[f.Name];
            if (!field) {
                fail(
                    "InvalidFilter",
                    `The filter \`${f.Name}\` is not one the emulator serves (${Object.keys(FILTERS).join(", ")}).`,
                );
            }
            if (f.Values.length > 5)
                fail("InvalidParameterValue.LimitExceeded", `Filter ${f.Name}: at most 5 Values.`);
            found = found.filter((i) => f.Values.includes(field(i, ctx.region)));
        }
        const offset = p.Offset ?? 0;
        return {
            TotalCount: found.length,
            InstanceSet: found
                .slice(offset, offset + limit)
                .map((i) => renderInstance(i, ctx.accountId, ctx.region)),
        };
    },
});
