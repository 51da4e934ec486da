/**
 * DeleteImages: all or nothing. Every image is checked first (own custom image, not busy, not shared);
 * then all are deleted, with their bound snapshots when DeleteBindedSnap is set.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { isBusy, imageState } from "../../models/lifecycle";
import { requireVisibleImage } from "../../models/rules";
import { defineHandler } from "../types";

const params = z.strictObject({
    ImageIds: z.array(z.string()).min(1),
    DeleteBindedSnap: z.boolean().optional(),
    DryRun: z.boolean().optional(),
});

export default defineHandler({
    service: "cvm",
    action: "DeleteImages",
    params,
    region: "required",
    mutates: true,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        if (p.ImageIds.length > 100)
            fail("InvalidParameterValue.LimitExceeded", "At most 100 ImageIds per call.");
        const images = [...new Set(p.ImageIds)].map((id) => {
            const found = requireVisibleImage(store, accountId, region, id);
            if (found.relation === "shared") {
                fail(
                    "InvalidParameterValue.InvalidImageIdIsShared",
                    `${id} is an image another account shares with you; only its owner can delete it.`,
                );
            }
            if (found.relation === "public") {
                fail(
                    "InvalidParameterValue.InvalidImageId",
                    `${id} is a public or marketplace image and cannot be deleted.`,
                );
            }
            if (isBusy(found.image, now)) {
                fail(
                    "InvalidImageId.IncorrectState",
                    `${id} is ${imageState(found.image, now)}; it can be deleted once the task ends.`,
                );
            }
            if (found.image.shares.length > 0) {
                fail(
                    "InvalidImageId.InShared",
                    `${id} is shared with ${found.image.shares.length} account(s); cancel the shares before deleting it.`,
                );
            }
            return found.image;
        });
        if (p.DryRun) return {};
        const data = store.regionData(accountId, region);
        for (const image of images) {
            delete data.images[image.imageId];
            for (const snapshot of Object.values(data.snapshots)) {
                if (snapshot.imageId !== image.imageId) continue;
                if (p.DeleteBindedSnap) delete data.snapshots[snapshot.snapshotId];
                else delete snapshot.imageId; // the snapshot outlives the image, unbound
            }
        }
        return {};
    },
});
