/**
 * Starting an ImageCopy's copies: a destination that already has an image of the copy's name is
 * adopted when it carries this resource's marker, refused otherwise; the rest get one SyncImages
 * (ImageSetRequired) for all of them, settled by looking when its outcome is unknown; every new copy
 * is then tagged (SyncImages cannot tag).
 */
import type { ImageCopyInputs } from "../model/imageCopy";
import { hasMarker } from "../markers";
import { operationError, replyMayBeLost } from "./errors";
import { describeOutcome, settle, SETTLE_ATTEMPTS, SettleRules } from "./settle";
import type { OperationContext } from "./lifecycle";
import { findOwnImageByName, findOwnImageNamed } from "./images";
import { whenImageIdle } from "./waits";
import { Copies, copyTimeout, messageOf } from "./copies";
import { tagNewCopy } from "./copyTags";

/**
 * Copying: after an unknown outcome, resent for the destinations still without a copy; a Duplicate
 * is settled by the same look-up, never resent; regions still without a copy when sends run out
 * are reported as missing.
 */
const SYNC_RULES: SettleRules = {
    settledByLooking: ["InvalidImageName.Duplicate"],
    resendAfterRefusal: false,
    maxSends: SETTLE_ATTEMPTS,
    whenExhausted: "return",
};

/** What starting copies came to: the regions with no confirmed copy, and lines about copies that went wrong. */
export interface StartedCopies {
    missing: string[];
    problems: string[];
}

/**
 * Starts copies to `regions`, adopting copies this resource made in an earlier run, and records
 * them in `copies`. `tags` are the user tags every new copy gets.
 */
export async function startCopies(
    op: OperationContext,
    inputs: ImageCopyInputs,
    regions: string[],
    copyName: string,
    tags: Record<string, string> | undefined,
    copies: Copies,
): Promise<StartedCopies> {
    const { backend } = op.ctx;
    const name = inputs.__logicalName;
    const existing = await Promise.all(regions.map((r) => findOwnImageNamed(op.ctx, r, copyName)));
    const toSync: string[] = [];
    const conflicts: string[] = [];
    regions.forEach((region, i) => {
        const image = existing[i];
        if (!image) toSync.push(region);
        else if (hasMarker(image, name)) {
            op.say(
                `found ${image.imageId} in ${region} carrying this resource's marker: using it as the copy`,
            );
            copies.images[region] = image.imageId;
            copies.imageStates[region] = image.imageState;
        } else conflicts.push(`${region} (${image.imageId})`);
    });
    if (conflicts.length > 0) {
        throw operationError(
            op.ref,
            op.op,
            `an image named "${copyName}" already exists in ${conflicts.join(", ")} and was not made by this resource`,
            "set imageName to a name that is free in every destination region",
        );
    }
    if (toSync.length === 0) return { missing: [], problems: [] };
    // A failure whose outcome is unknown (lost reply, InternalError) is settled by looking the copy's
    // name up in each destination: no image of that name existed there before (checked above), so
    // any found now is this resource's copy. Regions still without one are sent again; a second copy
    // cannot result, since names are unique per region (Duplicate is settled by the same look-up).
    const synced: { region: string; imageId: string }[] = [];
    await settle<string[], void>(op.say, {
        rules: SYNC_RULES,
        work: toSync,
        send: async (regionsNow) => {
            const made = await whenImageIdle(
                op,
                inputs.sourceRegion,
                inputs.sourceImageId,
                copyTimeout(inputs),
                () =>
                    backend.syncImages(inputs.sourceRegion, inputs.sourceImageId, regionsNow, {
                        imageName: inputs.imageName,
                    }),
                { makesBusy: true },
            );
            synced.push(...made);
        },
        look: async (regionsNow, error) => {
            const found = await Promise.all(regionsNow.map((r) => findOwnImageByName(backend, r, copyName)));
            const got = regionsNow.flatMap((region, i) =>
                found[i] ? [{ region, imageId: found[i].imageId }] : [],
            );
            synced.push(...got);
            const what = replyMayBeLost(error) ? "reply was lost" : `failed (${describeOutcome(error)})`;
            op.say(
                `SyncImages ${what} (${messageOf(error)}); found copies in ${got.map((s) => s.region).join(", ") || "no region"}`,
            );
            const remaining = regionsNow.filter((_, i) => !found[i]);
            return remaining.length === 0 ? { done: undefined } : { remaining };
        },
        resendLine: (_error, remaining) => `sending SyncImages again for ${remaining.join(", ")}`,
    });
    for (const { region, imageId } of synced) {
        copies.images[region] = imageId;
        copies.imageStates[region] = "SYNCING";
    }
    const tagged = await Promise.all(synced.map((s) => tagNewCopy(op, name, s.region, s.imageId, tags)));
    const missing = toSync.filter((r) => !(r in copies.images));
    if (synced.length > 0) {
        op.say(
            `copying ${inputs.sourceImageId} to ${synced.map((s) => `${s.region} (${s.imageId})`).join(", ")}`,
        );
    }
    return { missing, problems: tagged.filter((p): p is string => p !== undefined) };
}
