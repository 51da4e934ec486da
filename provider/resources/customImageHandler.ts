/**
 * The operations of CustomImage: create (adopt or start, then wait), read, update, delete.
 *
 * No duplicates: every image this resource makes carries marker tags (managed-by + the logical
 * name). Before creating, and again when a create's reply was lost on the way back, the image is
 * looked up by name (names are unique per account and region): one carrying this resource's marker
 * is adopted, never duplicated; one without it is refused unless `adoptExisting` is set.
 */
import {
    customImageDeclaration,
    type CustomImageInputs,
    type CustomImageOutputs,
} from "../model/customImage";
import { pickInputs } from "../model/property";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";
import { hasMarker } from "../markers";
import { providerCheckCustomImage } from "./planChecks";
import { operationError } from "./errors";
import { diffCustomImage } from "./diffs";
import { defineResource, OperationContext, ReadOutcome } from "./lifecycle";
import { describeImage, findOwnImageNamed, userTags } from "./images";
import { deleteImageAndWait } from "./deletion";
import { waitUntilNormal } from "./waits";
import { customImageOutputs, nameTaken, timeoutOf } from "./customImages";
import { startCreate } from "./customImageStart";
import { waitUntilReady } from "./customImageWait";
import { deprecateIfAsked, reconcile } from "./customImageReconcile";

async function create(
    inputs: CustomImageInputs,
    op: OperationContext,
): Promise<{ id: string; outs: CustomImageOutputs }> {
    const existing = await findOwnImageNamed(op.ctx, inputs.region, inputs.imageName);
    let imageId: string;
    if (existing) {
        if (!inputs.adoptExisting && !hasMarker(existing, inputs.__logicalName))
            throw nameTaken(op, inputs, existing);
        op.say(
            inputs.adoptExisting
                ? `adopting the existing image ${existing.imageId} ("${existing.imageName}", ${existing.imageState}) in ${inputs.region}`
                : `found ${existing.imageId} carrying this resource's marker (an earlier run made it): using it instead of creating another`,
        );
        await reconcile(op, inputs, existing);
        imageId = existing.imageId;
    } else {
        imageId = await startCreate(op, inputs);
        op.say(`creating ${imageId} in ${inputs.region}`);
    }
    const ready = await waitUntilReady(op, inputs, imageId);
    return { id: imageId, outs: await deprecateIfAsked(op, inputs, ready) };
}

async function read(
    id: string,
    props: CustomImageOutputs,
    op: OperationContext,
): Promise<ReadOutcome<CustomImageOutputs>> {
    // As this run sees it: the region's one listing (shared by every read of the refresh), else by ID.
    const image = await op.ctx.facts.image(props.region, id);
    if (!image) return { id: "" };
    const live = userTags(image.tags);
    const refreshed: CustomImageOutputs = {
        ...customImageOutputs(props, image),
        imageName: image.imageName,
        // Keep "absent" when the live value is the default, so a refresh without drift changes nothing.
        description:
            props.description === undefined && image.imageDescription === ""
                ? undefined
                : image.imageDescription,
        tags: props.tags === undefined && Object.keys(live).length === 0 ? undefined : live,
        family: image.imageFamily ?? "",
        deprecated: image.imageDeprecated === true,
    };
    return { id, props: refreshed, inputs: pickInputs(customImageDeclaration, refreshed) };
}

async function update(
    id: string,
    olds: CustomImageOutputs,
    news: CustomImageInputs,
    op: OperationContext,
): Promise<CustomImageOutputs> {
    const region = olds.region;
    let image = await describeImage(op.ctx.reads, region, id);
    if (!image) {
        throw operationError(
            op.ref,
            op.op,
            `image ${id} no longer exists in ${region}`,
            "run `pulumi refresh` to drop it from the state, then `pulumi up` to create it anew",
        );
    }
    const inputs: CustomImageInputs = { ...news, region };
    if (image.imageState !== "NORMAL") {
        // A create that timed out earlier: keep waiting before changing anything.
        image = await waitUntilNormal(op, region, id, timeoutOf(inputs));
    }
    await reconcile(op, inputs, image);
    const after = (await describeImage(op.ctx.reads, region, id)) ?? image;
    return customImageOutputs(inputs, after);
}

async function remove(id: string, props: CustomImageOutputs, op: OperationContext): Promise<void> {
    await deleteImageAndWait(op, props.region, id, {
        deleteSnapshots: props.deleteSnapshotsOnDelete === true,
        timeoutMinutes: props.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES.delete,
    });
}

/** The handlers of CustomImage. */
export const customImage = defineResource<CustomImageInputs, CustomImageOutputs>({
    kind: customImageDeclaration.kind,
    check: providerCheckCustomImage,
    diff: diffCustomImage,
    create,
    read,
    update,
    delete: remove,
});
