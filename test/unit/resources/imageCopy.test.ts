import { strict as assert } from "node:assert";
import { imageCopy } from "../../../provider/resources/imageCopyHandler";
import { imageShare } from "../../../provider/resources/imageShareHandler";
import { MANAGED_BY_TAG, RESOURCE_NAME_TAG } from "../../../provider/markers";
import { flush } from "../backend/fakeClock";
import { processContext } from "../../../provider/processContext";
import { rejection, REGION, useFakeCloud } from "./harness";
import { gate } from "../gate";

const SH = "ap-shanghai";
const SG = "ap-singapore";
const BJ = "ap-beijing";

describe("ImageCopy provider", () => {
    const h = useFakeCloud();
    let sourceId: string;
    let inputs: Record<string, unknown>;

    beforeEach(() => {
        sourceId = h.cloud.addImage({ region: REGION, ImageName: "web" }).ImageId;
        inputs = {
            __logicalName: "copies",
            __provider: "p",
            sourceImageId: sourceId,
            sourceRegion: REGION,
            destinationRegions: [SH, SG],
        };
    });

    const copyIn = (region: string) => h.cloud.byName(region, "web");

    describe("a copy and a share of one image at once", () => {
        const shareInputs = () => ({
            __logicalName: "share",
            __provider: "p",
            imageId: sourceId,
            region: REGION,
            accountIds: ["100000000002"],
            mode: "additive",
        });
        const assertShareBeforeCopy = () => {
            const actions = h.cloud.calls.map((c) => c.action);
            assert.ok(
                actions.indexOf("ModifyImageSharePermission") < actions.indexOf("SyncImages"),
                `share before copy: ${actions.join(", ")}`,
            );
        };

        it("a share that comes while the copy looks at its source goes first (one call), instead of waiting out the whole copy", async () => {
            // The copy's look at its source (its second read of it by ID, inside its turn) is held
            // until the share has asked for its turn on the same image.
            let reads = 0;
            const look = h.cloud.holdNext(
                "DescribeImages",
                (body) => Array.isArray(body.ImageIds) && body.ImageIds.includes(sourceId) && ++reads === 2,
            );
            const copying = imageCopy.create(inputs);
            await look.reached;
            const sharing = imageShare.create(shareInputs());
            // The share reads its list, then queues for its turn (event-loop turns, no timers).
            while (h.cloud.callsOf("DescribeImageSharePermission").length === 0) await flush();
            await flush();
            look.release();
            await Promise.all([copying, sharing]);
            assertShareBeforeCopy();
            assert.equal(h.cloud.callsOf("SyncImages").length, 1);
        });

        it("a share the engine checked but has not started: the copy keeps its slot until the share asks, while another operation works", async () => {
            // Another operation holds one of the engine's slots; its end is what would start the share.
            const other = gate();
            const working = processContext().slots.occupy(() => other.opened);
            const checked = await imageShare.check({}, shareInputs());
            const copying = imageCopy.create(inputs);
            while (!h.lines.some((l) => l.includes('letting ImageShare "share" go first'))) await flush();
            assert.equal(h.cloud.callsOf("SyncImages").length, 0, "the copy waits for the share");
            await imageShare.create(checked.inputs!);
            await copying;
            assertShareBeforeCopy();
            other.open();
            await working;
        });

        it("a checked share whose create sends nothing (its accounts already shared) keeps no copy waiting", async () => {
            const other = gate();
            const working = processContext().slots.occupy(() => other.opened);
            h.cloud.shares.set(sourceId, new Set(["100000000002"]));
            const checked = await imageShare.check({}, shareInputs());
            await imageShare.create(checked.inputs!);
            assert.equal(h.cloud.callsOf("ModifyImageSharePermission").length, 0);
            // Were the announcement left behind, the copy would hold its slot until `other` ends.
            await imageCopy.create(inputs);
            assert.equal(h.cloud.callsOf("SyncImages").length, 1);
            assert.ok(!h.lines.some((l) => l.includes("go first")), h.lines.join("\n"));
            other.open();
            await working;
        });

        it("with no other operation working, the copy does not wait for a checked share (the engine could not start it)", async () => {
            await imageShare.check({}, shareInputs());
            await imageCopy.create(inputs);
            assert.equal(h.cloud.callsOf("SyncImages").length, 1);
            assert.ok(!h.lines.some((l) => l.includes("go first")), h.lines.join("\n"));
        });
    });

    describe("create", () => {
        it("copies to every region with ONE SyncImages, tags the copies and waits for all with progress", async () => {
            const result = await imageCopy.create(inputs);
            assert.equal(result.id, `${REGION}:${sourceId}`);
            const syncs = h.cloud.callsOf("SyncImages");
            assert.equal(syncs.length, 1);
            assert.deepEqual(syncs[0].body, {
                ImageIds: [sourceId],
                DestinationRegions: [SH, SG],
                ImageSetRequired: true,
            });
            const outs = result.outs as {
                images: Record<string, string>;
                imageStates: Record<string, string>;
            };
            assert.deepEqual(outs.images, { [SH]: copyIn(SH)[0].ImageId, [SG]: copyIn(SG)[0].ImageId });
            assert.deepEqual(outs.imageStates, { [SH]: "NORMAL", [SG]: "NORMAL" });
            for (const region of [SH, SG]) {
                assert.equal(copyIn(region)[0].Tags[MANAGED_BY_TAG], "pulumi-tencentcloud-images");
                assert.equal(copyIn(region)[0].Tags[RESOURCE_NAME_TAG], "copies");
            }
            assert.ok(h.lines.some((l) => l.includes(`${SH}: SYNCING`) && l.includes("waiting for NORMAL")));
            assert.ok(h.lines.some((l) => l.includes(`${SG}: NORMAL after`)));
        });

        it("after a lost SyncImages reply, adopts the copies it finds by name (no second copy)", async () => {
            h.cloud.loseReplyOnce("SyncImages");
            const result = await imageCopy.create(inputs);
            assert.equal(h.cloud.callsOf("SyncImages").length, 1);
            assert.equal(copyIn(SH).length, 1);
            assert.equal(copyIn(SG).length, 1);
            const outs = result.outs as { images: Record<string, string> };
            assert.deepEqual(outs.images, { [SH]: copyIn(SH)[0].ImageId, [SG]: copyIn(SG)[0].ImageId });
        });

        it("uses a copy carrying its own marker from an earlier run, syncing only the rest", async () => {
            const earlier = h.cloud.addImage({
                region: SH,
                ImageName: "web",
                Tags: { [MANAGED_BY_TAG]: "pulumi-tencentcloud-images", [RESOURCE_NAME_TAG]: "copies" },
            });
            const result = await imageCopy.create(inputs);
            assert.deepEqual(h.cloud.callsOf("SyncImages")[0].body.DestinationRegions, [SG]);
            assert.equal((result.outs as { images: Record<string, string> }).images[SH], earlier.ImageId);
        });

        it("refuses a destination where another image already has the copy's name", async () => {
            h.cloud.addImage({ region: SG, ImageName: "web" });
            const error = await rejection(imageCopy.create(inputs));
            assert.match(
                error.message,
                /^ImageCopy "copies": create failed: an image named "web" already exists in ap-singapore/,
            );
            assert.match(error.message, /set imageName/);
            assert.equal(h.cloud.callsOf("SyncImages").length, 0);
        });

        it("keeps the copies that worked when one fails (id + properties), deleting the failed one", async () => {
            h.cloud.syncPlanFor[SG] = [{ state: "CREATEFAILED" }];
            const error = await rejection(imageCopy.create(inputs));
            assert.equal(error.id, `${REGION}:${sourceId}`);
            const props = error.properties as { images: Record<string, string>; __provider: string };
            assert.deepEqual(props.images, { [SH]: copyIn(SH)[0].ImageId });
            assert.equal(props.__provider, "p");
            assert.equal(copyIn(SG).length, 0);
            assert.match(
                error.message,
                /^ImageCopy "copies": create failed: not every copy is ready: ap-singapore: .*CREATEFAILED/,
            );
            assert.match(error.message, /run `pulumi up` again/);
        });
    });

    describe("update", () => {
        it("copies only an added region (one SyncImages) and deletes only a removed one", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            const shCopy = copyIn(SH)[0].ImageId;
            const result = await imageCopy.update(id, outs as Record<string, unknown>, {
                ...inputs,
                destinationRegions: [SG, BJ],
            });
            const syncs = h.cloud.callsOf("SyncImages");
            assert.equal(syncs.length, 2);
            assert.deepEqual(syncs[1].body.DestinationRegions, [BJ]);
            assert.deepEqual(
                h.cloud.callsOf("DeleteImages").map((c) => [c.region, c.body.ImageIds]),
                [[SH, [shCopy]]],
            );
            const images = (result.outs as { images: Record<string, string> }).images;
            assert.deepEqual(Object.keys(images), [SG, BJ]);
            assert.equal(images[SG], (outs as { images: Record<string, string> }).images[SG]);
        });

        it("only forgets a removed region when retainCopiesOnDelete", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            const result = await imageCopy.update(id, outs as Record<string, unknown>, {
                ...inputs,
                destinationRegions: [SG],
                retainCopiesOnDelete: true,
            });
            assert.equal(h.cloud.callsOf("DeleteImages").length, 0);
            assert.equal(copyIn(SH).length, 1);
            assert.deepEqual(Object.keys((result.outs as { images: object }).images), [SG]);
        });

        it("renames the copies when imageName changes", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            await imageCopy.update(id, outs as Record<string, unknown>, { ...inputs, imageName: "web-copy" });
            assert.equal(h.cloud.byName(SH, "web-copy").length, 1);
            assert.equal(h.cloud.byName(SG, "web-copy").length, 1);
            assert.equal(h.cloud.callsOf("SyncImages").length, 1);
        });
    });

    describe("read", () => {
        it("returns the stored inputs when nothing drifted", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            const result = await imageCopy.read(id, outs as Record<string, unknown>);
            const { __provider: _p, ...expected } = inputs;
            assert.deepEqual(result.inputs, expected);
            assert.deepEqual(result.props, outs);
        });

        it("drops a copy deleted outside Pulumi (the next preview shows it being copied again)", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            h.cloud.images.delete(copyIn(SH)[0].ImageId);
            const result = await imageCopy.read(id, outs as Record<string, unknown>);
            assert.deepEqual(result.inputs?.destinationRegions, [SG]);
            assert.deepEqual(Object.keys((result.props as { images: object }).images), [SG]);
        });

        it("is gone when the source and every copy are gone", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            for (const image of [...h.cloud.images.values()]) h.cloud.images.delete(image.ImageId);
            assert.equal((await imageCopy.read(id, outs as Record<string, unknown>)).id, "");
        });
    });

    describe("tags", () => {
        const userTagsOf = (region: string) => {
            const { [MANAGED_BY_TAG]: _m, [RESOURCE_NAME_TAG]: _n, ...rest } = copyIn(region)[0].Tags;
            return rest;
        };

        it("by default gives every copy the source image's user tags (not its markers)", async () => {
            const source = h.cloud.images.get(sourceId)!;
            source.Tags = {
                team: "web",
                [MANAGED_BY_TAG]: "pulumi-tencentcloud-images",
                [RESOURCE_NAME_TAG]: "src",
            };
            await imageCopy.create(inputs);
            for (const region of [SH, SG]) {
                assert.deepEqual(userTagsOf(region), { team: "web" });
                assert.equal(copyIn(region)[0].Tags[RESOURCE_NAME_TAG], "copies");
            }
        });

        it("gives every copy `tags` when they are set, in one tag call per copy", async () => {
            h.cloud.images.get(sourceId)!.Tags = { team: "web" };
            await imageCopy.create({ ...inputs, tags: { env: "prod" } });
            for (const region of [SH, SG]) assert.deepEqual(userTagsOf(region), { env: "prod" });
            assert.equal(h.cloud.callsOf("ModifyResourceTags").length, 2);
        });

        it("retags every copy in place when tags change: changed and removed keys, no new copy", async () => {
            const { id, outs } = await imageCopy.create({ ...inputs, tags: { env: "prod", old: "x" } });
            const result = await imageCopy.update(id, outs as Record<string, unknown>, {
                ...inputs,
                tags: { env: "staging" },
            });
            for (const region of [SH, SG]) {
                assert.deepEqual(userTagsOf(region), { env: "staging" });
                assert.equal(copyIn(region)[0].Tags[RESOURCE_NAME_TAG], "copies");
            }
            assert.equal(h.cloud.callsOf("SyncImages").length, 1);
            assert.deepEqual((result.outs as { tags: unknown }).tags, { env: "staging" });
        });

        it("tags a copy added by an update like the others", async () => {
            const { id, outs } = await imageCopy.create({ ...inputs, tags: { env: "prod" } });
            await imageCopy.update(id, outs as Record<string, unknown>, {
                ...inputs,
                tags: { env: "prod" },
                destinationRegions: [SH, SG, BJ],
            });
            assert.deepEqual(userTagsOf(BJ), { env: "prod" });
        });

        it("refresh sees a copy retagged outside Pulumi (the next preview retags it)", async () => {
            const { id, outs } = await imageCopy.create({ ...inputs, tags: { env: "prod" } });
            copyIn(SG)[0].Tags.env = "dev";
            const result = await imageCopy.read(id, outs as Record<string, unknown>);
            assert.deepEqual(result.inputs?.tags, { env: "dev" });
        });

        it("refresh keeps absent tags while the copies carry the source's", async () => {
            h.cloud.images.get(sourceId)!.Tags = { team: "web" };
            const { id, outs } = await imageCopy.create(inputs);
            const result = await imageCopy.read(id, outs as Record<string, unknown>);
            assert.equal(result.inputs?.tags, undefined);
        });

        it("a copy whose user tags cannot be set fails the create, keeping the copies", async () => {
            h.cloud.failNext("ModifyResourceTags", "FailedOperation");
            const error = await rejection(imageCopy.create({ ...inputs, tags: { env: "prod" } }));
            assert.match(error.message, /could not tag the copy img-\w+ \(/);
            assert.match(error.message, /pulumi refresh/);
            assert.equal(error.id, `${REGION}:${sourceId}`);
            assert.deepEqual(Object.keys((error.properties as { images: object }).images).sort(), [SH, SG]);
        });
    });

    describe("family", () => {
        it("every copy joins the source's family once NORMAL, in its own region", async () => {
            h.cloud.images.get(sourceId)!.Family = "web";
            await imageCopy.create(inputs);
            for (const region of [SH, SG]) assert.equal(copyIn(region)[0].Family, "web");
            assert.deepEqual(
                h.cloud
                    .callsOf("ModifyImageAttribute")
                    .map((c) => [c.region, c.body.ImageFamily])
                    .sort(),
                [
                    [SH, "web"],
                    [SG, "web"],
                ],
            );
        });

        it("a source in no family: no ModifyImageAttribute, the copies stay in none", async () => {
            await imageCopy.create(inputs);
            assert.equal(h.cloud.callsOf("ModifyImageAttribute").length, 0);
            for (const region of [SH, SG]) assert.equal(copyIn(region)[0].Family, undefined);
        });

        it("an update brings the copies to the source's family, added copies too; no call for one already in it", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            h.cloud.images.get(sourceId)!.Family = "api";
            copyIn(SG)[0].Family = "api";
            await imageCopy.update(id, outs as Record<string, unknown>, {
                ...inputs,
                destinationRegions: [SH, SG, BJ],
            });
            for (const region of [SH, SG, BJ]) assert.equal(copyIn(region)[0].Family, "api");
            assert.deepEqual(
                h.cloud
                    .callsOf("ModifyImageAttribute")
                    .map((c) => c.region)
                    .sort(),
                [BJ, SH],
            );
        });

        it("a copy that cannot join the family fails the create, keeping the copies", async () => {
            h.cloud.images.get(sourceId)!.Family = "web";
            h.cloud.failNext("ModifyImageAttribute", "FailedOperation");
            const error = await rejection(imageCopy.create(inputs));
            assert.match(error.message, /could not join the family "web" \(/);
            assert.deepEqual(Object.keys((error.properties as { images: object }).images).sort(), [SH, SG]);
        });
    });

    describe("delete", () => {
        it("deletes every copy and waits until they are gone", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            await imageCopy.delete(id, outs as Record<string, unknown>);
            assert.equal(copyIn(SH).length + copyIn(SG).length, 0);
            assert.equal(h.cloud.images.has(sourceId), true);
        });

        it("keeps the copies when retainCopiesOnDelete", async () => {
            const { id, outs } = await imageCopy.create({ ...inputs, retainCopiesOnDelete: true });
            await imageCopy.delete(id, outs as Record<string, unknown>);
            assert.equal(h.cloud.callsOf("DeleteImages").length, 0);
            assert.ok(h.lines.some((l) => l.includes("retainCopiesOnDelete is set")));
        });

        it("deletes what it can and names each copy that failed", async () => {
            const { id, outs } = await imageCopy.create(inputs);
            const sgCopy = copyIn(SG)[0].ImageId;
            h.cloud.shares.set(sgCopy, new Set(["100000000002"]));
            const error = await rejection(imageCopy.delete(id, outs as Record<string, unknown>));
            assert.equal(copyIn(SH).length, 0);
            assert.match(error.message, /^ImageCopy "copies": delete failed for 1 of 2 copies: ap-singapore/);
            assert.match(error.message, /still shared with account\(s\) 100000000002/);
        });
    });
});
