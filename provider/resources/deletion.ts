/**
 * Deleting one image and waiting until it is gone, shared by CustomImage and ImageCopy. An image that
 * is already gone counts as deleted; one that is still shared fails with a message naming the
 * accounts and the way out.
 */
import { errorCode, operationError } from "./errors";
import { OperationContext } from "./lifecycle";
import { waitUntilGone } from "./waits";
import { describeImage } from "./images";
import { describeOutcome, settle, SETTLE_ATTEMPTS, SettleRules } from "./settle";

/** The accounts an image is still shared with, for a message (empty if they cannot be read). */
async function sharedWith(op: OperationContext, region: string, imageId: string): Promise<string[]> {
    try {
        return (await op.ctx.backend.describeSharePermission(region, imageId)).map((p) => p.accountId);
    } catch {
        return [];
    }
}

/** Deleting: resent while the image still exists after an unknown outcome. */
const DELETE_RULES: SettleRules = {
    settledByLooking: [],
    resendAfterRefusal: false,
    maxSends: SETTLE_ATTEMPTS,
    whenExhausted: "throw",
};

/**
 * Sends DeleteImages. A failure whose outcome is unknown (lost reply, InternalError) is settled by
 * looking: an image that is gone was deleted; one that is still there is sent the request again.
 */
async function deleteSettled(
    op: OperationContext,
    region: string,
    imageId: string,
    deleteSnapshots: boolean,
): Promise<void> {
    await settle<string, void>(op.say, {
        rules: DELETE_RULES,
        work: imageId,
        send: () => op.ctx.backend.deleteImages(region, [imageId], { deleteSnapshots }),
        look: async () =>
            (await describeImage(op.ctx.reads, region, imageId))
                ? { remaining: imageId }
                : { done: undefined },
        resendLine: (error) =>
            `DeleteImages of ${imageId} in ${region} failed (${describeOutcome(error)}); it still exists: sending it again`,
    });
}

/** Deletes the image (and its snapshots when asked) and waits until DescribeImages no longer shows it. */
export async function deleteImageAndWait(
    op: OperationContext,
    region: string,
    imageId: string,
    options: { deleteSnapshots: boolean; timeoutMinutes: number },
): Promise<void> {
    try {
        await deleteSettled(op, region, imageId, options.deleteSnapshots);
    } catch (error) {
        const code = errorCode(error);
        if (code === "InvalidImageId.NotFound") return;
        if (code === "InvalidImageId.InShared") {
            const accounts = await sharedWith(op, region, imageId);
            const list = accounts.length > 0 ? ` with account(s) ${accounts.join(", ")}` : "";
            throw operationError(
                op.ref,
                op.op,
                `image ${imageId} in ${region} is still shared${list}, and a shared image cannot be deleted`,
                "delete the ImageShare of this image first, or remove those accounts from it and run `pulumi up`; " +
                    "when the ImageShare takes its imageId from this image's output, `pulumi destroy` deletes the share before the image",
                error,
            );
        }
        if (code === "InvalidImageId.IncorrectState") {
            throw operationError(
                op.ref,
                op.op,
                `image ${imageId} in ${region} cannot be deleted in its current state (it may still be creating or copying)`,
                "wait until it is NORMAL or failed, then run `pulumi destroy` again",
                error,
            );
        }
        throw error;
    }
    await waitUntilGone(op, region, imageId, options.timeoutMinutes);
}
