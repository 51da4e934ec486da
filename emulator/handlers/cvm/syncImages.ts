/**
 * SyncImages: copy one of the account's own NORMAL custom images to other regions. The copies are
 * SYNCING with a rising SyncPercent (and the source SYNCING meanwhile), then NORMAL. All
 * destinations are checked (region, name, quota) before anything is created.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { imageState } from "../../models/lifecycle";
import { assertNameAndDescription, assertQuota, assertUniqueName } from "../../models/rules";
import { ImageRecord } from "../../models/types";
import { isKnownRegion } from "../../regions";
import { defineHandler } from "../types";
import { requireOwnImage } from "./ownedImage";

const params = z.strictObject({
    ImageIds: z.array(z.string()).min(1),
    DestinationRegions: z.array(z.string()).min(1),
    DryRun: z.boolean().optional(),
    ImageName: z.string().optional(),
    ImageSetRequired: z.boolean().optional(),
    Encrypt: z.boolean().optional(),
    KmsKeyId: z.string().optional(),
});

export default defineHandler({
    service: "cvm",
    action: "SyncImages",
    params,
    region: "required",
    mutates: true,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        if (p.ImageIds.length > 1)
            fail("InvalidParameterValue.LimitExceeded", "SyncImages copies one image per call.");
        if (p.Encrypt) {
            fail(
                "UnsupportedOperation.SyncEncryptImageNotSupport",
                "The emulator does not make encrypted copies.",
            );
        }
        const imageId = p.ImageIds[0];
        const { image: source } = requireOwnImage(
            store,
            accountId,
            region,
            imageId,
            "InvalidParameterValue.InvalidImageId",
        );
        const state = imageState(source, now);
        if (state === "SYNCING") {
            fail(
                "FailedOperation.InvalidImageState",
                `${imageId} is being copied; the image is busy, try again later.`,
            );
        }
        if (state !== "NORMAL") {
            fail(
                "InvalidImageId.IncorrectState",
                `${imageId} is ${state}; only a NORMAL image can be copied.`,
            );
        }
        const name = p.ImageName ?? source.imageName;
        assertNameAndDescription(name, undefined);
        const destinations = p.DestinationRegions;
        for (const [i, dest] of destinations.entries()) {
            if (!isKnownRegion(dest))
                fail("InvalidRegion.NotFound", `The destination region \`${dest}\` does not exist.`);
            if (dest === region) {
                fail(
                    "InvalidParameterValue.InvalidRegion",
                    `${dest} is the image's own region; a custom image can only be copied to other regions.`,
                );
            }
            if (destinations.indexOf(dest) !== i) {
                fail(
                    "InvalidParameterValue.InvalidRegion",
                    `The destination region ${dest} is listed twice.`,
                );
            }
            assertUniqueName(store, accountId, dest, name);
            assertQuota(store, accountId, dest);
        }
        if (p.DryRun) return { ImageSet: [] };

        const readyAt = now + store.state.config.durations.copyMs;
        const imageSet: { ImageId: string; Region: string }[] = [];
        const sourceData = store.regionData(accountId, region);
        for (const dest of destinations) {
            const data = store.regionData(accountId, dest);
            const copyId = store.newImageId();
            const snapshotIds = source.snapshotIds.flatMap((sid) => {
                const s = sourceData.snapshots[sid];
                if (!s) return [];
                const snapshotId = store.newSnapshotId();
                data.snapshots[snapshotId] = {
                    ...s,
                    snapshotId,
                    snapshotName: `${name}-${s.diskUsage === "SYSTEM_DISK" ? "system" : "data"}`,
                    createdAt: now,
                    readyAt,
                    imageId: copyId,
                    instanceId: undefined,
                };
                return [snapshotId];
            });
            const copy: ImageRecord = {
                ...source,
                imageId: copyId,
                region: dest,
                imageName: name,
                creator: ctx.caller.uin,
                createdAt: now,
                snapshotIds,
                // SyncImages takes no ImageFamily: a copy is a new image that starts in no family and
                // not deprecated (ModifyImageAttribute sets both), as its tags start empty.
                imageFamily: "",
                imageDeprecated: false,
                tags: {},
                shares: [],
                busyUntil: undefined,
                pending: { state: "SYNCING", startedAt: now, readyAt, outcome: "NORMAL" },
            };
            data.images[copyId] = copy;
            imageSet.push({ ImageId: copyId, Region: dest });
        }
        source.busyUntil = Math.max(source.busyUntil ?? 0, readyAt);
        return { ImageSet: p.ImageSetRequired ? imageSet : [] };
    },
});
