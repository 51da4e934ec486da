import * as assert from "node:assert/strict";
import type { CallRecord } from "../../emulator/callLog";
import { programOf } from "../../bench/program";
import { scenario, shapeOf } from "../../bench/scenarios";
import { createImagesSandbox, ImagesSandbox } from "./harness/imagesSandbox";

// What the phases of a 30-resource stack over 3 regions cost in API calls, counted by the emulator
// (deterministic: the counts do not depend on timing): refresh and a preview with nothing to do grow
// with the regions (plus one share list per shared image), not with the resources, and up sends no
// call that the service refuses (a share or copy of a busy image waits until it is NORMAL).
describe("API calls of a 30-resource stack over 3 regions", function () {
    const shape = shapeOf(scenario(30, 3));
    const regions = shape.regions.length;
    const sharedImages = new Set(shape.shares.map((s) => s.image)).size;
    let sandbox: ImagesSandbox;

    /** The calls the emulator received during `run`. */
    async function callsOf(run: () => Promise<unknown>): Promise<CallRecord[]> {
        sandbox.emulator.controls.clearCalls();
        await run();
        return sandbox.emulator.controls.callLog();
    }

    function count(calls: CallRecord[], action: string): number {
        return calls.filter((c) => c.action === action).length;
    }

    function refused(calls: CallRecord[]): string[] {
        return calls.filter((c) => c.outcome !== "ok").map((c) => `${c.action}: ${c.code ?? c.outcome}`);
    }

    before(async () => {
        sandbox = await createImagesSandbox("call-counts", { seed: { imageQuota: 100 } });
    });
    after(async () => sandbox?.dispose());

    it("up makes every resource and sends no call that the service refuses", async () => {
        const stack = await sandbox.stack("counts", programOf(shape, "counts"));
        let created: number | undefined;
        const calls = await callsOf(async () => {
            created = (await stack.up()).summary.resourceChanges?.create;
        });
        assert.equal(created, 31); // the resources and the stack
        assert.deepEqual(refused(calls), []);
        // Share k and copy k work on the same image at the same moment (the copy makes it SYNCING).
        assert.equal(count(calls, "SyncImages"), shape.copies.length);
        assert.equal(count(calls, "ModifyImageSharePermission"), shape.shares.length);
    });

    it(`a preview with nothing to do makes at most 4 calls per region + 4, and no per-resource call`, async () => {
        const stack = await sandbox.stack("counts", programOf(shape, "counts"));
        let changes: Record<string, number> | undefined;
        const calls = await callsOf(async () => {
            changes = (await stack.preview()).changeSummary as Record<string, number>;
        });
        assert.deepEqual(Object.keys(changes ?? {}), ["same"]);
        assert.equal(count(calls, "DescribeImageSharePermission"), 0, "no share list of an unchanged share");
        assert.ok(
            calls.length <= 4 * regions + 4,
            `${calls.length} calls: ${calls.map((c) => c.action).join(", ")}`,
        );
    });

    it("refresh makes at most 2 calls per region + 1 per shared image", async () => {
        const stack = await sandbox.stack("counts", programOf(shape, "counts"));
        let changes: Record<string, number> | undefined;
        const calls = await callsOf(async () => {
            changes = (await stack.refresh()).summary.resourceChanges as Record<string, number>;
        });
        assert.deepEqual(Object.keys(changes ?? {}), ["same"]);
        assert.equal(count(calls, "DescribeImageSharePermission"), sharedImages);
        const reads = calls.length - sharedImages;
        assert.ok(
            reads <= 2 * regions,
            `${reads} calls besides the share lists: ${calls.map((c) => c.action).join(", ")}`,
        );
        assert.deepEqual(refused(calls), []);
    });

    it("destroy removes everything", async () => {
        const stack = await sandbox.stack("counts", programOf(shape, "counts"));
        const destroyed = await stack.destroy();
        assert.equal(destroyed.summary.resourceChanges?.delete, 31);
    });
});
