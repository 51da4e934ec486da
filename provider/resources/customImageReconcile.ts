/**
 * Bringing an existing image in line with a CustomImage's inputs: its attributes (name, description,
 * family, deprecation, through ModifyImageAttribute once it is idle) and its tags (markers added), and
 * deprecating a newly made image when the inputs ask for it.
 */
import type { CustomImageInputs, CustomImageOutputs } from "../model/customImage";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";
import { markerTags } from "../markers";
import type { Image, ImageAttributeChanges } from "../backend/types";
import { operationError } from "./errors";
import type { OperationContext } from "./lifecycle";
import { describeImage, tagChanges } from "./images";
import { whenImageIdle } from "./waits";
import { timeoutOf } from "./customImages";

/** What ModifyImageAttribute must change for the image to be as the inputs say (nothing: `{}`). */
function attributeChanges(inputs: CustomImageInputs, image: Image): ImageAttributeChanges {
    const changes: ImageAttributeChanges = {};
    if (inputs.imageName !== image.imageName) changes.imageName = inputs.imageName;
    if ((inputs.description ?? "") !== image.imageDescription)
        changes.imageDescription = inputs.description ?? "";
    // "" takes the image out of its family.
    if ((inputs.family ?? "") !== (image.imageFamily ?? "")) changes.imageFamily = inputs.family ?? "";
    if ((inputs.deprecated ?? false) !== (image.imageDeprecated ?? false))
        changes.imageDeprecated = inputs.deprecated ?? false;
    return changes;
}

/** Brings an image's attributes (name, description, family, deprecation) and tags in line with the inputs (markers added). */
export async function reconcile(
    op: OperationContext,
    inputs: CustomImageInputs,
    image: Image,
): Promise<void> {
    const { backend } = op.ctx;
    const changes = attributeChanges(inputs, image);
    if (Object.keys(changes).length > 0) {
        await whenImageIdle(op, image.region, image.imageId, DEFAULT_TIMEOUT_MINUTES.image, () =>
            backend.modifyImageAttribute(image.region, image.imageId, changes),
        );
    }
    const tags = tagChanges(image.tags, inputs.tags ?? {}, markerTags(inputs.__logicalName));
    if (Object.keys(tags.replace).length > 0 || tags.remove.length > 0) {
        await backend.modifyImageTags(image.region, image.imageId, tags);
    }
}

/**
 * Deprecates a newly made image when the inputs ask for it: only ModifyImageAttribute sets
 * `ImageDeprecated`, and only on a NORMAL image.
 */
export async function deprecateIfAsked(
    op: OperationContext,
    inputs: CustomImageInputs,
    ready: CustomImageOutputs,
): Promise<CustomImageOutputs> {
    if (inputs.deprecated !== true) return ready;
    const { backend } = op.ctx;
    const { region, imageId } = ready;
    try {
        const image = await describeImage(op.ctx.reads, region, imageId);
        if (!image || image.imageDeprecated === true) return ready;
        await whenImageIdle(op, region, imageId, timeoutOf(inputs), () =>
            backend.modifyImageAttribute(region, imageId, { imageDeprecated: true }),
        );
    } catch (error) {
        // The image exists: keep it in the state (not deprecated yet), so the next `up` marks it.
        throw operationError(
            op.ref,
            op.op,
            `${imageId} is NORMAL but could not be marked deprecated (${error instanceof Error ? error.message : String(error)})`,
            "the image is kept in the state; run `pulumi up` again to mark it deprecated",
            error,
        ).withPartialState(imageId, { ...ready, deprecated: false });
    }
    op.say(`marked ${imageId} deprecated`);
    return ready;
}
