import { strict as assert } from "node:assert";
import { ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import {
    createImage,
    describeImage,
    importImage,
    instanceId,
    main,
    marketImage,
    second,
    settle,
    ubuntu2204,
} from "./helpers/world";

type Row = Record<string, unknown>;

describe("emulator: every action's happy path", () => {
    const f = useEmulator();
    const gz = "ap-guangzhou";

    async function images(body: Record<string, unknown>, region = gz, key = main) {
        const r = await ok(f.endpoint, { action: "DescribeImages", key, region, body });
        return { total: r.TotalCount as number, set: r.ImageSet as Row[] };
    }

    it("CreateImage from an instance with a data disk: CREATING, then NORMAL with both snapshots", async () => {
        const ins = await ok(f.endpoint, {
            action: "DescribeInstances",
            key: main,
            body: { InstanceIds: [instanceId(main.accountId, gz)] },
        });
        const instance = (ins.InstanceSet as Row[])[0] as { DataDisks: { DiskId: string }[] };
        const imageId = await createImage(f, "web-image", {
            body: {
                DataDiskIds: [instance.DataDisks[0].DiskId],
                ImageDescription: "d",
                ForcePoweroff: "true",
            },
        });
        assert.match(imageId, /^img-[a-z0-9]{8}$/);
        let image = await describeImage(f, imageId);
        assert.equal(image?.ImageState, "CREATING");
        assert.equal(image?.ImageType, "PRIVATE_IMAGE");
        assert.equal(image?.ImageCreator, main.accountId);
        settle(f);
        image = await describeImage(f, imageId);
        assert.equal(image?.ImageState, "NORMAL");
        assert.equal(image?.ImageSource, "CREATE_IMAGE");
        assert.equal(image?.Platform, "TencentOS");
        const snaps = image?.SnapshotSet as { SnapshotId: string; DiskUsage: string }[];
        assert.deepEqual(snaps.map((s) => s.DiskUsage).sort(), ["DATA_DISK", "SYSTEM_DISK"]);
        const cbs = await ok(f.endpoint, {
            action: "DescribeSnapshots",
            service: "cbs",
            key: main,
            body: { SnapshotIds: snaps.map((s) => s.SnapshotId) },
        });
        assert.equal(cbs.TotalCount, 2);
        for (const s of cbs.SnapshotSet as Row[]) assert.equal(s.SnapshotState, "NORMAL");
    });

    it("CreateImage from snapshots (one system-disk snapshot)", async () => {
        const all = await ok(f.endpoint, {
            action: "DescribeSnapshots",
            service: "cbs",
            key: main,
            body: { Limit: 100 },
        });
        const system = (all.SnapshotSet as Row[]).find((s) => s.DiskUsage === "SYSTEM_DISK")!;
        const r = await ok(f.endpoint, {
            action: "CreateImage",
            key: main,
            body: { ImageName: "from-snap", SnapshotIds: [system.SnapshotId] },
        });
        settle(f);
        assert.equal((await describeImage(f, r.ImageId as string))?.ImageState, "NORMAL");
    });

    it("CreateImage with TagSpecification; DescribeImages filters by tag-key, tag-value and tag:<k>", async () => {
        const id = await createImage(f, "tagged", {
            body: { TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "env", Value: "prod" }] }] },
        });
        assert.deepEqual((await describeImage(f, id))?.Tags, [{ Key: "env", Value: "prod" }]);
        for (const filter of [
            { Name: "tag-key", Values: ["env"] },
            { Name: "tag-value", Values: ["prod"] },
            { Name: "tag:env", Values: ["prod", "dev"] },
        ]) {
            const r = await images({ Filters: [filter] });
            assert.deepEqual(
                r.set.map((i) => i.ImageId),
                [id],
                JSON.stringify(filter),
            );
        }
        assert.equal((await images({ Filters: [{ Name: "tag:env", Values: ["dev"] }] })).total, 0);
    });

    it("DescribeImages: public images of several OSes and architectures, newest first", async () => {
        const r = await images({ Filters: [{ Name: "image-type", Values: ["PUBLIC_IMAGE"] }], Limit: 100 });
        assert.ok(r.total >= 20);
        const platforms = new Set(r.set.map((i) => i.Platform));
        for (const p of ["TencentOS", "CentOS", "Ubuntu", "Debian", "Windows"])
            assert.ok(platforms.has(p), p);
        const archs = new Set(r.set.map((i) => i.Architecture));
        for (const a of ["x86_64", "arm", "i386"]) assert.ok(archs.has(a), a);
        const times = r.set.map((i) => i.CreatedTime as string);
        assert.deepEqual(times, [...times].sort().reverse());
        assert.equal(new Set(times).size, times.length);
    });

    it("DescribeImages: platform (substring, any case) and image-name (substring) filters", async () => {
        const ubuntu = await images({ Filters: [{ Name: "platform", Values: ["ubun"] }], Limit: 100 });
        assert.ok(ubuntu.total > 0);
        for (const i of ubuntu.set) assert.equal(i.Platform, "Ubuntu");
        const named = await images({ Filters: [{ Name: "image-name", Values: ["22.04"] }], Limit: 100 });
        assert.ok(named.set.some((i) => i.ImageId === ubuntu2204));
        for (const i of named.set) assert.ok((i.ImageName as string).includes("22.04"));
    });

    it("DescribeImages: image-id filter, ImageIds, default Limit 20, Offset/Limit paging and TotalCount", async () => {
        assert.deepEqual(
            (await images({ Filters: [{ Name: "image-id", Values: [ubuntu2204] }] })).set.map(
                (i) => i.ImageId,
            ),
            [ubuntu2204],
        );
        const all = await images({});
        assert.equal(all.set.length, 20);
        assert.ok(all.total > 20);
        const page1 = await images({ Offset: 0, Limit: 7 });
        const page2 = await images({ Offset: 7, Limit: 7 });
        assert.equal(page1.total, all.total);
        assert.deepEqual(
            [...page1.set, ...page2.set].map((i) => i.ImageId),
            all.set.slice(0, 14).map((i) => i.ImageId),
        );
        // A well-formed unknown ID is simply absent.
        assert.equal((await images({ ImageIds: ["img-zzzzzzzz"] })).total, 0);
    });

    it("DescribeImages: MARKET_IMAGE only in mainland China, SHARED_IMAGE for images shared in", async () => {
        // The image-type filter has no marketplace value: marketplace images are told by their ImageType.
        const market = async (region: string) =>
            (await images({ Limit: 100 }, region)).set.filter((i) => i.ImageType === "MARKET_IMAGE");
        assert.ok((await market(gz)).some((i) => i.ImageId === marketImage));
        assert.equal((await market("ap-shanghai")).length, 3);
        assert.equal((await market("ap-singapore")).length, 0);
        assert.equal((await market("eu-frankfurt")).length, 0);
        const shared = await images({ Filters: [{ Name: "image-type", Values: ["SHARED_IMAGE"] }] });
        assert.ok(shared.total >= 2);
        const creators = new Set(shared.set.map((i) => i.ImageCreator));
        assert.deepEqual([...creators].sort(), ["100000000002", "100000000003"]);
    });

    it("DeleteImages: DryRun keeps the image; DeleteBindedSnap removes its snapshots", async () => {
        const id = await createImage(f, "to-delete");
        settle(f);
        const snaps = ((await describeImage(f, id))?.SnapshotSet as { SnapshotId: string }[]).map(
            (s) => s.SnapshotId,
        );
        await ok(f.endpoint, { action: "DeleteImages", key: main, body: { ImageIds: [id], DryRun: true } });
        assert.ok(await describeImage(f, id));
        await ok(f.endpoint, {
            action: "DeleteImages",
            key: main,
            body: { ImageIds: [id], DeleteBindedSnap: true },
        });
        assert.equal(await describeImage(f, id), undefined);
        const cbs = await ok(f.endpoint, {
            action: "DescribeSnapshots",
            service: "cbs",
            key: main,
            body: { SnapshotIds: snaps },
        });
        assert.equal(cbs.TotalCount, 0);
    });

    it("DeleteImages without DeleteBindedSnap leaves the snapshots", async () => {
        const id = await createImage(f, "keep-snaps");
        settle(f);
        const snaps = ((await describeImage(f, id))?.SnapshotSet as { SnapshotId: string }[]).map(
            (s) => s.SnapshotId,
        );
        await ok(f.endpoint, { action: "DeleteImages", key: main, body: { ImageIds: [id] } });
        const cbs = await ok(f.endpoint, {
            action: "DescribeSnapshots",
            service: "cbs",
            key: main,
            body: { SnapshotIds: snaps },
        });
        assert.equal(cbs.TotalCount, snaps.length);
    });

    it("ModifyImageAttribute renames and re-describes", async () => {
        const id = await createImage(f, "old-name");
        settle(f);
        await ok(f.endpoint, {
            action: "ModifyImageAttribute",
            key: main,
            body: { ImageId: id, ImageName: "new-name", ImageDescription: "new description" },
        });
        const image = await describeImage(f, id);
        assert.equal(image?.ImageName, "new-name");
        assert.equal(image?.ImageDescription, "new description");
    });

    it("ModifyImageSharePermission SHARE/CANCEL and DescribeImageSharePermission; the other account sees SHARED_IMAGE", async () => {
        const id = await createImage(f, "to-share");
        settle(f);
        assert.equal(await describeImage(f, id, { key: second }), undefined);
        await ok(f.endpoint, {
            action: "ModifyImageSharePermission",
            key: main,
            body: { ImageId: id, AccountIds: [second.accountId, "1234567"], Permission: "SHARE" },
        });
        const perms = await ok(f.endpoint, {
            action: "DescribeImageSharePermission",
            key: main,
            body: { ImageId: id },
        });
        const set = perms.SharePermissionSet as { AccountId: string; CreatedTime: string }[];
        assert.deepEqual(set.map((p) => p.AccountId).sort(), ["100000000002", "1234567"]);
        assert.match(set[0].CreatedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const seen = await describeImage(f, id, { key: second });
        assert.equal(seen?.ImageType, "SHARED_IMAGE");
        assert.equal(seen?.ImageCreator, main.accountId);
        assert.equal(await describeImage(f, id, { key: second, region: "ap-shanghai" }), undefined);
        await ok(f.endpoint, {
            action: "ModifyImageSharePermission",
            key: main,
            body: { ImageId: id, AccountIds: [second.accountId], Permission: "CANCEL" },
        });
        assert.equal(await describeImage(f, id, { key: second }), undefined);
    });

    it("SyncImages copies to other regions: ImageSet only with ImageSetRequired", async () => {
        const id = await createImage(f, "to-copy");
        settle(f);
        const r = await ok(f.endpoint, {
            action: "SyncImages",
            key: main,
            body: {
                ImageIds: [id],
                DestinationRegions: ["ap-shanghai", "ap-singapore"],
                ImageSetRequired: true,
            },
        });
        const set = r.ImageSet as { ImageId: string; Region: string }[];
        assert.deepEqual(
            set.map((s) => s.Region),
            ["ap-shanghai", "ap-singapore"],
        );
        settle(f);
        for (const s of set) {
            const copy = await describeImage(f, s.ImageId, { region: s.Region });
            assert.equal(copy?.ImageState, "NORMAL");
            assert.equal(copy?.ImageName, "to-copy");
            assert.equal(copy?.ImageType, "PRIVATE_IMAGE");
        }
        const plain = await ok(f.endpoint, {
            action: "SyncImages",
            key: main,
            body: { ImageIds: [id], DestinationRegions: ["ap-tokyo"] },
        });
        assert.deepEqual(plain.ImageSet, []);
    });

    it("ImportImage: IMPORTING, then NORMAL, EXTERNAL_IMPORT, arm_64 shown as arm", async () => {
        const id = await importImage(f, {
            ImageName: "imported",
            ImageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
            OsType: "Ubuntu",
            OsVersion: "22.04",
            Architecture: "arm_64",
            BootMode: "UEFI",
        });
        assert.equal((await describeImage(f, id))?.ImageState, "IMPORTING");
        settle(f);
        const image = await describeImage(f, id);
        assert.equal(image?.ImageState, "NORMAL");
        assert.equal(image?.ImageSource, "EXTERNAL_IMPORT");
        assert.equal(image?.Architecture, "arm");
    });

    it("DescribeImageQuota, DescribeRegions (zh and en names), DescribeImportImageOs", async () => {
        assert.equal((await ok(f.endpoint, { action: "DescribeImageQuota", key: main })).ImageNumQuota, 10);
        const zh = await ok(f.endpoint, { action: "DescribeRegions", key: main, region: null });
        const en = await ok(f.endpoint, {
            action: "DescribeRegions",
            key: main,
            region: null,
            language: "en-US",
        });
        const find = (r: Row, id: string) => (r.RegionSet as Row[]).find((x) => x.Region === id);
        assert.equal(find(zh, gz)?.RegionName, "华南地区(广州)");
        assert.equal(find(en, gz)?.RegionName, "South China (Guangzhou)");
        assert.equal(find(en, gz)?.RegionState, "AVAILABLE");
        assert.equal((zh.RegionSet as Row[]).length, 18);
        const os = await ok(f.endpoint, { action: "DescribeImportImageOs", key: main });
        assert.ok((os.ImportImageOsListSupported as { Linux: string[] }).Linux.includes("CentOS"));
        assert.ok((os.ImportImageOsVersionSet as Row[]).length > 0);
    });

    it("DescribeInstances: seeded instances with system and data disks in every region", async () => {
        for (const region of [gz, "sa-saopaulo", "ap-shenzhen-fsi"]) {
            const ids = ["web-1", "db-1", "arm-1"].map((n) => instanceId(main.accountId, region, n));
            const r = await ok(f.endpoint, {
                action: "DescribeInstances",
                key: main,
                region,
                body: { InstanceIds: ids },
            });
            assert.equal(r.TotalCount, 3);
            const set = r.InstanceSet as {
                InstanceId: string;
                SystemDisk: { DiskId: string };
                DataDisks: unknown[];
            }[];
            assert.deepEqual(
                set.map((i) => i.DataDisks.length),
                [1, 2, 0],
            );
            for (const i of set) assert.match(i.SystemDisk.DiskId, /^disk-[a-z0-9]{8}$/);
        }
        // Another account's instance is not visible.
        const other = await ok(f.endpoint, {
            action: "DescribeInstances",
            key: main,
            body: { InstanceIds: [instanceId(second.accountId, gz)] },
        });
        assert.equal(other.TotalCount, 0);
    });

    it("tag ModifyResourceTags: ReplaceTags and DeleteTags", async () => {
        const id = await createImage(f, "retag", {
            body: { TagSpecification: [{ ResourceType: "image", Tags: [{ Key: "a", Value: "1" }] }] },
        });
        await ok(f.endpoint, {
            action: "ModifyResourceTags",
            service: "tag",
            key: main,
            body: {
                Resource: `qcs::cvm:${gz}:uin/${main.accountId}:image/${id}`,
                ReplaceTags: [{ TagKey: "b", TagValue: "2" }],
                DeleteTags: [{ TagKey: "a" }],
            },
        });
        assert.deepEqual((await describeImage(f, id))?.Tags, [{ Key: "b", Value: "2" }]);
    });
});
