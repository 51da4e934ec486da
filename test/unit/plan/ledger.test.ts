import assert from "node:assert/strict";
import { selectorMatches, Ledger, type ImageAddition } from "../../../provider/plan/ledger";
import type { ResourceRef } from "../../../provider/model/kinds";

const ci = (name: string): ResourceRef => ({ kind: "CustomImage", name });
const cp = (name: string): ResourceRef => ({ kind: "ImageCopy", name });
const sh = (name: string): ResourceRef => ({ kind: "ImageShare", name });
const R = "ap-guangzhou";

describe("plan/ledger: custom images per region", () => {
    it("passes at the limit and fails one over", () => {
        const ledger = new Ledger();
        ledger.record(ci("a"), { regions: [{ region: R, add: 1, remove: 0 }] });
        ledger.record(cp("b"), { regions: [{ region: R, add: 1, remove: 0 }] });
        assert.equal(ledger.judgeRegion(cp("b"), "destinationRegions", R, 8, 10), undefined);
        ledger.record(ci("c"), { regions: [{ region: R, add: 1, remove: 0 }] });
        const f = ledger.judgeRegion(ci("c"), "region", R, 8, 10);
        assert.deepEqual(f, {
            property: "region",
            reason:
                'CustomImage "c": region ap-guangzhou would hold 11 custom images but its quota is 10: 8 exist, ' +
                'this plan adds 3 (CustomImage "a", CustomImage "c", ImageCopy "b") and deletes 0; every custom image ' +
                "of a region counts against its quota: delete custom images you no longer need in ap-guangzhou, ask " +
                "Tencent Cloud to raise the quota, or create fewer images there",
        });
    });

    it("is deterministic: the same contributions in another order give the same message", () => {
        const one = new Ledger();
        const two = new Ledger();
        const names = ["z", "a", "m", "b"];
        for (const n of names) one.record(ci(n), { regions: [{ region: R, add: 1, remove: 0 }] });
        for (const n of [...names].reverse())
            two.record(ci(n), { regions: [{ region: R, add: 1, remove: 0 }] });
        const a = one.judgeRegion(ci("x"), "region", R, 0, 3);
        const b = two.judgeRegion(ci("x"), "region", R, 0, 3);
        assert.ok(a);
        assert.deepEqual(a, b);
        assert.match(a.reason, /\(CustomImage "a", CustomImage "b", CustomImage "m", CustomImage "z"\)/);
    });

    it("re-checking the same resource replaces its contribution", () => {
        const ledger = new Ledger();
        ledger.record(cp("copy"), { regions: [{ region: R, add: 1, remove: 0 }] });
        ledger.record(cp("copy"), { regions: [{ region: R, add: 1, remove: 0 }] });
        assert.equal(ledger.regionTotals(R).added, 1);
        ledger.record(cp("copy"), { regions: [] });
        assert.equal(ledger.regionTotals(R).added, 0);
        // Same name, another type: a different resource.
        ledger.record(ci("copy"), { regions: [{ region: R, add: 1, remove: 0 }] });
        ledger.record(cp("copy"), { regions: [{ region: R, add: 1, remove: 0 }] });
        assert.equal(ledger.regionTotals(R).added, 2);
        ledger.forget(ci("copy"));
        assert.equal(ledger.regionTotals(R).added, 1);
    });

    it("deletes subtract", () => {
        const ledger = new Ledger();
        ledger.record(ci("new"), { regions: [{ region: R, add: 2, remove: 0 }] });
        assert.ok(ledger.judgeRegion(ci("new"), "region", R, 9, 10));
        ledger.record(cp("shrinks"), { regions: [{ region: R, add: 0, remove: 1 }] });
        assert.equal(ledger.judgeRegion(ci("new"), "region", R, 9, 10), undefined);
        assert.deepEqual(ledger.regionTotals(R), {
            added: 2,
            removed: 1,
            adders: ['CustomImage "new"'],
            removers: ['ImageCopy "shrinks"'],
        });
    });

    it("a quota failure names the resources that add and the ImageRetention that deletes, with the numbers", () => {
        const ledger = new Ledger();
        const keep: ResourceRef = { kind: "ImageRetention", name: "keep-3" };
        ledger.record(keep, { regions: [{ region: R, add: 0, remove: 1 }] });
        ledger.record(ci("web"), { regions: [{ region: R, add: 3, remove: 0 }] });
        const over = ledger.judgeRegion(ci("web"), "region", R, 9, 10);
        assert.match(
            over?.reason ?? "",
            /would hold 11 custom images but its quota is 10: 9 exist, this plan adds 3 \(CustomImage "web"\) and deletes 1 \(ImageRetention "keep-3"\).*let the ImageRetention keep fewer images/,
        );
    });

    it("headroom lines: one per change of a region, with who adds and who deletes", () => {
        const ledger = new Ledger();
        const keep: ResourceRef = { kind: "ImageRetention", name: "keep-3" };
        ledger.record(keep, { regions: [{ region: R, add: 0, remove: 3 }] });
        assert.equal(
            ledger.headroomLine(R, 10, 10),
            `${R}: 7 of 10 custom images after this plan (−3 by ImageRetention "keep-3")`,
        );
        assert.equal(ledger.headroomLine(R, 10, 10), undefined, "the same line is not said twice");
        ledger.record(ci("a"), { regions: [{ region: R, add: 1, remove: 0 }] });
        ledger.record(ci("b"), { regions: [{ region: R, add: 1, remove: 0 }] });
        assert.equal(
            ledger.headroomLine(R, 10, 10),
            `${R}: 9 of 10 custom images after this plan (+2 by CustomImage "a", CustomImage "b", −3 by ImageRetention "keep-3")`,
        );
        ledger.record(ci("c"), { regions: [{ region: R, add: 5, remove: 0 }] });
        assert.match(ledger.headroomLine(R, 10, 10) ?? "", /14 of 10 .*: over the quota$/);
    });

    it("knows the images the stack uses, and which of them an earlier retention would touch", () => {
        const ledger = new Ledger();
        const keep: ResourceRef = { kind: "ImageRetention", name: "keep-1" };
        ledger.record(keep, {
            retention: {
                regions: [R],
                acts: [
                    { region: R, imageId: "img-00000001", markerName: "base" },
                    { region: R, imageId: "img-00000002" },
                ],
                selector: { family: "web" },
                makeRoomFor: 0,
            },
        });
        ledger.recordUses(ci("base"), [{ region: R, markerName: "base" }]);
        ledger.recordUses(cp("copy"), [
            { region: R, imageId: "img-00000002" },
            { region: "ap-shanghai", markerName: "copy" },
        ]);
        assert.equal(
            ledger.stackUseOf(R, { imageId: "img-00000009", markerName: "base" }),
            'CustomImage "base"',
        );
        assert.equal(ledger.stackUseOf(R, { imageId: "img-00000002" }), 'ImageCopy "copy"');
        assert.equal(
            ledger.stackUseOf("ap-shanghai", { imageId: "img-00000002" }),
            undefined,
            "other region",
        );
        assert.equal(ledger.stackUseOf(R, { imageId: "img-00000003", markerName: "other" }), undefined);
        assert.deepEqual(ledger.retentionConflicts([{ region: R, markerName: "base" }]), [
            `ImageRetention "keep-1" acts on img-00000001 in ${R}`,
        ]);
        assert.deepEqual(ledger.retentionConflicts([{ region: "ap-shanghai", imageId: "img-00000002" }]), []);
        ledger.forget(ci("base"));
        assert.equal(ledger.stackUseOf(R, { imageId: "img-00000009", markerName: "base" }), undefined);
    });

    it("other regions do not count", () => {
        const ledger = new Ledger();
        ledger.record(ci("a"), { regions: [{ region: "ap-shanghai", add: 5, remove: 0 }] });
        assert.equal(ledger.judgeRegion(ci("b"), "region", R, 10, 10), undefined);
    });
});

