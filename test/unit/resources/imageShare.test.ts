import { strict as assert } from "node:assert";
import { customImage } from "../../../provider/resources/customImageHandler";
import { imageShare } from "../../../provider/resources/imageShareHandler";
import { startNewRun } from "../../../provider/processContext";
import { rejection, REGION, useFakeCloud } from "./harness";

const A = "100000000002";
const B = "100000000003";
const C = "100000000004";

describe("ImageShare provider", () => {
    const h = useFakeCloud();
    let imageId: string;
    let inputs: Record<string, unknown>;

    beforeEach(() => {
        imageId = h.cloud.addImage({ region: REGION, ImageName: "web" }).ImageId;
        inputs = {
            __logicalName: "share",
            __provider: "p",
            imageId,
            region: REGION,
            accountIds: [A, B],
            mode: "additive",
        };
    });

    const shared = () => [...(h.cloud.shares.get(imageId) ?? [])].sort();
    const shareCalls = () => h.cloud.callsOf("ModifyImageSharePermission").map((c) => c.body);

    describe("create", () => {
        it("shares only the listed accounts not shared yet, with ID <region>:<imageId>", async () => {
            h.cloud.shares.set(imageId, new Set([A, C]));
            const result = await imageShare.create(inputs);
            assert.equal(result.id, `${REGION}:${imageId}`);
            assert.deepEqual(shareCalls(), [{ ImageId: imageId, AccountIds: [B], Permission: "SHARE" }]);
            assert.deepEqual(shared(), [A, B, C]);
            const outs = result.outs as Record<string, unknown>;
            assert.deepEqual(outs.sharedAccountIds, [A, B]);
            assert.deepEqual(outs.allAccountIds, [A, B, C]);
        });

        it("in authoritative mode also cancels accounts not listed", async () => {
            h.cloud.shares.set(imageId, new Set([C]));
            const result = await imageShare.create({ ...inputs, mode: "authoritative" });
            assert.deepEqual(shareCalls(), [
                { ImageId: imageId, AccountIds: [A, B], Permission: "SHARE" },
                { ImageId: imageId, AccountIds: [C], Permission: "CANCEL" },
            ]);
            assert.deepEqual(shared(), [A, B]);
            assert.deepEqual((result.outs as Record<string, unknown>).sharedAccountIds, [A, B]);
        });

        it("treats FailedOperation.AccountAlreadyExists as success and shares what is still missing", async () => {
            h.cloud.failNext("ModifyImageSharePermission", "FailedOperation.AccountAlreadyExists");
            await imageShare.create(inputs);
            assert.deepEqual(shared(), [A, B]);
            assert.equal(shareCalls().length, 2);
        });

        it("settles a lost SHARE reply by reading the live list (no error, no resend)", async () => {
            h.cloud.loseReplyOnce("ModifyImageSharePermission");
            const result = await imageShare.create(inputs);
            assert.deepEqual(shared(), [A, B]);
            assert.equal(shareCalls().length, 1);
            assert.deepEqual((result.outs as Record<string, unknown>).sharedAccountIds, [A, B]);
        });

        it("reads the share list once per run: the plan check's read serves the create, whose outputs follow from its sends", async () => {
            h.cloud.shares.set(imageId, new Set([C]));
            const checked = await imageShare.check({}, inputs);
            assert.deepEqual(checked.failures ?? [], []);
            const result = await imageShare.create(checked.inputs!);
            assert.equal(h.cloud.callsOf("DescribeImageSharePermission").length, 1);
            assert.deepEqual(shared(), [A, B, C]);
            assert.deepEqual((result.outs as Record<string, unknown>).allAccountIds, [A, B, C]);
            // Whoever asks next in the run gets the list as the sends changed it, with no read.
            await imageShare.check({}, { ...inputs, accountIds: [A, B, "100000000005"] });
            assert.equal(h.cloud.callsOf("DescribeImageSharePermission").length, 1);
        });

        it("a share of an image this run just made reads no share list (it is shared with nobody yet)", async () => {
            const made = await customImage.create({
                __logicalName: "web",
                __provider: "p",
                region: REGION,
                imageName: "fresh",
                source: { instanceId: "ins-a1b2c3d4" },
                family: "",
                deprecated: false,
            });
            const checked = await imageShare.check({}, { ...inputs, imageId: made.id });
            assert.deepEqual(checked.failures ?? [], []);
            const result = await imageShare.create(checked.inputs!);
            assert.equal(h.cloud.callsOf("DescribeImageSharePermission").length, 0);
            assert.deepEqual([...(h.cloud.shares.get(made.id) ?? [])].sort(), [A, B]);
            assert.deepEqual((result.outs as Record<string, unknown>).allAccountIds, [A, B]);
        });

        it("fails clearly when the image does not exist", async () => {
            const error = await rejection(imageShare.create({ ...inputs, imageId: "img-zzzzzzzz" }));
            assert.match(
                error.message,
                /^ImageShare "share": create failed: image img-zzzzzzzz does not exist in ap-guangzhou/,
            );
        });
    });

    describe("a busy image", () => {
        it("waits until the image being copied is NORMAL before sharing it: nothing is refused", async () => {
            const busy = h.cloud.addImage({
                region: REGION,
                ImageName: "being-copied",
                ImageState: "SYNCING",
                plan: [{ state: "SYNCING" }, { state: "NORMAL" }],
            });
            await imageShare.create({ ...inputs, imageId: busy.ImageId });
            const actions = h.cloud.calls.map((c) => c.action);
            const sent = actions.indexOf("ModifyImageSharePermission");
            assert.equal(actions.filter((a) => a === "ModifyImageSharePermission").length, 1);
            assert.ok(
                actions.slice(0, sent).filter((a) => a === "DescribeImages").length >= 2,
                `read, then polled until NORMAL, before sending: ${actions.join(", ")}`,
            );
            assert.ok(
                h.lines.some((l) =>
                    l.includes(`${busy.ImageId} in ${REGION} is SYNCING; waiting until it is NORMAL`),
                ),
            );
        });

        it("two shares of one image in one run both go through (they take turns)", async () => {
            await Promise.all([
                imageShare.create({ ...inputs, __logicalName: "one", accountIds: [A] }),
                imageShare.create({ ...inputs, __logicalName: "two", accountIds: [B] }),
            ]);
            assert.deepEqual(shareCalls(), [
                { ImageId: imageId, AccountIds: [A], Permission: "SHARE" },
                { ImageId: imageId, AccountIds: [B], Permission: "SHARE" },
            ]);
            assert.deepEqual(shared(), [A, B]);
        });

        it("two shares of one image started together: the second's outputs hold the first's accounts", async () => {
            h.cloud.shares.set(imageId, new Set([C]));
            await imageShare.check({}, inputs); // the run's list: [C]
            const [one, two] = await Promise.all([
                imageShare.create({ ...inputs, __logicalName: "one", accountIds: [A] }),
                imageShare.create({ ...inputs, __logicalName: "two", accountIds: [B] }),
            ]);
            const all = (r: { outs?: unknown }) => (r.outs as Record<string, unknown>).allAccountIds;
            assert.deepEqual(all(one), [A, C]);
            assert.deepEqual(all(two), [A, B, C]);
            assert.equal(h.cloud.callsOf("DescribeImageSharePermission").length, 1);
        });
    });

    describe("update", () => {
        it("applies only the difference in additive mode, leaving other shares alone", async () => {
            const { outs } = await imageShare.create(inputs);
            h.cloud.shares.get(imageId)!.add(C); // shared outside Pulumi
            const before = shareCalls().length;
            const result = await imageShare.update(`${REGION}:${imageId}`, outs as Record<string, unknown>, {
                ...inputs,
                accountIds: [B, "100000000005"],
            });
            assert.deepEqual(shareCalls().slice(before), [
                { ImageId: imageId, AccountIds: ["100000000005"], Permission: "SHARE" },
                { ImageId: imageId, AccountIds: [A], Permission: "CANCEL" },
            ]);
            assert.deepEqual(shared(), [B, "100000000005", C].sort());
            assert.deepEqual(
                (result.outs as Record<string, unknown>).sharedAccountIds,
                [B, "100000000005"].sort(),
            );
        });

        it("switching to authoritative cancels accounts it does not list", async () => {
            const { outs } = await imageShare.create(inputs);
            h.cloud.shares.get(imageId)!.add(C); // shared outside Pulumi, before the next run
            startNewRun();
            await imageShare.update(`${REGION}:${imageId}`, outs as Record<string, unknown>, {
                ...inputs,
                mode: "authoritative",
            });
            assert.deepEqual(shared(), [A, B]);
        });
    });

    describe("read", () => {
        it("returns the stored inputs when nothing drifted", async () => {
            const { id, outs } = await imageShare.create(inputs);
            const result = await imageShare.read(id, outs as Record<string, unknown>);
            assert.equal(result.id, id);
            assert.deepEqual(result.inputs, {
                __logicalName: "share",
                imageId,
                region: REGION,
                accountIds: [A, B],
                mode: "additive",
            });
        });

        it("drops an account unshared outside Pulumi, so the next preview shows it added back", async () => {
            const { id, outs } = await imageShare.create(inputs);
            h.cloud.shares.get(imageId)!.delete(A);
            h.cloud.shares.get(imageId)!.add(C);
            const result = await imageShare.read(id, outs as Record<string, unknown>);
            assert.deepEqual(result.inputs?.accountIds, [B]);
            assert.deepEqual((result.props as Record<string, unknown>).sharedAccountIds, [B]);
            assert.deepEqual((result.props as Record<string, unknown>).allAccountIds, [B, C]);
        });

        it("in authoritative mode, shows accounts shared outside Pulumi (the next preview removes them)", async () => {
            const { id, outs } = await imageShare.create({ ...inputs, mode: "authoritative" });
            h.cloud.shares.get(imageId)!.add(C);
            const result = await imageShare.read(id, outs as Record<string, unknown>);
            assert.deepEqual(result.inputs?.accountIds, [A, B, C]);
        });

        it("reports the share gone when the image is gone", async () => {
            const { id, outs } = await imageShare.create(inputs);
            h.cloud.images.delete(imageId);
            const result = await imageShare.read(id, outs as Record<string, unknown>);
            assert.equal(result.id, "");
        });
    });

    describe("delete", () => {
        it("in additive mode cancels only the accounts it manages", async () => {
            const { id, outs } = await imageShare.create(inputs);
            h.cloud.shares.get(imageId)!.add(C);
            await imageShare.delete(id, outs as Record<string, unknown>);
            assert.deepEqual(shared(), [C]);
        });

        it("in authoritative mode cancels every share", async () => {
            const { id, outs } = await imageShare.create({ ...inputs, mode: "authoritative" });
            h.cloud.shares.get(imageId)!.add(C);
            await imageShare.delete(id, outs as Record<string, unknown>);
            assert.deepEqual(shared(), []);
        });

        it("succeeds when the image is already gone", async () => {
            const { id, outs } = await imageShare.create(inputs);
            h.cloud.images.delete(imageId);
            await imageShare.delete(id, outs as Record<string, unknown>);
        });
    });
});
