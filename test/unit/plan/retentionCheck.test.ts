import assert from "node:assert/strict";
import type { ProviderSettings } from "../../../provider/config";
import { markerTags } from "../../../provider/markers";
import { PlanContext, planCheckCustomImage, planCheckImageShare } from "../../../provider/plan/check";
import { planCheckImageRetention } from "../../../provider/plan/retentionCheck";
import { Ledger } from "../../../provider/plan/ledger";
import { LiveFacts } from "../../../provider/plan/liveFacts";
import { diffImageRetention } from "../../../provider/resources/diffs";
import { FakeBackend, makeImage } from "./fakeBackend";

const GZ = "ap-guangzhou";
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-12-04T00:00:00Z");

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
        ctx = {
            backend,
            settings,
            facts: new LiveFacts(backend),
            ledger: new Ledger(),
            log: (line) => lines.push(line),
            now: () => NOW,
        };
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