describe("plan/ledger: accounts per shared image", () => {
    const share = (
        accounts: string[],
        over: Partial<{ removed: string[]; authoritative: boolean; imageId: string }> = {},
    ) => ({
        share: { region: R, imageId: "img-aaaaaaaa", accounts, removed: [], authoritative: false, ...over },
    });

    it("counts existing ∪ planned accounts against the limit", () => {
        const ledger = new Ledger();
        ledger.record(sh("a"), share(["1000001", "1000002"]));
        assert.equal(
            ledger.judgeShare(sh("a"), "accountIds", R, "img-aaaaaaaa", ["1000001", "1000003"], 3),
            undefined,
        );
        ledger.record(sh("b"), share(["1000004"]));
        const f = ledger.judgeShare(sh("b"), "accountIds", R, "img-aaaaaaaa", ["1000001", "1000003"], 3);
        assert.ok(f);
        assert.equal(f.property, "accountIds");
        assert.equal(
            f.reason,
            'ImageShare "b": img-aaaaaaaa in ap-guangzhou would be shared with 4 accounts but the limit is 3: it is ' +
                'shared with 2 that stay, this plan adds 2 (ImageShare "a", ImageShare "b"); remove accounts from ' +
                "accountIds, unshare accounts that no longer need the image, or, if your account allows more, raise " +
                "the provider setting tencentcloud-images:maxShareAccounts",
        );
    });

    it("removed accounts and authoritative mode free places; other images do not count", () => {
        const ledger = new Ledger();
        ledger.record(sh("a"), share(["1000004"], { removed: ["1000003"] }));
        assert.equal(
            ledger.judgeShare(sh("a"), "accountIds", R, "img-aaaaaaaa", ["1000001", "1000003"], 2),
            undefined,
        );
        ledger.record(sh("a"), share(["1000004", "1000005"], { authoritative: true }));
        assert.equal(
            ledger.judgeShare(sh("a"), "accountIds", R, "img-aaaaaaaa", ["1000001", "1000003"], 2),
            undefined,
        );
        ledger.record(sh("o"), share(["1000006", "1000007", "1000008"], { imageId: "img-bbbbbbbb" }));
        assert.equal(ledger.judgeShare(sh("a"), "accountIds", R, "img-aaaaaaaa", [], 2), undefined);
        assert.ok(ledger.judgeShare(sh("o"), "accountIds", R, "img-bbbbbbbb", [], 2));
    });
});

