import { strict as assert } from "node:assert";
import { imageRetention } from "../../../provider/resources/imageRetentionHandler";
import { REGION, useFakeCloud } from "./harness";

describe("ImageRetention provider", () => {
    const h = useFakeCloud();
    const args = {
        __logicalName: "keep-2",
        __provider: "serialized-provider-text",
        family: "web",
        keepLatest: 2,
    };

    /** Builds 1..n of family web, in creation order (the newest last). */
    const addBuilds = (n: number) =>
        Array.from({ length: n }, (_, i) =>
            h.cloud.addImage({ region: REGION, ImageName: `web-${i + 1}`, Family: "web" }),
        );

    it("check plans without changing anything; create deletes the planned images and waits until they are gone", async () => {
        const builds = addBuilds(4);
        h.cloud.addImage({ region: REGION, ImageName: "db-1", Family: "db" });
        const checked = await imageRetention.check({}, args);
        assert.deepEqual(checked.failures, []);
        const inputs = checked.inputs!;
        assert.deepEqual(inputs.pendingImageIds, [builds[1].ImageId, builds[0].ImageId]);
        assert.equal((inputs.plan as string[]).length, 4, "one line per image of the family");
        for (const action of ["DeleteImages", "ModifyImageAttribute", "ModifyImageSharePermission"]) {
            assert.equal(h.cloud.callsOf(action).length, 0, `check sends no ${action}`);
        }

        const created = await imageRetention.create(inputs);
        assert.equal(created.id, `${REGION}:keep-2`);
        const outs = created.outs as Record<string, string[]>;
        assert.deepEqual([...outs.deletedImageIds].sort(), [builds[0].ImageId, builds[1].ImageId].sort());
        assert.deepEqual(outs.pendingImageIds, []);
        assert.deepEqual(h.cloud.byName(REGION, "web-1"), []);
        assert.deepEqual(h.cloud.byName(REGION, "web-2"), []);
        assert.equal(h.cloud.byName(REGION, "db-1").length, 1, "another family is not touched");
        assert.ok(
            outs.plan.every((line) => line.startsWith("keep ")),
            `the stored plan is the one after the apply:\n${outs.plan.join("\n")}`,
        );
    });

    it("at apply, an image that vanished meanwhile is fine and one shared meanwhile is kept", async () => {
        const builds = addBuilds(4);
        const inputs = (await imageRetention.check({}, args)).inputs!;
        h.cloud.images.delete(builds[0].ImageId);
        h.cloud.shares.set(builds[1].ImageId, new Set(["100000000002"]));
        const olds = {
            ...inputs,
            plan: [],
            pendingImageIds: [],
            deletedImageIds: [],
            deprecatedImageIds: [],
        };
        const updated = await imageRetention.update(`${REGION}:keep-2`, olds, inputs);
        assert.deepEqual(updated.outs?.deletedImageIds, []);
        assert.equal(h.cloud.callsOf("DeleteImages").length, 0);
        assert.equal(h.cloud.byName(REGION, "web-2").length, 1);
    });

    it('action "deprecate" deprecates instead of deleting', async () => {
        const builds = addBuilds(3);
        const inputs = (await imageRetention.check({}, { ...args, action: "deprecate" })).inputs!;
        const created = await imageRetention.create(inputs);
        assert.deepEqual(created.outs.deprecatedImageIds, [builds[0].ImageId]);
        assert.equal(h.cloud.images.get(builds[0].ImageId)?.Deprecated, true);
        assert.equal(h.cloud.callsOf("DeleteImages").length, 0);
    });

    it("delete stops applying the policy and deletes nothing", async () => {
        addBuilds(3);
        await imageRetention.delete(`${REGION}:keep-2`, { ...args, region: REGION });
        assert.equal(h.cloud.callsOf("DeleteImages").length, 0);
        assert.equal(h.cloud.images.size, 3);
    });
});
