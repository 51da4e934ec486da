/**
 * What the operations of CustomImage (./customImageHandler.ts) share: the outputs an image makes,
 * how long its waits may take, and the refusal of an image of the same name it did not make.
 */
import type { CustomImageInputs, CustomImageOutputs } from "../model/customImage";
import { defaultImageTimeout } from "../model/timeouts";
import type { Image } from "../backend/types";
import { operationError, ResourceOperationError } from "./errors";
import type { OperationContext } from "./lifecycle";

/** How long the image may take to become NORMAL (and how long to wait for it while it is busy). */
export function timeoutOf(inputs: Pick<CustomImageInputs, "timeoutMinutes" | "source">): number {
    return inputs.timeoutMinutes ?? defaultImageTimeout(inputs.source);
}

/** The outputs: the inputs plus what the service reports about the image. */
export function customImageOutputs(inputs: CustomImageInputs, image: Image): CustomImageOutputs {
    return {
        ...inputs,
        region: image.region,
        imageId: image.imageId,
        imageState: image.imageState,
        imageType: image.imageType,
        osName: image.osName,
        platform: image.platform,
        architecture: image.architecture,
        imageSizeGb: image.imageSizeGb,
        createdTime: image.createdTime,
        snapshotIds: image.snapshots.map((s) => s.snapshotId),
    };
}

/** Refuses to take over an image of the same name that this resource did not make. */
export function nameTaken(
    op: OperationContext,
    inputs: CustomImageInputs,
    existing: Image,
): ResourceOperationError {
    return operationError(
        op.ref,
        op.op,
        `an image named "${inputs.imageName}" already exists in ${inputs.region} (${existing.imageId}, ${existing.imageState}) and was not made by this resource`,
        "choose another imageName, or set adoptExisting: true to bring that image under this resource",
    );
}
