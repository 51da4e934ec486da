import assert from "node:assert/strict";
import type { ResourceRef } from "../../../provider/model/kinds";
import { regionFailures } from "../../../provider/plan/rules/region";
import {
    byolShareFailures,
    describeImageKind,
    imageNotFound,
    marketplaceRegionFailures,
    ownImageFailures,
} from "../../../provider/plan/rules/ownership";
import { instanceSourceFailures, snapshotSourceFailures } from "../../../provider/plan/rules/source";
import { selfShareFailures, shareCountFailures } from "../../../provider/plan/rules/share";
import { adoptionFailures, duplicateNameFailures } from "../../../provider/plan/rules/naming";
import { OWN_ACCOUNT, makeImage } from "./fakeBackend";

const share: ResourceRef = { kind: "ImageShare", name: "s" };
const copy: ResourceRef = { kind: "ImageCopy", name: "c" };
const custom: ResourceRef = { kind: "CustomImage", name: "w" };
const offered = ["ap-guangzhou", "ap-shanghai", "ap-singapore"].map((region) => ({
    region,
    regionName: region,
    regionState: "AVAILABLE",
}));

describe("plan/rules", () => {
    describe("region exists (DescribeRegions)", () => {
        it("passes an offered region", () => {
            assert.deepEqual(regionFailures(custom, "region", "region", "ap-shanghai", offered), []);
        });
        it("fails a region DescribeRegions does not list, suggesting the nearest", () => {
            const [f] = regionFailures(
                copy,
                "destinationRegions",
                "destinationRegions[1]",
                "ap-singapor",
                offered,
            );
            assert.equal(f.property, "destinationRegions");
            assert.equal(
                f.reason,
                'ImageCopy "c": destinationRegions[1] "ap-singapor" is not a CVM region: it is unknown, or CVM is not ' +
                    "offered there (the Region service lists for cvm: ap-guangzhou, ap-shanghai, ap-singapore): did you mean ap-singapore?",
            );
        });
        it("fails a documented region that this endpoint does not offer", () => {
            assert.match(
                regionFailures(custom, "region", "region", "ap-tokyo", offered)[0].reason,
                /"ap-tokyo" is not a CVM region/,
            );
        });
        it("fails a region that is not AVAILABLE", () => {
            const closed = [{ region: "ap-tokyo", regionName: "", regionState: "UNAVAILABLE" }];
            assert.match(
                regionFailures(custom, "region", "region", "ap-tokyo", closed)[0].reason,
                /is UNAVAILABLE, not AVAILABLE/,
            );
        });
    });

    describe("ownership", () => {
        it("the account's own custom image may be shared, copied, adopted and renamed", () => {
            for (const action of ["share", "copy", "adopt", "rename"] as const) {
                assert.deepEqual(ownImageFailures(share, "imageId", makeImage(), action), []);
            }
        });
        it("a public image: says what it is and what to do instead", () => {
            const img = makeImage({
                imageId: "img-pub00001",
                imageType: "PUBLIC_IMAGE",
                osName: "Ubuntu Server 22.04 LTS 64bit",
                imageCreator: "tencent",
            });
            const [f] = ownImageFailures(share, "imageId", img, "share");
            assert.equal(f.property, "imageId");
            assert.equal(
                f.reason,
                'ImageShare "s": img-pub00001 is a public image (Ubuntu Server 22.04 LTS 64bit) owned by Tencent Cloud; ' +
                    "only your own custom images (PRIVATE_IMAGE) can be shared: launch instances from it; to share it, " +
                    "launch an instance from it and make a CustomImage of that instance, then share that",
            );
        });
        it("a shared-in image names its owner; marketplace images their vendor", () => {
            const shared = makeImage({
                imageId: "img-shr00001",
                imageType: "SHARED_IMAGE",
                imageName: "base",
                imageCreator: "100000000002",
            });
            assert.match(
                ownImageFailures(copy, "sourceImageId", shared, "copy")[0].reason,
                /img-shr00001 is an image \("base"\) that account 100000000002 shares with this account; only your own custom images \(PRIVATE_IMAGE\) can be copied: .*then copy that/,
            );
            const market = makeImage({ imageType: "MARKET_IMAGE", osName: "WordPress on CentOS" });
            assert.equal(
                describeImageKind(market),
                "a marketplace image (WordPress on CentOS) sold by a third-party vendor",
            );
            assert.match(
                ownImageFailures(custom, "imageName", market, "rename")[0].reason,
                /can be renamed: leave its name/,
            );
        });
        it("an image of a kind the service added later is never taken for the account's own", () => {
            const future = makeImage({ imageId: "img-new00001", imageType: "FUTURE_IMAGE", imageName: "x" });
            assert.match(
                ownImageFailures(share, "imageId", future, "share")[0].reason,
                /img-new00001 is an image \("x"\) of kind FUTURE_IMAGE, which this provider does not know; only your own custom images \(PRIVATE_IMAGE\) can be shared/,
            );
        });
        it("marketplace images only in mainland China", () => {
            const market = makeImage({ imageId: "img-mkt00001", imageType: "MARKET_IMAGE" });
            assert.deepEqual(marketplaceRegionFailures(share, "imageId", market, "ap-guangzhou"), []);
            assert.deepEqual(marketplaceRegionFailures(share, "imageId", makeImage(), "ap-singapore"), []);
            assert.match(
                marketplaceRegionFailures(share, "imageId", market, "ap-singapore")[0].reason,
                /img-mkt00001 is a marketplace image, and marketplace images are offered only in mainland China regions \(ap-guangzhou, .*\); ap-singapore is not one/,
            );
        });
        it("BYOL images cannot be shared", () => {
            assert.deepEqual(
                byolShareFailures(share, "imageId", makeImage({ licenseType: "TencentCloud" })),
                [],
            );
            assert.match(
                byolShareFailures(share, "imageId", makeImage({ licenseType: "BYOL" }))[0].reason,
                /BYOL .* cannot be shared/,
            );
        });
        it("not found says where it looked", () => {
            assert.equal(
                imageNotFound(share, "imageId", "imageId", "img-nope0000", "ap-shanghai").reason,
                'ImageShare "s": imageId "img-nope0000" is not an image in ap-shanghai (DescribeImages does not know it there): check the ID, and that the image lives in ap-shanghai (set the region of the image)',
            );
        });
    });

    describe("instance source", () => {
        const instance = {
            instanceId: "ins-aaaaaaaa",
            instanceName: "web",
            instanceState: "RUNNING",
            systemDiskId: "disk-sys00001",
            dataDiskIds: ["disk-dat00001"],
        };
        it("passes an existing instance with its own data disks", () => {
            assert.deepEqual(
                instanceSourceFailures(custom, "ap-guangzhou", "ins-aaaaaaaa", instance, [
                    { index: 0, diskId: "disk-dat00001" },
                ]),
                [],
            );
        });
        it("fails an instance the region does not have", () => {
            assert.match(
                instanceSourceFailures(custom, "ap-guangzhou", "ins-aaaaaaaa", undefined, [])[0].reason,
                /source.instanceId "ins-aaaaaaaa" is not an instance in ap-guangzhou/,
            );
        });
        it("fails the system disk and foreign disks listed as data disks", () => {
            const f = instanceSourceFailures(custom, "ap-guangzhou", "ins-aaaaaaaa", instance, [
                { index: 0, diskId: "disk-sys00001" },
                { index: 2, diskId: "disk-other001" },
            ]);
            assert.equal(f.length, 2);
            assert.match(
                f[0].reason,
                /source.dataDiskIds\[0\] "disk-sys00001" is the system disk of ins-aaaaaaaa/,
            );
            assert.match(
                f[1].reason,
                /source.dataDiskIds\[2\] "disk-other001" is not a data disk of ins-aaaaaaaa \(its data disks: disk-dat00001\)/,
            );
        });
    });

    describe("instance source whose reply gave a data disk no DiskId (optional in the spec)", () => {
        const partial = {
            instanceId: "ins-aaaaaaaa",
            instanceName: "web",
            instanceState: "RUNNING",
            dataDiskIds: ["disk-dat00001"],
            unidentifiedDataDisks: 1,
        };
        it("does not refuse a disk that may be the unnamed one", () => {
            assert.deepEqual(
                instanceSourceFailures(custom, "ap-guangzhou", "ins-aaaaaaaa", partial, [
                    { index: 0, diskId: "disk-other001" },
                ]),
                [],
            );
        });
    });

    describe("snapshot source", () => {
        const sys = { snapshotId: "snap-sys00001", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" };
        const sys2 = { snapshotId: "snap-sys00002", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" };
        const dat = { snapshotId: "snap-dat00001", diskUsage: "DATA_DISK", snapshotState: "NORMAL" };
        const entry = (index: number, s: typeof sys) => ({ index, snapshotId: s.snapshotId, info: s });
        it("passes exactly one system-disk snapshot plus data-disk ones", () => {
            assert.deepEqual(
                snapshotSourceFailures(custom, "ap-guangzhou", [entry(0, sys), entry(1, dat)], true),
                [],
            );
        });
        it("fails a missing snapshot", () => {
            const f = snapshotSourceFailures(
                custom,
                "ap-guangzhou",
                [entry(0, sys), { index: 1, snapshotId: "snap-gone0000", info: undefined }],
                true,
            );
            assert.match(
                f[0].reason,
                /source.snapshotIds\[1\] "snap-gone0000" is not a snapshot in ap-guangzhou/,
            );
        });
        it("fails zero or two system-disk snapshots", () => {
            assert.match(
                snapshotSourceFailures(custom, "r", [entry(0, dat)], true)[0].reason,
                /has 0 system-disk snapshots; .*add the snapshot of a system disk/,
            );
            assert.match(
                snapshotSourceFailures(custom, "r", [entry(0, sys), entry(1, sys2)], true)[0].reason,
                /has 2 system-disk snapshots \(snap-sys00001, snap-sys00002\).*keep one/,
            );
        });
        it("with unknown entries, judges only too many system disks", () => {
            assert.deepEqual(snapshotSourceFailures(custom, "r", [entry(0, dat)], false), []);
            assert.equal(
                snapshotSourceFailures(custom, "r", [entry(0, sys), entry(1, sys2)], false).length,
                1,
            );
        });
    });

    describe("share", () => {
        it("refuses sharing with the owner's own account", () => {
            assert.deepEqual(selfShareFailures(share, ["100000000002"], "img-aaaaaaaa", OWN_ACCOUNT), []);
            const [f] = selfShareFailures(share, ["100000000002", OWN_ACCOUNT], "img-aaaaaaaa", OWN_ACCOUNT);
            assert.equal(f.property, "accountIds");
            assert.match(
                f.reason,
                /accountIds\[1\] "100000000001" is this account, the owner of img-aaaaaaaa; an image cannot be shared with its own account: remove it/,
            );
        });
        it("refuses more accounts than the limit in one resource", () => {
            assert.deepEqual(shareCountFailures(share, ["1", "2"], 2), []);
            assert.match(
                shareCountFailures(share, ["1", "2", "3"], 2)[0].reason,
                /accountIds lists 3 accounts; one image can be shared with at most 2/,
            );
        });
    });

    describe("naming", () => {
        it("adoption: an own image, or none, is fine; only a non-own match fails", () => {
            assert.deepEqual(adoptionFailures(custom, []), []);
            assert.deepEqual(adoptionFailures(custom, [makeImage({ imageName: "web" })]), []);
            const shared = makeImage({
                imageName: "web",
                imageType: "SHARED_IMAGE",
                imageCreator: "100000000002",
            });
            const [f] = adoptionFailures(custom, [shared]);
            assert.equal(f.property, "adoptExisting");
            assert.match(
                f.reason,
                /shares with this account; only your own custom images \(PRIVATE_IMAGE\) can be adopted by a CustomImage \(adoptExisting\): choose another imageName/,
            );
        });
        it("a new image may not take the name of an own image in the region", () => {
            assert.deepEqual(duplicateNameFailures(custom, "web", "ap-guangzhou", []), []);
            assert.deepEqual(
                duplicateNameFailures(custom, "web", "ap-guangzhou", [
                    makeImage({ imageName: "web", imageType: "SHARED_IMAGE" }),
                ]),
                [],
            );
            const own = makeImage({ imageName: "web" });
            assert.match(
                duplicateNameFailures(custom, "web", "ap-guangzhou", [own])[0].reason,
                new RegExp(
                    `imageName "web" is already the name of ${own.imageId} in ap-guangzhou; .*set adoptExisting: true`,
                ),
            );
        });
    });
});
