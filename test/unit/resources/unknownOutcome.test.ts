import { strict as assert } from "node:assert";
import { customImage } from "../../../provider/resources/customImageHandler";
import { imageCopy } from "../../../provider/resources/imageCopyHandler";
import { imageShare } from "../../../provider/resources/imageShareHandler";
import { SETTLE_ATTEMPTS } from "../../../provider/resources/settle";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, RESOURCE_NAME_TAG } from "../../../provider/markers";
import { rejection, REGION, useFakeCloud } from "./harness";

// Mutating calls whose outcome is unknown: an InternalError (the service may or may not have acted)
// or a lost reply. The client never resends them; the resources settle them by looking at what
// exists and resend only what is missing, so one transient error does not fail a whole `pulumi up`,
// and no image, copy or share is ever made twice.
describe("resources: mutating calls with an unknown outcome", () => {
    const h = useFakeCloud();

    const image = {
        __logicalName: "web",
        __provider: "p",
        region: REGION,
        imageName: "web-1",
        source: { instanceId: "ins-a1b2c3d4" },
    };

    describe("CustomImage create", () => {
        it("resends CreateImage after an InternalError when no image of the name exists (one image)", async () => {
            h.cloud.failNext("CreateImage", "InternalError");
            const result = await customImage.create(image);
            assert.equal(h.cloud.callsOf("CreateImage").length, 2);
            const made = h.cloud.byName(REGION, "web-1");
            assert.equal(made.length, 1);
            assert.equal(result.id, made[0].ImageId);
            assert.ok(
                h.lines.some((l) => l.includes("failed (InternalError)") && l.includes("sending it again")),
            );
        });

        it("takes over the image when the InternalError came after the service acted", async () => {
            // A lost reply followed by the resend's Duplicate: still one image, found by its marker.
            h.cloud.loseReplyOnce("CreateImage");
            const result = await customImage.create(image);
            assert.equal(h.cloud.callsOf("CreateImage").length, 1);
            assert.equal(h.cloud.byName(REGION, "web-1").length, 1);
            assert.equal(result.id, h.cloud.byName(REGION, "web-1")[0].ImageId);
        });

        it(`gives up after ${SETTLE_ATTEMPTS} sends, saying nothing was created and what to do`, async () => {
            for (let i = 0; i < SETTLE_ATTEMPTS; i++) h.cloud.failNext("CreateImage", "InternalError");
            const error = await rejection(customImage.create(image));
            assert.equal(h.cloud.callsOf("CreateImage").length, SETTLE_ATTEMPTS);
            assert.equal(h.cloud.byName(REGION, "web-1").length, 0);
            assert.match(
                error.message,
                new RegExp(
                    `^CustomImage "web": create failed: CreateImage in ap-guangzhou failed ${SETTLE_ATTEMPTS} times .*InternalError.* no image named "web-1" exists there .*nothing was created; run \`pulumi up\` again`,
                ),
            );
            assert.equal(error.id, undefined);
        });

        it("does not resend on a definite refusal", async () => {
            h.cloud.failNext("CreateImage", "InvalidInstanceId.NotFound");
            await rejection(customImage.create(image));
            assert.equal(h.cloud.callsOf("CreateImage").length, 1);
        });
    });

    describe("ImageCopy create", () => {
        it("resends SyncImages only for regions without a copy after an InternalError", async () => {
            const source = h.cloud.addImage({ region: REGION, ImageName: "base" });
            h.cloud.failNext("SyncImages", "InternalError");
            const result = await imageCopy.create({
                __logicalName: "copies",
                __provider: "p",
                sourceImageId: source.ImageId,
                sourceRegion: REGION,
                destinationRegions: ["ap-shanghai", "ap-singapore"],
            });
            assert.equal(h.cloud.callsOf("SyncImages").length, 2);
            for (const region of ["ap-shanghai", "ap-singapore"]) {
                const copies = h.cloud.byName(region, "base");
                assert.equal(copies.length, 1, region);
                assert.equal(copies[0].Tags[RESOURCE_NAME_TAG], "copies");
                assert.equal(copies[0].Tags[MANAGED_BY_TAG], MANAGED_BY_VALUE);
                assert.equal(
                    (result.outs as { images: Record<string, string> }).images[region],
                    copies[0].ImageId,
                );
            }
        });
    });

    describe("ImageShare create", () => {
        it("reads the live list after an InternalError and shares what is missing", async () => {
            const target = h.cloud.addImage({ region: REGION, ImageName: "shared" });
            h.cloud.failNext("ModifyImageSharePermission", "InternalError");
            const result = await imageShare.create({
                __logicalName: "share",
                __provider: "p",
                imageId: target.ImageId,
                region: REGION,
                accountIds: ["100000000002"],
                mode: "additive",
            });
            assert.equal(h.cloud.callsOf("ModifyImageSharePermission").length, 2);
            assert.deepEqual([...(h.cloud.shares.get(target.ImageId) ?? [])], ["100000000002"]);
            assert.deepEqual((result.outs as Record<string, unknown>).sharedAccountIds, ["100000000002"]);
        });
    });

    describe("delete", () => {
        const props = (imageId: string) => ({
            ...image,
            imageId,
            imageState: "NORMAL",
        });

        it("a lost DeleteImages reply: the image is gone, so the delete succeeds without a resend", async () => {
            const target = h.cloud.addImage({ region: REGION, ImageName: "web-1" });
            h.cloud.loseReplyOnce("DeleteImages");
            await customImage.delete(target.ImageId, props(target.ImageId));
            assert.equal(h.cloud.callsOf("DeleteImages").length, 1);
            assert.equal(h.cloud.images.has(target.ImageId), false);
        });

        it("an InternalError on DeleteImages: the image is still there, so it is sent again", async () => {
            const target = h.cloud.addImage({ region: REGION, ImageName: "web-1" });
            h.cloud.failNext("DeleteImages", "InternalError");
            await customImage.delete(target.ImageId, props(target.ImageId));
            assert.equal(h.cloud.callsOf("DeleteImages").length, 2);
            assert.equal(h.cloud.images.has(target.ImageId), false);
        });
    });
});
