import assert from "node:assert/strict";
import type { ProviderSettings } from "../../../provider/config";
import { markerTags } from "../../../provider/markers";
import {
    PlanContext,
    planCheckCustomImage,
    planCheckImageCopy,
    planCheckImageShare,
} from "../../../provider/plan/check";
import { planCheckImageRetention } from "../../../provider/plan/retentionCheck";
import { Ledger } from "../../../provider/plan/ledger";
import { LiveFacts } from "../../../provider/plan/liveFacts";
import { UNKNOWN } from "../../../provider/plan/unknown";
import { diffImageRetention } from "../../../provider/resources/diffs";
import { FakeBackend, makeImage } from "./fakeBackend";

const GZ = "ap-guangzhou";
const SH = "ap-shanghai";
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-12-04T00:00:00Z");

/** A fresh run's plan context over the fake backend, its headroom lines collected in `lines`. */
function planContext(backend: FakeBackend, settings: ProviderSettings, lines: string[]): PlanContext {
    return {
        backend,
        settings,
        facts: new LiveFacts(backend),
        ledger: new Ledger(),
        log: (line) => lines.push(line),
        now: () => NOW,
    };
}

describe("plan/retentionCheck (with a fake backend)", () => {
    let backend: FakeBackend;
    let ctx: PlanContext;
    let lines: string[];
    const settings: ProviderSettings = { region: GZ, maxShareAccounts: 50 };
    const keep2 = { __logicalName: "keep-2", family: "web", keepLatest: 2 };
    /** Build n of family web, n days old. */
    const build = (n: number, tags: Record<string, string> = {}) =>
        makeImage({
            imageId: `img-0000000${n}`,
            imageName: `web-${n}`,
            imageFamily: "web",
            createdTime: new Date(NOW - n * DAY).toISOString(),
            tags,
        });

    beforeEach(() => {
        backend = new FakeBackend();
        backend.defaultQuota = 5;
        backend.images = [1, 2, 3, 4, 5].map((n) => build(n));
        lines = [];
        ctx = planContext(backend, settings, lines);
    });
    afterEach(() => assert.ok(!backend.log.includes("MUTATION"), "no mutating call"));

    it("computes the plan in check: the preview shows it, pendingImageIds lists the actions", async () => {
        const r = await planCheckImageRetention({}, keep2, ctx);
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.inputs.pendingImageIds, ["img-00000003", "img-00000004", "img-00000005"]);
        assert.equal((r.inputs.plan as string[]).length, 5);
        assert.equal(r.inputs.action, "delete", "the default action is filled in");
        assert.deepEqual(lines, [
            `tencentcloud-images: ${GZ}: 2 of 5 custom images after this plan (−3 by ImageRetention "keep-2")`,
        ]);
        assert.equal(backend.count("describeSharePermission"), 3, "shares read for the candidates only");
        assert.equal(backend.count("listInstances"), 1);
    });

    it("its deletions make room for a CustomImage checked after it in a full region", async () => {
        await planCheckImageRetention({}, { ...keep2, keepLatest: 4 }, ctx);
        const web = {
            __logicalName: "web-6",
            imageName: "web-6",
            source: { snapshotIds: ["snap-aaaaaaaa"] },
        };
        const fits = await planCheckCustomImage({}, web, ctx);
        assert.deepEqual(
            fits.failures.filter((f) => /quota/.test(f.reason)),
            [],
        );
        const second = await planCheckCustomImage(
            {},
            { ...web, __logicalName: "web-7", imageName: "web-7" },
            ctx,
        );
        assert.match(
            second.failures.map((f) => f.reason).join("\n"),
            /would hold 6 custom images but its quota is 5: 5 exist, this plan adds 2 \(CustomImage "web-6", CustomImage "web-7"\) and deletes 1 \(ImageRetention "keep-2"\)/,
        );
    });

    it("spares the images of resources checked before it; fails one checked after it that it would touch", async () => {
        backend.images = [build(1), build(2), build(3, markerTags("base")), build(4)];
        const base = {
            __logicalName: "base",
            region: GZ,
            imageName: "web-3",
            source: { snapshotIds: ["snap-aaaaaaaa"] },
        };
        await planCheckCustomImage({ ...base }, base, ctx);
        await planCheckImageShare(
            {},
            { __logicalName: "s", region: GZ, imageId: "img-00000004", accountIds: ["100000000002"] },
            ctx,
        );
        const r = await planCheckImageRetention({}, { ...keep2, keepLatest: 1 }, ctx);
        assert.deepEqual(r.inputs.pendingImageIds, ["img-00000002"]);
        const plan = (r.inputs.plan as string[]).join("\n");
        assert.match(plan, /keep img-00000003 'web-3' .*CustomImage "base" of this stack manages or uses it/);
        assert.match(plan, /keep img-00000004 'web-4' .*ImageShare "s" of this stack/);

        const late = await planCheckImageShare(
            {},
            { __logicalName: "late", region: GZ, imageId: "img-00000002", accountIds: ["100000000002"] },
            ctx,
        );
        assert.match(
            late.failures.map((f) => f.reason).join("\n"),
            /ImageShare "late": ImageRetention "keep-2" acts on img-00000002 in ap-guangzhou, an image this resource manages or uses; .*declare this resource before the ImageRetention/,
        );
    });

    it("keeps images an instance runs and shared ones; unshareBeforeDelete deletes the shared one", async () => {
        backend.instances[GZ] = [
            {
                instanceId: "ins-aaaaaaaa",
                instanceName: "vm",
                instanceState: "RUNNING",
                dataDiskIds: [],
                imageId: "img-00000005",
            },
        ];
        backend.shares["img-00000004"] = [{ accountId: "100000000002", createdTime: "2026-01-01T00:00:00Z" }];
        const r = await planCheckImageRetention({}, keep2, ctx);
        assert.deepEqual(r.inputs.pendingImageIds, ["img-00000003"]);
        ctx.ledger = new Ledger();
        const u = await planCheckImageRetention({}, { ...keep2, unshareBeforeDelete: true }, ctx);
        assert.deepEqual(u.inputs.pendingImageIds, ["img-00000003", "img-00000004"]);
    });

    it("unknown inputs: no plan yet, and the diff counts it as a change", async () => {
        const r = await planCheckImageRetention(
            {},
            { ...keep2, family: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
            ctx,
        );
        assert.deepEqual(r.failures, []);
        assert.equal(backend.count("listImages"), 0);
        assert.equal(diffImageRetention({ ...keep2, region: GZ, action: "delete" }, r.inputs).changes, true);
    });

    it("diff: a change whenever the plan acts or reads differently, none when it holds", () => {
        const olds = { ...keep2, region: GZ, action: "delete", plan: ["keep a"], pendingImageIds: [] };
        assert.equal(diffImageRetention(olds, { ...olds }).changes, false);
        assert.equal(diffImageRetention(olds, { ...olds, pendingImageIds: ["img-00000001"] }).changes, true);
        assert.equal(diffImageRetention(olds, { ...olds, plan: ["keep a", "keep b"] }).changes, true);
        const moved = diffImageRetention(olds, { ...olds, keepLatest: 3 });
        assert.deepEqual([moved.changes, moved.replaces], [true, []]);
    });
});

