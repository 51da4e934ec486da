/**
 * The operations of CustomImage.
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
import type { CustomImageSource } from "../model/imageSource";
import { pickInputs } from "../model/property";
import { DEFAULT_TIMEOUT_MINUTES, defaultImageTimeout } from "../model/timeouts";
import { hasMarker, markerTags } from "../markers";
import type { Image, ImageAttributeChanges } from "../backend/types";
import { providerCheckCustomImage } from "./planChecks";
import { operationError, replyMayBeLost, ResourceOperationError } from "./errors";
import { describeOutcome, outcomeUnknown, settle, SETTLE_ATTEMPTS, SettleRules } from "./settle";
import { diffCustomImage } from "./diffs";
import { defineResource, OperationContext, ReadOutcome } from "./lifecycle";
import { describeImage, findOwnImageByName, findOwnImageNamed, tagChanges, userTags } from "./images";
import { deleteImageAndWait } from "./deletion";
import {
    describeWaitFailure,
    endedInFailure,
    lastStateOf,
    vanished,
    waitUntilNormal,
    whenImageIdle,
} from "./waits";

function timeoutOf(inputs: Pick<CustomImageInputs, "timeoutMinutes" | "source">): number {
    return inputs.timeoutMinutes ?? defaultImageTimeout(inputs.source);
}

function isImport(source: CustomImageSource): source is Extract<CustomImageSource, { import: unknown }> {
    return "import" in source && source.import !== undefined;
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

/** Refuses to take over an image of the same name that this resource did not make. */
function nameTaken(op: OperationContext, inputs: CustomImageInputs, existing: Image): ResourceOperationError {
    return operationError(
        op.ref,
        op.op,
        `an image named "${inputs.imageName}" already exists in ${inputs.region} (${existing.imageId}, ${existing.imageState}) and was not made by this resource`,
        "choose another imageName, or set adoptExisting: true to bring that image under this resource",
    );
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
async function startCreate(op: OperationContext, inputs: CustomImageInputs): Promise<string> {
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
    const send = async (): Promise<string> => {
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
async function reconcile(op: OperationContext, inputs: CustomImageInputs, image: Image): Promise<void> {
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
 * Waits for the image to become NORMAL. A failed image (CREATEFAILED/IMPORTFAILED) is deleted, since
 * it is useless and holds the name; a timeout keeps the image (id + properties), and the next
 * `pulumi up` resumes the wait.
 */
async function waitUntilReady(
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

/**
 * Deprecates a newly made image when the inputs ask for it: only ModifyImageAttribute sets
 * `ImageDeprecated`, and only on a NORMAL image.
 */
async function deprecateIfAsked(
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