describe("plan/ledger: image names per region", () => {
    const claim = (imageName: string, region = R) => [{ region, imageName }];
    const fix = "rename one";

    it("the second resource of a name in a region fails, naming every other; other regions and names pass", () => {
        const ledger = new Ledger();
        assert.deepEqual(ledger.claimNames(ci("a"), "imageName", claim("web"), "imageName", fix), []);
        assert.deepEqual(
            ledger.claimNames(
                cp("c"),
                "destinationRegions",
                claim("web", "ap-shanghai"),
                "the copies' name",
                fix,
            ),
            [],
        );
        assert.deepEqual(ledger.claimNames(ci("b"), "imageName", claim("api"), "imageName", fix), []);
        const [f, ...rest] = ledger.claimNames(ci("z"), "imageName", claim("web"), "imageName", fix);
        assert.deepEqual(rest, []);
        assert.deepEqual(f, {
            property: "imageName",
            reason:
                'CustomImage "z": imageName "web" in ap-guangzhou is also the name CustomImage "a" gives an image ' +
                "there in this plan; image names are unique per account and region, so the second image would be " +
                "refused half-way through pulumi up: rename one",
        });
    });

    it("claiming again replaces the resource's claims; forget drops them", () => {
        const ledger = new Ledger();
        ledger.claimNames(ci("a"), "imageName", claim("web"), "imageName", fix);
        assert.deepEqual(
            ledger.claimNames(ci("a"), "imageName", claim("web"), "imageName", fix),
            [],
            "itself is no clash",
        );
        ledger.claimNames(ci("a"), "imageName", claim("web-2"), "imageName", fix);
        assert.deepEqual(ledger.claimNames(ci("b"), "imageName", claim("web"), "imageName", fix), []);
        ledger.forget(ci("b"));
        assert.deepEqual(ledger.claimNames(ci("c"), "imageName", claim("web"), "imageName", fix), []);
    });

    describe("the images a resource adds (issue 13: a retention's selection)", () => {
        const add = (over: Partial<ImageAddition> = {}): ImageAddition => ({
            region: R,
            count: 1,
            imageName: "web-7",
            family: "web",
            tags: { team: "a" },
            markerName: "web-7",
            existingIds: [],
            ...over,
        });
        const keep: ResourceRef = { kind: "ImageRetention", name: "keep-web" };
        const retention = (makeRoomFor: number) => ({
            retention: { regions: [R], acts: [], selector: { family: "web" }, makeRoomFor },
        });

        it("matches a selector: true, false, or undefined while a value it reads is not known", () => {
            assert.equal(
                selectorMatches(add(), { family: "web", namePrefix: "web-", tags: { team: "a" } }),
                true,
            );
            assert.equal(selectorMatches(add(), { family: "db" }), false);
            assert.equal(selectorMatches(add({ family: undefined }), { family: "web" }), undefined);
            assert.equal(
                selectorMatches(add({ family: undefined }), { family: "web", namePrefix: "db" }),
                false,
            );
            assert.equal(selectorMatches(add({ tags: undefined }), { tags: { team: "a" } }), undefined);
            assert.equal(
                selectorMatches(add({ imageName: undefined }), { family: "web" }),
                true,
                "name not read",
            );
        });

        it("tells the additions recorded before a retention from those after it; a re-check keeps its place", () => {
            const ledger = new Ledger();
            ledger.record(ci("a"), { additions: [add({ markerName: "a" })] });
            ledger.record(keep, retention(0));
            ledger.record(ci("b"), { additions: [add({ markerName: "b" }), add({ region: "ap-shanghai" })] });
            ledger.record(ci("a"), { additions: [add({ markerName: "a", count: 2 })] });
            const before = ledger.additionsAround(keep, R, "before");
            assert.deepEqual(
                before.map((a) => [a.by, a.count]),
                [['CustomImage "a"', 2]],
            );
            const after = ledger.additionsAround(keep, R, "after");
            assert.deepEqual(
                after.map((a) => a.by),
                ['CustomImage "b"'],
            );
            assert.deepEqual(
                ledger.additionsAround({ kind: "ImageRetention", name: "new" }, R, "before").map((a) => a.by),
                ['CustomImage "a"', 'CustomImage "b"'],
                "a retention not recorded yet sees them all as before it",
            );
        });

        it("judges the additions after a retention against its makeRoomFor, naming both and the fix", () => {
            const ledger = new Ledger();
            ledger.record(keep, retention(1));
            ledger.record(ci("b"), { additions: [add({ markerName: "b" })] });
            assert.deepEqual(ledger.judgeRoom(ci("b"), ""), []);
            ledger.record(ci("c"), { additions: [add({ markerName: "c", family: "db" })] });
            assert.deepEqual(ledger.judgeRoom(ci("c"), ""), [], "not in the selection");
            ledger.record(ci("d"), { additions: [add({ markerName: "d", family: undefined })] });
            assert.deepEqual(ledger.judgeRoom(ci("d"), ""), [], "not known: not counted");
            ledger.record(ci("e"), { additions: [add({ markerName: "e" })] });
            const [f] = ledger.judgeRoom(ci("e"), "region");
            assert.equal(f.property, "region");
            assert.match(
                f.reason,
                /^CustomImage "e": ImageRetention "keep-web" makes room for 1 new image of its selection in ap-guangzhou, but the resources checked after it add 2 there in this plan \(CustomImage "b", CustomImage "e"\); .*set makeRoomFor: 2 on ImageRetention "keep-web", or declare this resource before the retention$/,
            );
            // A resource that leaves the plan no longer counts: with "b" forgotten, "e" is the only one.
            ledger.forget(ci("b"));
            assert.deepEqual(ledger.judgeRoom(ci("e"), ""), [], "one addition after it: room for it");
        });
    });
});
