import assert from "node:assert/strict";
import type { ProviderSettings } from "../../../provider/config";
import { markerTags } from "../../../provider/markers";
import {
    PlanContext,
    planCheckCustomImage,
    planCheckImageCopy,
    planCheckImageShare,
} from "../../../provider/plan/check";
import type { CheckFailure } from "../../../provider/plan/failures";
import { Ledger } from "../../../provider/plan/ledger";
import { FactReadError, LiveFacts } from "../../../provider/plan/liveFacts";
import { UNKNOWN } from "../../../provider/plan/unknown";
import { FakeBackend, OWN_ACCOUNT, makeImage } from "./fakeBackend";

const GZ = "ap-guangzhou";
const SH = "ap-shanghai";

function reasons(failures: CheckFailure[]): string {
    return failures.map((f) => `${f.property}|${f.reason}`).join("\n");
}

describe("plan/check (end to end with a fake backend)", () => {
    let backend: FakeBackend;
    let ctx: PlanContext;
    const settings: ProviderSettings = { region: GZ, maxShareAccounts: 3 };

    beforeEach(() => {
        backend = new FakeBackend();
        backend.instances[GZ] = [
            {
                instanceId: "ins-aaaaaaaa",
                instanceName: "web",
                instanceState: "RUNNING",
                systemDiskId: "disk-sys00001",
                dataDiskIds: ["disk-dat00001"],
            },
        ];
        backend.snapshots[GZ] = [
            { snapshotId: "snap-sys00001", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" },
            { snapshotId: "snap-dat00001", diskUsage: "DATA_DISK", snapshotState: "NORMAL" },
        ];
        ctx = { backend, settings, facts: new LiveFacts(backend), ledger: new Ledger() };
    });
    afterEach(() => assert.ok(!backend.log.includes("MUTATION"), "no mutating call"));

    describe("CustomImage", () => {
        const web = {
            __logicalName: "web",
            imageName: "web",
            source: { instanceId: "ins-aaaaaaaa", dataDiskIds: ["disk-dat00001"] },
        };

        it("a valid new image passes, with the provider's region filled in", async () => {
            const r = await planCheckCustomImage({}, { ...web, __provider: "p" }, ctx);
            assert.deepEqual(r.failures, []);
            assert.equal(r.inputs.region, GZ);
            assert.equal(r.inputs.__provider, "p");
        });

        it("no region anywhere fails clearly, and nothing is read", async () => {
            ctx.settings = { maxShareAccounts: 50 };
            const r = await planCheckCustomImage({}, web, ctx);
            assert.match(
                reasons(r.failures),
                /^region\|CustomImage "web": region is required: set region on the resource, or the provider setting/,
            );
            assert.equal(backend.count(), 0);
        });

        it("a region DescribeRegions does not list fails, and nothing is read in it", async () => {
            const r = await planCheckCustomImage({}, { ...web, region: "ap-guangzou" }, ctx);
            assert.equal(r.failures.length, 1);
            assert.match(
                r.failures[0].reason,
                /region "ap-guangzou" is not a CVM region: it is unknown, or CVM is not offered there.*did you mean ap-guangzhou\?/,
            );
            assert.deepEqual(backend.log, ["describeRegions "]);
        });

        it("a missing instance and a foreign data disk fail together", async () => {
            const r = await planCheckCustomImage({}, { ...web, source: { instanceId: "ins-bbbbbbbb" } }, ctx);
            assert.match(
                reasons(r.failures),
                /source\|.*source.instanceId "ins-bbbbbbbb" is not an instance in ap-guangzhou/,
            );
            const r2 = await planCheckCustomImage(
                {},
                { ...web, source: { instanceId: "ins-aaaaaaaa", dataDiskIds: ["disk-sys00001"] } },
                ctx,
            );
            assert.match(reasons(r2.failures), /dataDiskIds\[0\] "disk-sys00001" is the system disk/);
        });

        it("snapshots must exist and include exactly one system disk", async () => {
            const ok = await planCheckCustomImage(
                {},
                { ...web, source: { snapshotIds: ["snap-sys00001", "snap-dat00001"] } },
                ctx,
            );
            assert.deepEqual(ok.failures, []);
            const bad = await planCheckCustomImage(
                {},
                { ...web, source: { snapshotIds: ["snap-dat00001", "snap-gone0000"] } },
                ctx,
            );
            assert.match(
                reasons(bad.failures),
                /snapshotIds\[1\] "snap-gone0000" is not a snapshot in ap-guangzhou/,
            );
            const none = await planCheckCustomImage(
                {},
                { ...web, source: { snapshotIds: ["snap-dat00001"] } },
                ctx,
            );
            assert.match(reasons(none.failures), /has 0 system-disk snapshots/);
            assert.equal(backend.count("describeSnapshots"), 2);
        });

        it("shape failures come first and alone", async () => {
            const r = await planCheckCustomImage(
                {},
                { ...web, imageName: "x".repeat(61), region: "ap-nowhere" },
                ctx,
            );
            assert.deepEqual(
                r.failures.map((f) => f.property),
                ["imageName"],
            );
            assert.equal(backend.count(), 0);
        });

        it("the quota: at the limit passes, one over fails naming the resources", async () => {
            backend.quotas[GZ] = 10;
            for (let i = 0; i < 8; i++) backend.images.push(makeImage());
            assert.deepEqual(
                (await planCheckCustomImage({}, { ...web, __logicalName: "b", imageName: "b" }, ctx))
                    .failures,
                [],
            );
            assert.deepEqual(
                (await planCheckCustomImage({}, { ...web, __logicalName: "a", imageName: "a" }, ctx))
                    .failures,
                [],
            );
            const r = await planCheckCustomImage({}, { ...web, __logicalName: "c", imageName: "c" }, ctx);
            assert.deepEqual(r.failures, [
                {
                    // The region came from the provider setting, not the program: no property value to show.
                    property: "",
                    reason:
                        'CustomImage "c": region ap-guangzhou would hold 11 custom images but its quota is 10: 8 exist, ' +
                        'this plan adds 3 (CustomImage "a", CustomImage "b", CustomImage "c") and deletes 0; every custom ' +
                        "image of a region counts against its quota: delete custom images you no longer need in " +
                        "ap-guangzhou, ask Tencent Cloud to raise the quota, or create fewer images there",
                },
            ]);
            // With the region given in the program, the failure names the region property.
            const given = await planCheckCustomImage(
                {},
                { ...web, __logicalName: "c", imageName: "c", region: GZ },
                ctx,
            );
            assert.equal(given.failures[0].property, "region");
            // Checked again (same __logicalName): its contribution is replaced, not added.
            const again = await planCheckCustomImage({}, { ...web, __logicalName: "c", imageName: "c" }, ctx);
            assert.match(again.failures[0].reason, /would hold 11 custom images/);
            assert.equal(backend.count("describeImageQuota"), 1);
            assert.equal(backend.count("countImages"), 1);
        });

        it("an unchanged existing image adds nothing; a moved one frees its old region", async () => {
            backend.quotas[GZ] = 1;
            backend.quotas[SH] = 1;
            backend.images.push(makeImage({ imageName: "web" }));
            const old = { ...web, region: GZ, source: { instanceId: "ins-gone0000" } };
            // Unchanged: nothing added, and its source (an instance deleted since) is not judged.
            assert.deepEqual((await planCheckCustomImage(old, old, ctx)).failures, []);
            assert.equal(backend.count("describeInstances"), 0);
            backend.instances[SH] = [{ ...backend.instances[GZ][0], instanceId: "ins-gone0000" }];
            assert.deepEqual((await planCheckCustomImage(old, { ...old, region: SH }, ctx)).failures, []);
            const r = await planCheckCustomImage(
                {},
                { ...web, __logicalName: "next", imageName: "next" },
                ctx,
            );
            assert.deepEqual(r.failures, []);
        });

        it("an unknown region or source is not judged, but counts when the region is known", async () => {
            backend.quotas[GZ] = 0;
            const unknownRegion = await planCheckCustomImage(
                {},
                { ...web, region: UNKNOWN, source: UNKNOWN },
                ctx,
            );
            assert.deepEqual(unknownRegion.failures, []);
            const unknownSource = await planCheckCustomImage(
                {},
                { ...web, source: { instanceId: UNKNOWN } },
                ctx,
            );
            assert.match(reasons(unknownSource.failures), /would hold 1 custom images but its quota is 0/);
            assert.equal(backend.count("describeInstances"), 0);
        });

        it("adoptExisting: an own image of that name is taken over, without counting; a shared-in one fails", async () => {
            backend.quotas[GZ] = 1;
            backend.images.push(makeImage({ imageName: "web" }));
            assert.deepEqual(
                (await planCheckCustomImage({}, { ...web, adoptExisting: true }, ctx)).failures,
                [],
            );
            backend.images.push(
                makeImage({ imageName: "base", imageType: "SHARED_IMAGE", imageCreator: "100000000002" }),
            );
            const fresh = { ...ctx, facts: new LiveFacts(backend), ledger: new Ledger() };
            const r = await planCheckCustomImage(
                {},
                { ...web, __logicalName: "base", imageName: "base", adoptExisting: true },
                fresh,
            );
            assert.match(
                reasons(r.failures),
                /adoptExisting\|.*that account 100000000002 shares with this account; only your own custom images \(PRIVATE_IMAGE\) can be adopted/,
            );
        });

        it("a new image may not reuse the name of an own image in the region", async () => {
            const own = makeImage({ imageName: "web" });
            backend.images.push(own);
            const r = await planCheckCustomImage({}, web, ctx);
            assert.match(
                reasons(r.failures),
                new RegExp(
                    `imageName\\|.*imageName "web" is already the name of ${own.imageId} in ap-guangzhou`,
                ),
            );
            // The resource that owns the name already (unchanged) is fine.
            const mine = { ...web, region: GZ };
            assert.deepEqual((await planCheckCustomImage(mine, mine, ctx)).failures, []);
        });

        it("an image of the same name made by this very resource is no clash and adds nothing", async () => {
            // The engine re-checks a replacement with no old inputs while the old image still exists.
            const madeHere = makeImage({ imageName: "web", tags: markerTags(web.__logicalName) });
            backend.images.push(madeHere);
            const fresh = { ...ctx, facts: new LiveFacts(backend), ledger: new Ledger() };
            const r = await planCheckCustomImage({}, web, fresh);
            assert.deepEqual(r.failures, []);
            assert.equal(
                fresh.ledger.regionTotals(GZ).added,
                0,
                "taken over or replaced: no new image in the count",
            );
            // The same name made by another resource of the stack is a clash.
            const other = { ...web, __logicalName: "other-resource" };
            const clash = await planCheckCustomImage({}, other, {
                ...ctx,
                facts: new LiveFacts(backend),
                ledger: new Ledger(),
            });
            assert.match(reasons(clash.failures), /imageName "web" is already the name of/);
        });

        it("a backend failure throws, naming the fact", async () => {
            backend.failing.describeRegions = new Error("AuthFailure.SecretIdNotFound");
            await assert.rejects(
                planCheckCustomImage({}, web, ctx),
                (e: unknown) =>
                    e instanceof FactReadError &&
                    /the list of CVM regions \(Region service DescribeRegions\).*SecretIdNotFound/.test(
                        e.message,
                    ),
            );
        });
    });

    describe("ImageShare", () => {
        const own = makeImage({ imageId: "img-own00001" });
        const pub = makeImage({
            imageId: "img-pub00001",
            imageType: "PUBLIC_IMAGE",
            osName: "Ubuntu Server 22.04 LTS 64bit",
            imageCreator: "tencent",
        });
        const s = { __logicalName: "s", imageId: own.imageId, accountIds: ["100000000002"] };
        beforeEach(() => backend.images.push(own, pub));

        it("defaults region and mode; passes the own image", async () => {
            const r = await planCheckImageShare({}, s, ctx);
            assert.deepEqual(r.failures, []);
            assert.equal(r.inputs.region, GZ);
            assert.equal(r.inputs.mode, "additive");
        });

        it("a public image fails, saying what it is", async () => {
            const r = await planCheckImageShare({}, { ...s, imageId: pub.imageId }, ctx);
            assert.match(
                reasons(r.failures),
                /^imageId\|ImageShare "s": img-pub00001 is a public image \(Ubuntu Server 22.04 LTS 64bit\) owned by Tencent Cloud; only your own custom images/,
            );
            assert.equal(backend.count("describeSharePermission"), 0);
        });

        it("an image of another region: not found in the stated region", async () => {
            const r = await planCheckImageShare({}, { ...s, region: SH }, ctx);
            assert.match(reasons(r.failures), /imageId "img-own00001" is not an image in ap-shanghai/);
        });

        it("a marketplace image named outside mainland China says so (it exists only in mainland regions)", async () => {
            const market = makeImage({
                imageId: "img-mkt00001",
                imageType: "MARKET_IMAGE",
                osName: "CentOS 7.9 64bit",
                imageCreator: "marketplace",
            });
            backend.images.push(market);
            const r = await planCheckImageShare(
                {},
                { ...s, imageId: market.imageId, region: "ap-singapore" },
                ctx,
            );
            assert.equal(r.failures.length, 1);
            assert.match(
                reasons(r.failures),
                /^imageId\|ImageShare "s": img-mkt00001 is a marketplace image, and marketplace images are offered only in mainland China regions \(.*\); ap-singapore is not one/,
            );
            // A missing image in a mainland region is simply not found (no second look-up).
            const inShanghai = await planCheckImageShare(
                {},
                { ...s, imageId: "img-nothere1", region: SH },
                ctx,
            );
            assert.match(
                reasons(inShanghai.failures),
                /imageId "img-nothere1" is not an image in ap-shanghai/,
            );
        });

        it("sharing with the account itself fails", async () => {
            const r = await planCheckImageShare({}, { ...s, accountIds: [OWN_ACCOUNT] }, ctx);
            assert.match(reasons(r.failures), /accountIds\[0\] "100000000001" is this account/);
        });

        it("the account limit counts existing shares and every ImageShare of the image", async () => {
            backend.shares[own.imageId] = [
                { accountId: "100000000009", createdTime: "2026-01-01T00:00:00Z" },
            ];
            assert.deepEqual(
                (
                    await planCheckImageShare(
                        {},
                        { ...s, __logicalName: "a", accountIds: ["100000000002"] },
                        ctx,
                    )
                ).failures,
                [],
            );
            const r = await planCheckImageShare(
                {},
                { ...s, __logicalName: "b", accountIds: ["100000000003", "100000000004"] },
                ctx,
            );
            assert.match(
                reasons(r.failures),
                /accountIds\|ImageShare "b": img-own00001 in ap-guangzhou would be shared with 4 accounts but the limit is 3: it is shared with 1 that stay, this plan adds 3 \(ImageShare "a", ImageShare "b"\)/,
            );
            const tooMany = await planCheckImageShare(
                {},
                {
                    ...s,
                    __logicalName: "c",
                    accountIds: ["100000000002", "100000000003", "100000000004", "100000000005"],
                },
                ctx,
            );
            assert.match(
                reasons(tooMany.failures),
                /accountIds lists 4 accounts; one image can be shared with at most 3/,
            );
            assert.equal(backend.count("describeSharePermission"), 1);
        });

        it("an unknown image ID is not looked up", async () => {
            const r = await planCheckImageShare({}, { ...s, imageId: UNKNOWN }, ctx);
            assert.deepEqual(r.failures, []);
            assert.equal(backend.count("describeImagesByIds") + backend.count("listImages"), 0);
        });
    });

    describe("ImageCopy", () => {
        const own = makeImage({ imageId: "img-own00002" });
        const c = {
            __logicalName: "c",
            sourceImageId: own.imageId,
            destinationRegions: [SH, "ap-singapore"],
        };
        beforeEach(() => backend.images.push(own));

        it("defaults sourceRegion and passes a copy of an own image", async () => {
            const r = await planCheckImageCopy({}, c, ctx);
            assert.deepEqual(r.failures, []);
            assert.equal(r.inputs.sourceRegion, GZ);
            assert.equal(r.inputs.imageName, undefined);
        });

        it("a shared-in image cannot be copied; a region that does not exist is named", async () => {
            const shared = makeImage({
                imageId: "img-shr00002",
                imageType: "SHARED_IMAGE",
                imageCreator: "100000000002",
            });
            backend.images.push(shared);
            const r = await planCheckImageCopy(
                {},
                { ...c, sourceImageId: shared.imageId, destinationRegions: [SH, "ap-mumbai"] },
                ctx,
            );
            assert.match(
                reasons(r.failures),
                /sourceImageId\|.*img-shr00002 is an image .* that account 100000000002 shares with this account; .*can be copied/,
            );
            assert.match(
                reasons(r.failures),
                /destinationRegions\|.*destinationRegions\[1\] "ap-mumbai" is not a CVM region: it is unknown, or CVM is not offered there/,
            );
        });

        it("a marketplace source outside mainland China says so; an unknown ID abroad is simply not found", async () => {
            const market = makeImage({
                imageId: "img-mkt00002",
                imageType: "MARKET_IMAGE",
                osName: "CentOS 7.9 64bit",
                imageCreator: "marketplace",
            });
            backend.images.push(market);
            const r = await planCheckImageCopy(
                {},
                {
                    ...c,
                    sourceImageId: market.imageId,
                    sourceRegion: "ap-singapore",
                    destinationRegions: [SH],
                },
                ctx,
            );
            assert.match(
                reasons(r.failures),
                /^sourceImageId\|ImageCopy "c": img-mkt00002 is a marketplace image, and marketplace images are offered only in mainland China regions/,
            );
            const missing = await planCheckImageCopy(
                {},
                {
                    ...c,
                    sourceImageId: "img-nothere2",
                    sourceRegion: "ap-singapore",
                    destinationRegions: [SH],
                },
                ctx,
            );
            assert.match(
                reasons(missing.failures),
                /sourceImageId "img-nothere2" is not an image in ap-singapore/,
            );
        });

        it("copying to its own region fails at the shape", async () => {
            const r = await planCheckImageCopy({}, { ...c, destinationRegions: [GZ] }, ctx);
            assert.match(reasons(r.failures), /cannot be copied to its own region/);
        });

        it("destinations count against their region's quota, even while the source ID is unknown", async () => {
            backend.quotas[SH] = 1;
            await planCheckCustomImage(
                {},
                {
                    __logicalName: "sh-image",
                    region: SH,
                    imageName: "x",
                    source: {
                        import: {
                            imageUrl: "https://b/x",
                            osType: "CentOS",
                            osVersion: "7",
                            architecture: "x86_64",
                        },
                    },
                },
                ctx,
            );
            const r = await planCheckImageCopy({}, { ...c, sourceImageId: UNKNOWN }, ctx);
            assert.match(
                reasons(r.failures),
                /^destinationRegions\|ImageCopy "c": region ap-shanghai would hold 2 custom images but its quota is 1: 0 exist, this plan adds 2 \(CustomImage "sh-image", ImageCopy "c"\)/,
            );
        });

        it("an unchanged copy does not judge its source image (it may be gone)", async () => {
            const old = { ...c, sourceRegion: GZ, sourceImageId: "img-gone0000" };
            assert.deepEqual((await planCheckImageCopy(old, old, ctx)).failures, []);
            const grown = await planCheckImageCopy(
                old,
                { ...old, destinationRegions: [SH, "ap-singapore", "ap-tokyo"] },
                ctx,
            );
            assert.match(
                reasons(grown.failures),
                /sourceImageId "img-gone0000" is not an image in ap-guangzhou/,
            );
        });

        it("an update removing a destination frees a place there", async () => {
            backend.quotas[SH] = 1;
            backend.images.push(makeImage({ region: SH, imageName: "copy-of-own" }));
            const old = { ...c, sourceRegion: GZ };
            assert.deepEqual(
                (await planCheckImageCopy(old, { ...old, destinationRegions: ["ap-singapore"] }, ctx))
                    .failures,
                [],
            );
            const r = await planCheckImageCopy(
                {},
                { ...c, __logicalName: "other", destinationRegions: [SH] },
                ctx,
            );
            assert.deepEqual(r.failures, []);
        });
    });

    describe("image names are unique per region within the plan", () => {
        const image = (name: string, imageName: string, region = GZ) => ({
            __logicalName: name,
            region,
            imageName,
            // An import: no instance to look up in the other regions.
            source: {
                import: {
                    imageUrl: "https://b/x.qcow2",
                    osType: "CentOS",
                    osVersion: "7",
                    architecture: "x86_64",
                },
            },
        });

        it("two new CustomImages of one name in one region: the second fails, naming both", async () => {
            assert.deepEqual((await planCheckCustomImage({}, image("a", "web"), ctx)).failures, []);
            const r = await planCheckCustomImage({}, image("b", "web"), ctx);
            assert.deepEqual(
                r.failures.map((f) => f.property),
                ["imageName"],
            );
            assert.equal(
                r.failures[0].reason,
                'CustomImage "b": imageName "web" in ap-guangzhou is also the name CustomImage "a" gives an image ' +
                    "there in this plan; image names are unique per account and region, so the second image would be " +
                    "refused half-way through pulumi up: give one of them another name (an ImageCopy's copies take " +
                    "its imageName, else its source image's name)",
            );
            // Another region, or another name, is fine; checking "a" again replaces its claim.
            assert.deepEqual((await planCheckCustomImage({}, image("c", "web", SH), ctx)).failures, []);
            assert.deepEqual((await planCheckCustomImage({}, image("a", "web-2"), ctx)).failures, []);
            assert.deepEqual((await planCheckCustomImage({}, image("b", "web"), ctx)).failures, []);
        });

        it("an ImageCopy whose copies' name (the source's) meets a CustomImage in a destination fails, naming both", async () => {
            const source = makeImage({ imageId: "img-src00009", imageName: "web" });
            backend.images.push(source);
            assert.deepEqual((await planCheckCustomImage({}, image("sh-web", "web", SH), ctx)).failures, []);
            const copy = {
                __logicalName: "copies",
                sourceImageId: source.imageId,
                destinationRegions: ["ap-singapore", SH],
            };
            const r = await planCheckImageCopy({}, copy, ctx);
            assert.match(
                reasons(r.failures),
                /^destinationRegions\|ImageCopy "copies": the copies' name "web" in ap-shanghai is also the name CustomImage "sh-web" gives an image there in this plan; .*: set this ImageCopy's imageName to a name that is free there, or rename the other resource's image$/,
            );
            // With its own imageName it passes; a CustomImage checked after the copy fails the same way.
            assert.deepEqual(
                (await planCheckImageCopy({}, { ...copy, imageName: "web-copy" }, ctx)).failures,
                [],
            );
            const late = await planCheckCustomImage({}, image("sg-web", "web-copy", "ap-singapore"), ctx);
            assert.match(
                reasons(late.failures),
                /CustomImage "sg-web": imageName "web-copy" in ap-singapore is also the name ImageCopy "copies" gives/,
            );
        });

        it("an unknown name or source is not judged; an unchanged copy claims nothing", async () => {
            assert.deepEqual((await planCheckCustomImage({}, image("a", "web", SH), ctx)).failures, []);
            const unknownSource = {
                __logicalName: "u",
                sourceImageId: UNKNOWN,
                sourceRegion: GZ,
                destinationRegions: [SH],
            };
            assert.deepEqual((await planCheckImageCopy({}, unknownSource, ctx)).failures, []);
            // A source region that does not exist fails as such; the source is not read there.
            const nowhere = { ...unknownSource, sourceImageId: "img-src00011", sourceRegion: "ap-atlantis" };
            assert.match(
                reasons((await planCheckImageCopy({}, nowhere, ctx)).failures),
                /^sourceRegion\|.*ap-atlantis/,
            );
            assert.ok(
                !backend.log.some((line) => line.includes("ap-atlantis")),
                "nothing read in ap-atlantis",
            );
            const source = makeImage({ imageId: "img-src00010", imageName: "web" });
            backend.images.push(source);
            const old = {
                __logicalName: "kept",
                sourceImageId: source.imageId,
                sourceRegion: GZ,
                destinationRegions: [SH],
            };
            assert.deepEqual((await planCheckImageCopy(old, old, ctx)).failures, []);
        });
    });

    it("300 resources in 5 regions: the calls grow with regions, not resources", async () => {
        const regions = [GZ, SH, "ap-beijing", "ap-singapore", "ap-tokyo"];
        backend.defaultQuota = 1000;
        const sources = regions.map((region) => makeImage({ region }));
        backend.images.push(...sources);
        const imp = {
            import: {
                imageUrl: "https://b/x.qcow2",
                osType: "CentOS",
                osVersion: "7",
                architecture: "x86_64",
            },
        };
        for (let i = 0; i < 150; i++) {
            const region = regions[i % 5];
            const r = await planCheckCustomImage(
                {},
                { __logicalName: `img-${i}`, region, imageName: `n-${i}`, source: imp },
                ctx,
            );
            assert.deepEqual(r.failures, []);
            const source = sources[i % 5];
            const c = await planCheckImageCopy(
                {},
                {
                    __logicalName: `copy-${i}`,
                    sourceImageId: source.imageId,
                    sourceRegion: region,
                    destinationRegions: [regions[(i + 1) % 5]],
                    // Names are unique per region: copies of one source to one region need their own.
                    imageName: `copy-${i}`,
                },
                ctx,
            );
            assert.deepEqual(c.failures, []);
        }
        // DescribeRegions once; per region: one listing, one quota, one count.
        assert.equal(backend.count(), 1 + 3 * regions.length);
    });
});
