/**
 * Waiting for a new CustomImage to become NORMAL: a failed image is deleted (it is useless and holds
 * the name); a timeout keeps the image in the state (id + properties: partial state), so the next
 * `pulumi up` resumes the wait.
 */
import type { CustomImageInputs, CustomImageOutputs } from "../model/customImage";
import { operationError } from "./errors";
import type { OperationContext } from "./lifecycle";
import { describeImage } from "./images";
import { describeWaitFailure, endedInFailure, lastStateOf, vanished, waitUntilNormal } from "./waits";
import { customImageOutputs, timeoutOf } from "./customImages";

/** Outputs when only the ID is certain (a partial create whose image could not be read). */
function minimalOutputs(inputs: CustomImageInputs, imageId: string, state: string): CustomImageOutputs {
    return {
        ...inputs,
        imageId,
        imageState: state,
        imageType: "PRIVATE_IMAGE",
        osName: "",
        platform: "",
        architecture: "",
        imageSizeGb: 0,
        createdTime: "",
        snapshotIds: [],
    };
}

/**
 * Waits for the image to become NORMAL. A failed image (CREATEFAILED/IMPORTFAILED) is deleted, since
 * it is useless and holds the name; a timeout keeps the image (id + properties), and the next
 * `pulumi up` resumes the wait.
 */
export async function waitUntilReady(
    op: OperationContext,
    inputs: CustomImageInputs,
    imageId: string,
): Promise<CustomImageOutputs> {
    const { backend } = op.ctx;
    const timeout = timeoutOf(inputs);
    try {
        return customImageOutputs(inputs, await waitUntilNormal(op, inputs.region, imageId, timeout));
    } catch (error) {
        const detail = describeWaitFailure(error);
        if (vanished(error)) {
            throw operationError(op.ref, op.op, detail, "run `pulumi up` again to create it anew", error);
        }
        if (endedInFailure(error)) {
            const deleted = await backend
                .deleteImages(inputs.region, [imageId], { deleteSnapshots: false })
                .then(
                    () => true,
                    () => false,
                );
            if (deleted) {
                throw operationError(
                    op.ref,
                    op.op,
                    `${detail}; the failed image was deleted`,
                    "fix the source (instance state, snapshots, or the import URL and OS fields) and run `pulumi up` again",
                    error,
                );
            }
        }
        const live = await describeImage(op.ctx.reads, inputs.region, imageId).catch(() => undefined);
        const outs = live
            ? customImageOutputs(inputs, live)
            : minimalOutputs(inputs, imageId, lastStateOf(error) ?? "CREATING");
        throw operationError(
            op.ref,
            op.op,
            `the image did not become NORMAL: ${detail}`,
            endedInFailure(error)
                ? "delete the failed image (pulumi destroy, or the console) and run `pulumi up` again"
                : "the image is kept in the state; run `pulumi up` again to keep waiting (raise timeoutMinutes for big images)",
            error,
        ).withPartialState(imageId, outs);
    }
}
