import assert from "node:assert/strict";
import type { ProviderSettings } from "../../../provider/config";
import { PLAN_COUNT_KEY } from "../../../provider/model/property";
import { PlanContext, planCheckCustomImage } from "../../../provider/plan/check";
import { Ledger } from "../../../provider/plan/ledger";
import { LiveFacts } from "../../../provider/plan/liveFacts";
import { FakeBackend, makeImage } from "./fakeBackend";

const GZ = "ap-guangzhou";
const SH = "ap-shanghai";

// The quota headroom is said once the plan's checks are over: when as many distinct resources have
// been checked as the program's count (the hidden __planCount) says, one line per region it touches.
describe("plan/headroom: one line per region, once the plan's checks are over", () => {
    let backend: FakeBackend;
    let ctx: PlanContext;
    let lines: string[];
    const settings: ProviderSettings = { region: GZ, maxShareAccounts: 50 };
    /** A new CustomImage from a snapshot, with the program's count of resources. */
    const image = (name: string, planCount: number | undefined, region = GZ) => ({
        __logicalName: name,
        ...(planCount === undefined ? {} : { [PLAN_COUNT_KEY]: planCount }),
        imageName: name,
        region,
        source: { snapshotIds: [`snap-${region === GZ ? "gz" : "sh"}000001`] },
    });
    const check = (name: string, planCount: number | undefined, region = GZ) =>
        planCheckCustomImage({}, image(name, planCount, region), ctx);

    beforeEach(() => {
        backend = new FakeBackend();
        backend.quotas = { [GZ]: 10, [SH]: 5 };
        backend.images = [makeImage({ imageId: "img-00000001", imageName: "old-1" })];
        for (const [region, id] of [
            [GZ, "snap-gz000001"],
            [SH, "snap-sh000001"],
        ]) {
            backend.snapshots[region] = [
                { snapshotId: id, diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" },
            ];
        }
        lines = [];
        ctx = {
            backend,
            settings,
            facts: new LiveFacts(backend),
            ledger: new Ledger(),
            log: (l) => lines.push(l),
        };
    });

    it("a region three resources add to gets exactly one line, with the plan's total, after the third", async () => {
        await check("a", 3);
        await check("b", 3);
        assert.deepEqual(lines, [], "nothing is said before the last check");
        await check("c", 3);
        assert.deepEqual(lines, [
            `tencentcloud-images: ${GZ}: 4 of 10 custom images after this plan (+3 by CustomImage "a", CustomImage "b", CustomImage "c")`,
        ]);
    });

    it("two regions: two lines, sorted, each with its own figures", async () => {
        await check("a", 4);
        await check("sh-1", 4, SH);
        await check("b", 4);
        await check("sh-2", 4, SH);
        assert.deepEqual(lines, [
            `tencentcloud-images: ${GZ}: 3 of 10 custom images after this plan (+2 by CustomImage "a", CustomImage "b")`,
            `tencentcloud-images: ${SH}: 2 of 5 custom images after this plan (+2 by CustomImage "sh-1", CustomImage "sh-2")`,
        ]);
    });

    it("a resource checked twice counts once", async () => {
        await check("a", 2);
        await check("a", 2);
        assert.deepEqual(lines, []);
        await check("b", 2);
        assert.equal(lines.length, 1);
        assert.match(
            lines[0],
            /: 3 of 10 custom images after this plan \(\+2 by CustomImage "a", CustomImage "b"\)$/,
        );
    });

    it("a resource beyond the count (made in an apply) says the updated line of its region only", async () => {
        await check("a", 2);
        assert.deepEqual(lines, []);
        await check("sh-1", 2, SH);
        assert.equal(lines.length, 2, "the plan's total: one line per region");
        await check("b", 3);
        assert.deepEqual(lines.slice(2), [
            `tencentcloud-images: ${GZ}: 3 of 10 custom images after this plan (+2 by CustomImage "a", CustomImage "b")`,
        ]);
    });

    it("the hidden count never reaches the checked inputs", async () => {
        const r = await check("a", 1);
        assert.deepEqual(r.failures, []);
        assert.ok(!(PLAN_COUNT_KEY in r.inputs), JSON.stringify(r.inputs));
        assert.equal(lines.length, 1);
    });

    it("a check with no count (a direct call) says its region's line at once, as the plan so far", async () => {
        await check("a", undefined);
        await check("b", undefined);
        assert.equal(lines.length, 2);
        assert.match(
            lines[1],
            /: 3 of 10 custom images after this plan \(\+2 by CustomImage "a", CustomImage "b"\)$/,
        );
    });

    it("a region a re-checked resource left is said again, as no change", async () => {
        await check("a", 1);
        await check("a", 1, SH);
        assert.deepEqual(lines.slice(1), [
            `tencentcloud-images: ${GZ}: 1 of 10 custom images after this plan (no change)`,
            `tencentcloud-images: ${SH}: 1 of 5 custom images after this plan (+1 by CustomImage "a")`,
        ]);
    });
});
