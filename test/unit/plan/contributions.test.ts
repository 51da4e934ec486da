import assert from "node:assert/strict";
import {
    customImageDeltas,
    imageCopyDeltas,
    imageShareContribution,
    isNewResource,
    sharesNewAccounts,
} from "../../../provider/plan/contributions";
import { sameValue } from "../../../provider/model/diff";
import { UNKNOWN } from "../../../provider/plan/unknown";

const R = "ap-guangzhou";
const S = "ap-shanghai";

describe("plan/contributions", () => {
    it("a new resource has empty old inputs", () => {
        assert.equal(isNewResource({}), true);
        assert.equal(isNewResource(undefined), true);
        assert.equal(isNewResource({ __logicalName: "x" }), false);
        assert.equal(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), true);
        assert.equal(sameValue({ a: 1 }, { a: 2 }), false);
    });

    describe("CustomImage", () => {
        const old = { __logicalName: "w", region: R, source: { instanceId: "ins-2v3sqe2t" } };
        it("a new image adds one in its region, even while its ID is unknown", () => {
            assert.deepEqual(customImageDeltas({}, { ...old, imageId: UNKNOWN }), [
                { region: R, add: 1, remove: 0 },
            ]);
        });
        it("adopting an existing image adds nothing", () => {
            assert.deepEqual(customImageDeltas({}, old, true), []);
        });
        it("an unchanged or renamed image adds nothing", () => {
            assert.deepEqual(customImageDeltas(old, { ...old, imageName: "new" }), []);
        });
        it("a region change adds in the new region and frees the old one", () => {
            assert.deepEqual(customImageDeltas(old, { ...old, region: S }), [
                { region: S, add: 1, remove: 0 },
                { region: R, add: 0, remove: 1 },
            ]);
        });
        it("a source change replaces the image: one made and one deleted in the region", () => {
            assert.deepEqual(customImageDeltas(old, { ...old, source: { snapshotIds: ["snap-4l2rz0ab"] } }), [
                { region: R, add: 1, remove: 1 },
            ]);
        });
        it("a source not known yet leaves the region's count where it was", () => {
            assert.deepEqual(customImageDeltas(old, { ...old, source: { instanceId: UNKNOWN } }), []);
        });
        it("an unknown region is not judged", () => {
            assert.deepEqual(customImageDeltas({}, { ...old, region: UNKNOWN }), []);
        });
    });

    describe("ImageCopy", () => {
        const old = {
            __logicalName: "c",
            sourceImageId: "img-aaaaaaaa",
            sourceRegion: R,
            destinationRegions: [S, "ap-tokyo"],
        };
        it("a new copy adds one per known destination", () => {
            assert.deepEqual(imageCopyDeltas({}, { ...old, destinationRegions: [S, UNKNOWN] }), [
                { region: S, add: 1, remove: 0 },
            ]);
            assert.deepEqual(imageCopyDeltas({}, { ...old, sourceImageId: UNKNOWN }).length, 2);
        });
        it("an update adds the new destinations and removes the dropped ones", () => {
            assert.deepEqual(imageCopyDeltas(old, { ...old, destinationRegions: [S, "eu-frankfurt"] }), [
                { region: "eu-frankfurt", add: 1, remove: 0 },
                { region: "ap-tokyo", add: 0, remove: 1 },
            ]);
        });
        it("an unknown destination may be an old one: nothing is counted as removed", () => {
            assert.deepEqual(imageCopyDeltas(old, { ...old, destinationRegions: [S, UNKNOWN] }), []);
        });
        it("a new source image replaces every copy: each destination gets a new one, each old one goes", () => {
            assert.deepEqual(
                imageCopyDeltas(old, { ...old, sourceImageId: "img-bbbbbbbb" }).map((d) => [
                    d.region,
                    d.add,
                    d.remove,
                ]),
                [
                    [S, 1, 0],
                    ["ap-tokyo", 1, 0],
                    [S, 0, 1],
                    ["ap-tokyo", 0, 1],
                ],
            );
        });
        it("a source not known yet is judged as an update (kept regions end where they started)", () => {
            assert.deepEqual(imageCopyDeltas(old, { ...old, sourceImageId: UNKNOWN }), []);
        });
    });

    describe("ImageShare", () => {
        const old = {
            __logicalName: "s",
            imageId: "img-aaaaaaaa",
            region: R,
            accountIds: ["1000001", "1000002"],
            mode: "additive",
        };
        it("lists the known accounts and the ones dropped from the same image", () => {
            assert.deepEqual(imageShareContribution(old, { ...old, accountIds: ["1000002", "1000003"] }), {
                region: R,
                imageId: "img-aaaaaaaa",
                accounts: ["1000002", "1000003"],
                removed: ["1000001"],
                authoritative: false,
            });
        });
        it("drops nothing for a new image, and nothing is known while its image is unknown", () => {
            assert.deepEqual(
                imageShareContribution(old, { ...old, imageId: "img-bbbbbbbb", accountIds: ["1000003"] })
                    ?.removed,
                [],
            );
            assert.equal(imageShareContribution({}, { ...old, imageId: UNKNOWN }), undefined);
            assert.equal(imageShareContribution({}, { ...old, region: UNKNOWN }), undefined);
            assert.equal(imageShareContribution({}, { ...old, mode: "authoritative" })?.authoritative, true);
        });
        it("shares with new accounts only when new, moved, or listing an account (or an unknown) it did not", () => {
            assert.equal(sharesNewAccounts({}, old), true);
            assert.equal(sharesNewAccounts(old, old), false);
            assert.equal(sharesNewAccounts(old, { ...old, accountIds: ["1000002"] }), false);
            assert.equal(sharesNewAccounts(old, { ...old, accountIds: ["1000002", "1000001"] }), false);
            assert.equal(sharesNewAccounts(old, { ...old, mode: "authoritative" }), false);
            assert.equal(sharesNewAccounts(old, { ...old, accountIds: ["1000001", "1000003"] }), true);
            assert.equal(sharesNewAccounts(old, { ...old, accountIds: ["1000001", UNKNOWN] }), true);
            assert.equal(sharesNewAccounts(old, { ...old, imageId: "img-bbbbbbbb" }), true);
            assert.equal(sharesNewAccounts(old, { ...old, region: S }), true);
        });
    });
});
