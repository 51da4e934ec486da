/**
 * Contract: the limits the spec writes in its prose (not in its types) are enforced with the real
 * error codes. Each case stays within every other limit, so only the one under test can refuse it.
 */
import { strict as assert } from "node:assert";
import { CallSpec, call } from "../helpers/api";
import { useEmulator } from "../helpers/fixture";
import { createImage, instanceId, main } from "../helpers/world";

const gz = "ap-guangzhou";
const ids = (n: number, prefix = "img") =>
    Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(8, "0")}`);
const filters = (n: number, values = 1) =>
    Array.from({ length: n }, (_, i) => ({
        Name: "image-name",
        Values: Array.from({ length: values }, (_, j) => `n${i}-${j}`),
    }));
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" }));

interface LimitCase {
    label: string;
    call: (imageId: string) => Omit<CallSpec, "key">;
    code: string;
}

const CASES: LimitCase[] = [
    {
        label: "DescribeImages Limit > 100",
        call: () => ({ action: "DescribeImages", body: { Limit: 101 } }),
        code: "InvalidParameterValue.InvalidParameterValueLimit",
    },
    {
        label: "DescribeImages > 10 Filters",
        call: () => ({ action: "DescribeImages", body: { Filters: filters(11) } }),
        code: "InvalidFilterValue.LimitExceeded",
    },
    {
        label: "DescribeImages > 5 Values in a filter",
        call: () => ({ action: "DescribeImages", body: { Filters: filters(1, 6) } }),
        code: "InvalidFilterValue.LimitExceeded",
    },
    {
        label: "DescribeImages ImageIds with Filters",
        call: (id) => ({ action: "DescribeImages", body: { ImageIds: [id], Filters: filters(1) } }),
        code: "InvalidParameter.InvalidParameterCoexistImageIdsFilters",
    },
    {
        label: "DeleteImages > 100 ImageIds",
        call: () => ({ action: "DeleteImages", body: { ImageIds: ids(101) } }),
        code: "InvalidParameterValue.LimitExceeded",
    },
    {
        label: "SyncImages more than one image",
        call: (id) => ({
            action: "SyncImages",
            body: { ImageIds: [id, ids(1)[0]], DestinationRegions: ["ap-tokyo"] },
        }),
        code: "InvalidParameterValue.LimitExceeded",
    },
    {
        label: "CreateImage ImageName > 60 characters",
        call: () => ({
            action: "CreateImage",
            body: { ImageName: "n".repeat(61), InstanceId: instanceId(main.accountId, gz) },
        }),
        code: "InvalidParameterValue.TooLarge",
    },
    {
        label: "ModifyImageAttribute ImageDescription > 256 characters",
        call: (id) => ({
            action: "ModifyImageAttribute",
            body: { ImageId: id, ImageDescription: "d".repeat(257) },
        }),
        code: "InvalidParameterValue.TooLarge",
    },
    {
        label: "CreateImage ImageFamily > 60 characters",
        call: () => ({
            action: "CreateImage",
            body: {
                ImageName: "fam",
                InstanceId: instanceId(main.accountId, gz),
                ImageFamily: `f${"x".repeat(60)}`,
            },
        }),
        code: "InvalidParameterValue.InvalidImageFamily",
    },
    {
        label: "ImportImage ImageFamily not starting with a letter",
        call: () => ({
            action: "ImportImage",
            body: {
                ImageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
                OsType: "CentOS",
                OsVersion: "7",
                Architecture: "x86_64",
                ImageName: "fam",
                ImageFamily: "-web",
            },
        }),
        code: "InvalidParameterValue.InvalidImageFamily",
    },
    {
        label: "ModifyImageAttribute ImageFamily with a character outside the format",
        call: (id) => ({ action: "ModifyImageAttribute", body: { ImageId: id, ImageFamily: "web app" } }),
        code: "InvalidParameterValue.InvalidImageFamily",
    },
    {
        label: "DescribeImageFromFamily ImageFamily outside the format",
        call: () => ({ action: "DescribeImageFromFamily", body: { ImageFamily: "web/app" } }),
        code: "InvalidParameterValue.InvalidImageFamily",
    },
    {
        label: "DescribeInstances Limit > 100",
        call: () => ({ action: "DescribeInstances", body: { Limit: 101 } }),
        code: "InvalidParameterValue.LimitExceeded",
    },
    {
        label: "DescribeInstances > 10 Filters",
        call: () => ({
            action: "DescribeInstances",
            body: { Filters: Array.from({ length: 11 }, () => ({ Name: "zone", Values: [`${gz}-1`] })) },
        }),
        code: "InvalidParameterValue.LimitExceeded",
    },
    {
        label: "DescribeInstances > 5 Values in a filter",
        call: () => ({
            action: "DescribeInstances",
            body: { Filters: [{ Name: "instance-name", Values: ["a", "b", "c", "d", "e", "f"] }] },
        }),
        code: "InvalidParameterValue.LimitExceeded",
    },
    {
        label: "DescribeInstances InstanceIds with Filters",
        call: () => ({
            action: "DescribeInstances",
            body: {
                InstanceIds: [instanceId(main.accountId, gz)],
                Filters: [{ Name: "zone", Values: [`${gz}-1`] }],
            },
        }),
        code: "InvalidParameterConflict",
    },
    {
        label: "DescribeSnapshots Limit > 100",
        call: () => ({ action: "DescribeSnapshots", service: "cbs", body: { Limit: 101 } }),
        code: "InvalidParameterValue.LimitExceeded",
    },
    {
        label: "DescribeSnapshots SnapshotIds with Filters",
        call: () => ({
            action: "DescribeSnapshots",
            service: "cbs",
            body: { SnapshotIds: ids(1, "snap"), Filters: [{ Name: "disk-usage", Values: ["DATA_DISK"] }] },
        }),
        code: "InvalidParameterConflict",
    },
    {
        label: "ModifyResourceTags > 10 ReplaceTags",
        call: (id) => ({
            action: "ModifyResourceTags",
            service: "tag",
            body: { Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`, ReplaceTags: tags(11) },
        }),
        code: "LimitExceeded.TagNumPerRequest",
    },
    {
        label: "ModifyResourceTags > 10 DeleteTags",
        call: (id) => ({
            action: "ModifyResourceTags",
            service: "tag",
            body: {
                Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`,
                DeleteTags: tags(11).map(({ TagKey }) => ({ TagKey })),
            },
        }),
        code: "LimitExceeded.TagNumPerRequest",
    },
    {
        label: "ModifyResourceTags with an empty ReplaceTags",
        call: (id) => ({
            action: "ModifyResourceTags",
            service: "tag",
            body: { Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`, ReplaceTags: [] },
        }),
        code: "InvalidParameterValue",
    },
    {
        label: "ModifyResourceTags with neither ReplaceTags nor DeleteTags",
        call: (id) => ({
            action: "ModifyResourceTags",
            service: "tag",
            body: { Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}` },
        }),
        code: "MissingParameter",
    },
    {
        label: "Region DescribeRegions for a product the emulator does not play",
        call: () => ({
            action: "DescribeRegions",
            service: "region",
            region: null,
            body: { Product: "cdb" },
        }),
        code: "InvalidParameterValue",
    },
];

describe("emulator contract: the documented limits", () => {
    const f = useEmulator();

    for (const c of CASES) {
        it(`${c.label} → ${c.code}`, async () => {
            const imageId = await createImage(f, "limit-target");
            f.emu.controls.advanceClock(60_000);
            const r = await call(f.endpoint, { key: main, ...c.call(imageId) });
            assert.equal(r.Error?.Code, c.code, r.Error?.Message ?? "the call succeeded");
        });
    }

    it("exactly at each limit the same calls pass", async () => {
        const imageId = await createImage(f, "limit-target");
        f.emu.controls.advanceClock(60_000);
        const resource = `qcs::cvm:${gz}:uin/${main.accountId}:image/${imageId}`;
        for (const spec of [
            { action: "DescribeImages", body: { Limit: 100, Filters: filters(10, 5) } },
            { action: "DescribeInstances", body: { Limit: 100 } },
            {
                action: "CreateImage",
                body: {
                    ImageName: "fam-60",
                    InstanceId: instanceId(main.accountId, gz),
                    ImageFamily: `f${"x".repeat(59)}`,
                },
            },
            { action: "ModifyImageAttribute", body: { ImageId: imageId, ImageFamily: "a" } },
            { action: "ModifyImageAttribute", body: { ImageId: imageId, ImageFamily: "Web_2.x-y" } },
            { action: "DescribeImageFromFamily", body: { ImageFamily: `f${"x".repeat(59)}` } },
            { action: "DescribeSnapshots", service: "cbs", body: { Limit: 100 } },
            {
                action: "ModifyResourceTags",
                service: "tag",
                body: { Resource: resource, ReplaceTags: tags(10) },
            },
            {
                action: "ModifyResourceTags",
                service: "tag",
                body: { Resource: resource, DeleteTags: tags(10).map(({ TagKey }) => ({ TagKey })) },
            },
        ]) {
            const r = await call(f.endpoint, { key: main, ...spec });
            assert.equal(r.Error, undefined, `${spec.action}: ${r.Error?.Code} ${r.Error?.Message}`);
        }
    });
});
