/**
 * Starting a CustomImage: one CreateImage (from an instance or snapshots) or ImportImage (from an
 * image file), carrying the resource's marker tags. A reply that may have been lost is settled by
 * looking the name up (names are unique per account and region), so a resend never makes a second
 * image.
 */
import type { CustomImageInputs } from "../model/customImage";
import type { CustomImageSource } from "../model/imageSource";
import { hasMarker, markerTags } from "../markers";
import { operationError, replyMayBeLost } from "./errors";
import { describeOutcome, outcomeUnknown, settle, SETTLE_ATTEMPTS, SettleRules } from "./settle";
import type { OperationContext } from "./lifecycle";
import { findOwnImageByName } from "./images";
import { nameTaken } from "./customImages";

function isImport(source: CustomImageSource): source is Extract<CustomImageSource, { import: unknown }> {
    return "import" in source && source.import !== undefined;
}

/**
 * Creating: resent while no image of the name exists after an unknown outcome; a Duplicate is
 * settled by the same look-up, never resent.
 */
const CREATE_RULES: SettleRules = {
    settledByLooking: ["InvalidImageName.Duplicate"],
    resendAfterRefusal: false,
    maxSends: SETTLE_ATTEMPTS,
    whenExhausted: "return",
};

/**
 * Sends CreateImage / ImportImage. A failure whose outcome is unknown (lost reply, InternalError) is
 * settled by looking the name up: an image carrying this resource's marker is the one it made; none
 * means nothing was made, so the request is sent again (a second image cannot result: names are
 * unique per account and region, and a Duplicate is settled by the same look-up).
 */
export async function startCreate(op: OperationContext, inputs: CustomImageInputs): Promise<string> {
    const { backend } = op.ctx;
    const name = inputs.__logicalName;
    const tags = { ...(inputs.tags ?? {}), ...markerTags(name) };
    const common = {
        imageName: inputs.imageName,
        imageDescription: inputs.description,
        tags,
        imageFamily: inputs.family || undefined,
    };
    const source = inputs.source;
    const action = isImport(source) ? "ImportImage" : "CreateImage";
    const sendOnce = async (): Promise<string> => {
        if (isImport(source)) return backend.importImage(inputs.region, { ...common, ...source.import });
        if ("instanceId" in source) {
            return backend.createImage(inputs.region, {
                ...common,
                instanceId: source.instanceId,
                dataDiskIds: source.dataDiskIds,
                forcePoweroff: source.forcePoweroff,
                sysprep: source.sysprep,
            });
        }
        return backend.createImage(inputs.region, { ...common, snapshotIds: source.snapshotIds });
    };
    const send = async (): Promise<string> => {
        const imageId = await sendOnce();
        // An image this request just made is shared with nobody: a share of it in this run need not ask.
        op.ctx.facts.noteNewImage(inputs.region, imageId);
        return imageId;
    };
    const settled = await settle<string, string>(op.say, {
        rules: CREATE_RULES,
        work: inputs.imageName,
        send,
        // The request may have been carried out (or a concurrent run made the image): look it up.
        look: async (_name, error) => {
            const found = await findOwnImageByName(backend, inputs.region, inputs.imageName);
            if (!found) return { remaining: inputs.imageName };
            if (!hasMarker(found, name)) throw nameTaken(op, inputs, found);
            op.say(
                outcomeUnknown(error)
                    ? `${action} ${replyMayBeLost(error) ? "reply was lost" : `failed (${describeOutcome(error)})`}; found ${found.imageId} carrying this resource's marker: using it`
                    : `found ${found.imageId} carrying this resource's marker: using it`,
            );
            return { done: found.imageId };
        },
        resendLine: (error) =>
            `${action} in ${inputs.region} failed (${describeOutcome(error)}) and no image named "${inputs.imageName}" exists: sending it again`,
    });
    if ("done" in settled) return settled.done;
    const { error, sends } = settled;
    const what = replyMayBeLost(error)
        ? `got no reply (${error instanceof Error ? error.message : String(error)})`
        : `failed ${sends} times (last: ${error instanceof Error ? error.message : String(error)})`;
    throw operationError(
        op.ref,
        op.op,
        `${action} in ${inputs.region} ${what} and no image named "${inputs.imageName}" exists there`,
        "nothing was created; run `pulumi up` again (an image that appears later carries this resource's marker and will be taken over, not duplicated)",
        error,
    );
}