// Issue 13: the images a plan adds to a retention's selection, checked before it (counted among the
// newest it keeps, once each) and after it (held to its makeRoomFor), and a retention over every
// region of its family.
describe("plan/retentionCheck: the images this plan adds", () => {
    let backend: FakeBackend;
    let ctx: PlanContext;
    let lines: string[];
    const settings: ProviderSettings = { region: GZ, maxShareAccounts: 50 };
    const keep3 = { __logicalName: "keep-web", family: "web", keepLatest: 3 };
    /** Build n of family web in a region, n days old. */
    const build = (n: number, region = GZ, over: Parameters<typeof makeImage>[0] = {}) =>
        makeImage({
            imageId: `img-${region === GZ ? "g" : "s"}000000${n}`,
            region,
            imageName: `web-${n}`,
            imageFamily: "web",
            createdTime: new Date(NOW - n * DAY).toISOString(),
            ...over,
        });
    const web = (name: string, over: Record<string, unknown> = {}) => ({
        __logicalName: name,
        imageName: name,
        family: "web",
        source: { snapshotIds: ["snap-aaaaaaaa"] },
        ...over,
    });
    const reasons = (r: { failures: { reason: string }[] }) => r.failures.map((f) => f.reason).join("\n");
    const planOf = (r: { inputs: Record<string, unknown> }) => r.inputs.plan as string[];

    beforeEach(() => {
        backend = new FakeBackend();
        backend.defaultQuota = 10;
        backend.images = [1, 2, 3, 4].map((n) => build(n));
        for (const region of [GZ, SH]) {
            backend.snapshots[region] = [
                { snapshotId: "snap-aaaaaaaa", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" },
                { snapshotId: "snap-bbbbbbbb", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" },
            ];
        }
        lines = [];
        ctx = planContext(backend, settings, lines);
    });
    afterEach(() => assert.ok(!backend.log.includes("MUTATION"), "no mutating call"));

    it("a new image of the family checked before the retention is one of the newest it keeps (preview)", async () => {
        assert.deepEqual((await planCheckCustomImage({}, web("web-5"), ctx)).failures, []);
        const r = await planCheckImageRetention({}, keep3, ctx);
        assert.deepEqual(r.failures, []);
        assert.deepEqual(planOf(r), [
            `keep (new in this plan) 'web-5': CustomImage "web-5" makes it`,
            `keep img-g0000001 'web-1' (created ${build(1).createdTime}): one of the newest 2 that exist (keepLatest 3 − 1 new in this plan)`,
            `keep img-g0000002 'web-2' (created ${build(2).createdTime}): one of the newest 2 that exist (keepLatest 3 − 1 new in this plan)`,
            `delete img-g0000003 'web-3' (created ${build(3).createdTime}): older than the newest 2 that exist (keepLatest 3 − 1 new in this plan)`,
            `delete img-g0000004 'web-4' (created ${build(4).createdTime}): older than the newest 2 that exist (keepLatest 3 − 1 new in this plan)`,
        ]);
        assert.deepEqual(r.inputs.pendingImageIds, ["img-g0000003", "img-g0000004"]);
        assert.match(
            lines.at(-1)!,
            /ap-guangzhou: 3 of 10 custom images after this plan \(\+1 by CustomImage "web-5", −2 by ImageRetention "keep-web"\)/,
        );
    });

    it("in up, the image made meanwhile is listed and counted once, not twice", async () => {
        await planCheckCustomImage({}, web("web-5"), ctx);
        // The image is made before the retention's check reads the region (a fresh read of the run).
        backend.images.push(build(0, GZ, { imageName: "web-5", tags: markerTags("web-5") }));
        ctx.facts = new LiveFacts(backend);
        const r = await planCheckImageRetention({}, keep3, ctx);
        assert.equal(planOf(r).length, 5, planOf(r).join("\n"));
        assert.match(
            planOf(r)[0],
            /^keep img-g0000000 'web-5' .*: new in this plan: CustomImage "web-5" made it$/,
        );
        assert.ok(!planOf(r).some((l) => l.startsWith("keep (new in this plan)")), "no pending line besides");
        assert.deepEqual(r.inputs.pendingImageIds, ["img-g0000003", "img-g0000004"]);
    });

    it("an image that carried the marker before the plan is not new; a family not in the selection is not counted", async () => {
        backend.images.push(build(9, GZ, { imageName: "web-5", tags: markerTags("web-5") }));
        await planCheckCustomImage(
            { ...web("web-5") },
            web("web-5", { source: { snapshotIds: ["snap-bbbbbbbb"] } }),
            ctx,
        );
        await planCheckCustomImage({}, web("db-1", { family: "db" }), ctx);
        const r = await planCheckImageRetention({}, keep3, ctx);
        const plan = planOf(r);
        assert.equal(
            plan[0],
            `keep (new in this plan) 'web-5': CustomImage "web-5" makes it`,
            "the replacement",
        );
        assert.ok(!plan.some((l) => /db-1/.test(l)), plan.join("\n"));
        assert.match(
            plan.join("\n"),
            /img-g0000009 'web-5' .*CustomImage "web-5" of this stack manages or uses it/,
        );
    });

    it("a family that is not known at preview is said in its line and not counted", async () => {
        await planCheckCustomImage({}, web("web-5", { family: UNKNOWN }), ctx);
        const r = await planCheckImageRetention({}, keep3, ctx);
        assert.match(
            planOf(r)[0],
            /^unknown \(new in this plan\) 'web-5': CustomImage "web-5" makes it; whether it is in the selection is not known until its inputs are \(pulumi up\), so it is not counted among the newest kept$/,
        );
        assert.deepEqual(r.inputs.pendingImageIds, ["img-g0000004"], "keeps the newest 3 that exist");
    });

    it("makeRoomFor: keeps keepLatest − makeRoomFor of those that exist; one more image after it fails naming both", async () => {
        const r = await planCheckImageRetention({}, { ...keep3, makeRoomFor: 1 }, ctx);
        assert.match(
            planOf(r)[1],
            /^keep img-g0000002 .*: one of the newest 2 that exist \(keepLatest 3 − makeRoomFor 1\)$/,
        );
        assert.deepEqual(r.inputs.pendingImageIds, ["img-g0000003", "img-g0000004"]);
        assert.deepEqual((await planCheckCustomImage({}, web("web-5"), ctx)).failures, []);
        assert.deepEqual(
            (await planCheckCustomImage({}, web("db-1", { family: "db" }), ctx)).failures,
            [],
            "not in the selection",
        );
        const second = await planCheckCustomImage({}, web("web-5-2"), ctx);
        assert.equal(second.failures.length, 1, reasons(second));
        assert.equal(
            second.failures[0].reason,
            `CustomImage "web-5-2": ImageRetention "keep-web" makes room for 1 new image of its selection in ap-guangzhou, ` +
                `but the resources checked after it add 2 there in this plan (CustomImage "web-5", CustomImage "web-5-2"); ` +
                `it keeps keepLatest − makeRoomFor of the images that exist, so more than keepLatest would remain after ` +
                `the plan: set makeRoomFor: 2 on ImageRetention "keep-web", or declare this resource before the retention`,
        );
    });

    it("makeRoomFor counts the copies of an ImageCopy after it: they carry the source's family", async () => {
        backend.images.push(build(1, SH), build(2, SH));
        const source = build(0, GZ, { imageId: "img-src00000" });
        backend.images.push(source);
        const keepSh = { ...keep3, __logicalName: "keep-sh", region: SH, keepLatest: 2 };
        const r = await planCheckImageRetention({}, keepSh, ctx);
        assert.deepEqual(r.inputs.pendingImageIds, []);
        const copy = {
            __logicalName: "web-copies",
            sourceImageId: source.imageId,
            sourceRegion: GZ,
            destinationRegions: [SH],
        };
        const c = await planCheckImageCopy({}, copy, ctx);
        assert.match(
            reasons(c),
            /ImageRetention "keep-sh" makes room for 0 new images of its selection in ap-shanghai, but the resources checked after it add 1 there in this plan \(ImageCopy "web-copies"\).*set makeRoomFor: 1 on ImageRetention "keep-sh"/,
        );
        // An unknown source (a new image in a preview): the copies' family is not known, nothing is counted.
        const unknown = await planCheckImageCopy({}, { ...copy, sourceImageId: UNKNOWN }, ctx);
        assert.deepEqual(unknown.failures, []);
    });

    it("allFamilyRegions: applies in every region that holds the family, each image led by its region, deltas per region", async () => {
        backend.images.push(build(1, SH), build(2, SH), build(3, SH));
        backend.images.push(build(1, "ap-singapore", { imageFamily: "db" }));
        const r = await planCheckImageRetention({}, { ...keep3, keepLatest: 2, allFamilyRegions: true }, ctx);
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.inputs.regions, [GZ, SH]);
        assert.deepEqual(r.inputs.pendingImageIds, ["img-g0000003", "img-g0000004", "img-s0000003"]);
        assert.match(
            planOf(r).join("\n"),
            /^ap-shanghai: delete img-s0000003 'web-3' \(created [^)]+\): older than the newest 2$/m,
        );
        assert.match(planOf(r)[0], /^ap-guangzhou: keep img-g0000001 /);
        assert.ok(
            lines.some((l) => /ap-guangzhou: 2 of 10 .*−2 by ImageRetention "keep-web"/.test(l)),
            lines.join("\n"),
        );
        assert.ok(
            lines.some((l) => /ap-shanghai: 2 of 10 .*−1 by ImageRetention "keep-web"/.test(l)),
            lines.join("\n"),
        );
        const listings = backend.log.filter((l) => l.startsWith("listImages "));
        assert.equal(listings.length, new Set(listings).size, "one listing per region");
        assert.equal(backend.count("describeRegions"), 1);
        // A later check in the same run lists nothing again.
        const before = backend.count("listImages");
        await planCheckCustomImage({}, web("web-5", { region: SH }), ctx);
        assert.equal(backend.count("listImages"), before);
    });

    it("allFamilyRegions: makeRoomFor holds per region", async () => {
        backend.images.push(build(1, SH));
        const r = await planCheckImageRetention(
            {},
            { ...keep3, allFamilyRegions: true, makeRoomFor: 1 },
            ctx,
        );
        assert.deepEqual(r.inputs.regions, [GZ, SH]);
        assert.deepEqual((await planCheckCustomImage({}, web("web-5"), ctx)).failures, []);
        assert.deepEqual((await planCheckCustomImage({}, web("web-6", { region: SH }), ctx)).failures, []);
        const over = await planCheckCustomImage({}, web("web-7", { region: SH }), ctx);
        assert.match(reasons(over), /in ap-shanghai, but the resources checked after it add 2 there/);
    });

    it("bad inputs: allFamilyRegions without family, makeRoomFor negative or not whole", async () => {
        const noFamily = await planCheckImageRetention(
            {},
            { __logicalName: "k", namePrefix: "web-", keepLatest: 2, allFamilyRegions: true },
            ctx,
        );
        assert.equal(noFamily.failures[0].property, "allFamilyRegions");
        assert.match(
            noFamily.failures[0].reason,
            /allFamilyRegions is true but family is not set; .*: set family, or drop allFamilyRegions/,
        );
        const negative = await planCheckImageRetention({}, { ...keep3, makeRoomFor: -1 }, ctx);
        assert.equal(negative.failures[0].property, "makeRoomFor");
        assert.match(negative.failures[0].reason, /makeRoomFor is -1/);
        const half = await planCheckImageRetention({}, { ...keep3, makeRoomFor: 1.5 }, ctx);
        assert.match(half.failures[0].reason, /makeRoomFor is 1\.5: use a whole number/);
    });
});
