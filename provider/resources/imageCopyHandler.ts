/**
 * The operations of ImageCopy: one custom image copied to one or more other regions, each copy
 * tracked by its own image ID.
 *
 * - One SyncImages call (ImageSetRequired) copies to every new region at once; the copies are waited
 *   on together (one batched DescribeImages per region per tick) with progress lines.
 * - No duplicates: copies get marker tags, and a destination that already has an image of the copy's
 *   name is adopted when it carries this resource's marker, refused otherwise. A SyncImages whose
 *   reply was lost is settled by looking the name up in each destination (no second copy).
 * - Partial failure keeps what exists: the error carries the ID and the copies made so far.
 * - Update copies only added regions and deletes only removed ones (or forgets them when
 *   `retainCopiesOnDelete`); refresh drops copies deleted outside Pulumi, so the next preview shows
 *   them being copied again.
 *
 * ID: `<sourceRegion>:<sourceImageId>`.
 */
import { imageCopyDeclaration, type ImageCopyInputs, type ImageCopyOutputs } from "../model/imageCopy";
import { describeResource } from "../model/kinds";
import { pickInputs } from "../model/property";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";
import { hasMarker, markerTags } from "../markers";
import { Image } from "../backend/types";
import { providerCheckImageCopy } from "./planChecks";
import { errorCode, operationError, replyMayBeLost, ResourceOperationError } from "./errors";
import { describeOutcome, outcomeUnknown, SETTLE_ATTEMPTS } from "./outcome";
import { diffImageCopy } from "./diffs";
import { defineResource, OperationContext, ReadOutcome } from "./lifecycle";
import { describeImage, findOwnImageByName } from "./images";
import { deleteImageAndWait } from "./deletion";

/** How long a copy may take (and how long to wait for a busy source image). */
const timeoutOf = (inputs: { timeoutMinutes?: number }): number =>
    inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES.copy;
import { describeWaitFailure, endedInFailure, waitUntilNormal, whenImageIdle } from "./waits";

/** The ID of an ImageCopy: `<sourceRegion>:<sourceImageId>`. */
export function imageCopyId(sourceRegion: string, sourceImageId: string): string {
    return `${sourceRegion}:${sourceImageId}`;
}

/** Copies being tracked: destination region → image ID and last seen state. */
interface Copies {
    images: Record<string, string>;
    imageStates: Record<string, string>;
}

function outputs(inputs: ImageCopyInputs, copies: Copies): ImageCopyOutputs {
    const regions = Object.keys(copies.images);
    const order = (r: string) => {
        const i = inputs.destinationRegions.indexOf(r);
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    regions.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    return {
        ...inputs,
        images: Object.fromEntries(regions.map((r) => [r, copies.images[r]])),
        imageStates: Object.fromEntries(regions.map((r) => [r, copies.imageStates[r] ?? "SYNCING"])),
    };
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** The source image; fails clearly when it does not exist. */
async function sourceImage(op: OperationContext, inputs: ImageCopyInputs): Promise<Image> {
    const source = await describeImage(op.ctx.backend, inputs.sourceRegion, inputs.sourceImageId);
    if (!source) {
        throw operationError(
            op.ref,
            op.op,
            `source image ${inputs.sourceImageId} does not exist in ${inputs.sourceRegion}`,
            "check sourceImageId and sourceRegion",
        );
    }
    return source;
}

/** Adds the marker tags to a copy (best effort: a copy without them is still tracked by its ID). */
async function markCopy(op: OperationContext, region: string, imageId: string, name: string): Promise<void> {
    try {
        await op.ctx.backend.modifyImageTags(region, imageId, { replace: markerTags(name), remove: [] });
    } catch (error) {
        op.say(`could not tag the copy ${imageId} in ${region} (${messageOf(error)}); continuing`);
    }
}

/**
 * Starts copies to `regions`, adopting copies this resource made in an earlier run. Returns the IDs
 * it got, and the regions where no copy could be confirmed (a lost reply with nothing to find).
 */
async function startCopies(
    op: OperationContext,
    inputs: ImageCopyInputs,
    regions: string[],
    copyName: string,
    copies: Copies,
): Promise<string[]> {
    const { backend } = op.ctx;
    const name = inputs.__logicalName;
    const existing = await Promise.all(regions.map((r) => findOwnImageByName(backend, r, copyName)));
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
    if (toSync.length === 0) return [];
    // A failure whose outcome is unknown (lost reply, InternalError) is settled by looking the copy's
    // name up in each destination: no image of that name existed there before (checked above), so
    // any found now is this resource's copy. Regions still without one are sent again; a second copy
    // cannot result, since names are unique per region (Duplicate is settled by the same look-up).
    const synced: { region: string; imageId: string }[] = [];
    let remaining = toSync;
    for (let attempt = 1; remaining.length > 0; attempt++) {
        const regionsNow = remaining;
        try {
            synced.push(
                ...(await whenImageIdle(
                    op,
                    inputs.sourceRegion,
                    inputs.sourceImageId,
                    timeoutOf(inputs),
                    () =>
                        backend.syncImages(inputs.sourceRegion, inputs.sourceImageId, regionsNow, {
                            imageName: inputs.imageName,
                        }),
                )),
            );
            break;
        } catch (error) {
            const unknown = outcomeUnknown(error);
            if (!unknown && errorCode(error) !== "InvalidImageName.Duplicate") throw error;
            const found = await Promise.all(regionsNow.map((r) => findOwnImageByName(backend, r, copyName)));
            const got = regionsNow.flatMap((region, i) =>
                found[i] ? [{ region, imageId: found[i]!.imageId }] : [],
            );
            synced.push(...got);
            remaining = regionsNow.filter((_, i) => !found[i]);
            const what = replyMayBeLost(error) ? "reply was lost" : `failed (${describeOutcome(error)})`;
            op.say(
                `SyncImages ${what} (${messageOf(error)}); found copies in ${got.map((s) => s.region).join(", ") || "no region"}`,
            );
            if (!unknown || attempt >= SETTLE_ATTEMPTS) break;
            if (remaining.length > 0) op.say(`sending SyncImages again for ${remaining.join(", ")}`);
        }
    }
    for (const { region, imageId } of synced) {
        copies.images[region] = imageId;
        copies.imageStates[region] = "SYNCING";
    }
    await Promise.all(synced.map((s) => markCopy(op, s.region, s.imageId, name)));
    const missing = toSync.filter((r) => !(r in copies.images));
    if (synced.length > 0) {
        op.say(
            `copying ${inputs.sourceImageId} to ${synced.map((s) => `${s.region} (${s.imageId})`).join(", ")}`,
        );
    }
    return missing;
}

/**
 * Waits until every tracked copy that is not NORMAL is; failed copies are deleted and dropped.
 * Returns one line per copy that did not make it.
 */
async function settleCopies(
    op: OperationContext,
    inputs: ImageCopyInputs,
    copies: Copies,
): Promise<string[]> {
    const timeout = timeoutOf(inputs);
    const pending = Object.entries(copies.images).filter(
        ([region]) => copies.imageStates[region] !== "NORMAL",
    );
    const results = await Promise.allSettled(
        pending.map(([region, imageId]) => waitUntilNormal(op, region, imageId, timeout)),
    );
    const problems: string[] = [];
    await Promise.all(
        results.map(async (result, i) => {
            const [region, imageId] = pending[i];
            if (result.status === "fulfilled") {
                copies.imageStates[region] = result.value.imageState;
                return;
            }
            const what = describeWaitFailure(result.reason);
            const live = await describeImage(op.ctx.backend, region, imageId).catch(() => undefined);
            if (live && endedInFailure(result.reason)) {
                const deleted = await op.ctx.backend
                    .deleteImages(region, [imageId], { deleteSnapshots: false })
                    .then(() => true)
                    .catch(() => false);
                problems.push(`${region}: ${what}${deleted ? "; the failed copy was deleted" : ""}`);
                if (deleted) {
                    delete copies.images[region];
                    delete copies.imageStates[region];
                    return;
                }
            } else problems.push(`${region}: ${what}`);
            if (live) copies.imageStates[region] = live.imageState;
            else {
                delete copies.images[region];
                delete copies.imageStates[region];
            }
        }),
    );
    return problems;
}

/** Copies to `regions` and waits; throws with the partial state when any region did not make it. */
async function copyAndSettle(
    op: OperationContext,
    id: string,
    inputs: ImageCopyInputs,
    regions: string[],
    copies: Copies,
    copyName: () => Promise<string>,
): Promise<ImageCopyOutputs> {
    const problems: string[] = [];
    try {
        if (regions.length > 0) {
            const missing = await startCopies(op, inputs, regions, await copyName(), copies);
            for (const region of missing) {
                problems.push(`${region}: SyncImages did not confirm a copy and none appeared there`);
            }
        }
        problems.push(...(await settleCopies(op, inputs, copies)));
    } catch (error) {
        throw partial(op, id, inputs, copies, error);
    }
    if (problems.length > 0) {
        throw operationError(
            op.ref,
            op.op,
            `not every copy is ready: ${problems.join("; ")}`,
            "the copies that exist are kept in the state; run `pulumi up` again to finish the rest (raise timeoutMinutes for big images)",
        ).withPartialState(id, outputs(inputs, copies));
    }
    return outputs(inputs, copies);
}

/** An error that keeps the copies made so far (when there are any). */
function partial(
    op: OperationContext,
    id: string,
    inputs: ImageCopyInputs,
    copies: Copies,
    error: unknown,
): ResourceOperationError {
    const worded =
        error instanceof ResourceOperationError
            ? error
            : operationError(
                  op.ref,
                  op.op,
                  messageOf(error),
                  "fix the cause and run `pulumi up` again",
                  error,
              );
    if (op.op === "create" && Object.keys(copies.images).length === 0) return worded;
    return worded.withPartialState(id, outputs(inputs, copies));
}

async function create(
    inputs: ImageCopyInputs,
    op: OperationContext,
): Promise<{ id: string; outs: ImageCopyOutputs }> {
    const id = imageCopyId(inputs.sourceRegion, inputs.sourceImageId);
    const source = await sourceImage(op, inputs);
    const copies: Copies = { images: {}, imageStates: {} };
    const copyName = async () => inputs.imageName ?? source.imageName;
    const outs = await copyAndSettle(op, id, inputs, inputs.destinationRegions, copies, copyName);
    return { id, outs };
}

async function read(
    id: string,
    props: ImageCopyOutputs,
    op: OperationContext,
): Promise<ReadOutcome<ImageCopyOutputs>> {
    const { backend } = op.ctx;
    const entries = Object.entries(props.images ?? {});
    const [source, ...found] = await Promise.all([
        describeImage(backend, props.sourceRegion, props.sourceImageId),
        ...entries.map(([region, imageId]) => describeImage(backend, region, imageId)),
    ]);
    const copies: Copies = { images: {}, imageStates: {} };
    entries.forEach(([region, imageId], i) => {
        const image = found[i];
        if (!image) return;
        copies.images[region] = imageId;
        copies.imageStates[region] = image.imageState;
    });
    if (!source && Object.keys(copies.images).length === 0) return { id: "" };
    // A copy deleted outside Pulumi leaves destinationRegions, so the next preview shows it being re-added.
    const destinationRegions = (props.destinationRegions ?? []).filter((r) => r in copies.images);
    const refreshed = outputs({ ...props, destinationRegions }, copies);
    return { id, props: refreshed, inputs: pickInputs(imageCopyDeclaration, refreshed) };
}

async function update(
    id: string,
    olds: ImageCopyOutputs,
    news: ImageCopyInputs,
    op: OperationContext,
): Promise<ImageCopyOutputs> {
    const { backend } = op.ctx;
    const copies: Copies = {
        images: { ...(olds.images ?? {}) },
        imageStates: { ...(olds.imageStates ?? {}) },
    };
    const wanted = new Set(news.destinationRegions);
    const removed = Object.keys(copies.images).filter((r) => !wanted.has(r));
    const added = news.destinationRegions.filter((r) => !(r in copies.images));
    let sourceName: string | undefined;
    const copyName = async () => news.imageName ?? (sourceName ??= (await sourceImage(op, news)).imageName);
    try {
        await Promise.all(
            removed.map(async (region) => {
                const imageId = copies.images[region];
                if (news.retainCopiesOnDelete) {
                    op.say(
                        `no longer managing the copy ${imageId} in ${region} (kept: retainCopiesOnDelete)`,
                    );
                } else {
                    op.say(`deleting the copy ${imageId} in ${region}`);
                    await deleteImageAndWait(op, region, imageId, {
                        deleteSnapshots: news.deleteSnapshotsOnDelete === true,
                        timeoutMinutes: news.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES.delete,
                    });
                }
                delete copies.images[region];
                delete copies.imageStates[region];
            }),
        );
        if ((news.imageName ?? null) !== (olds.imageName ?? null)) {
            const name = await copyName();
            await Promise.all(
                Object.entries(copies.images).map(([region, imageId]) =>
                    whenImageIdle(op, region, imageId, timeoutOf(news), () =>
                        backend.modifyImageAttribute(region, imageId, { imageName: name }),
                    ),
                ),
            );
        }
    } catch (error) {
        throw partial(op, id, news, copies, error);
    }
    return copyAndSettle(op, id, news, added, copies, copyName);
}

async function remove(_id: string, props: ImageCopyOutputs, op: OperationContext): Promise<void> {
    const entries = Object.entries(props.images ?? {});
    if (entries.length === 0) return;
    if (props.retainCopiesOnDelete) {
        op.say(
            `keeping the copies ${entries.map(([r, i]) => `${i} (${r})`).join(", ")}: retainCopiesOnDelete is set`,
        );
        return;
    }
    const results = await Promise.allSettled(
        entries.map(([region, imageId]) =>
            deleteImageAndWait(op, region, imageId, {
                deleteSnapshots: props.deleteSnapshotsOnDelete === true,
                timeoutMinutes: props.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES.delete,
            }),
        ),
    );
    const failures = results.flatMap((r, i) =>
        r.status === "rejected" ? [`${entries[i][0]} (${entries[i][1]}): ${messageOf(r.reason)}`] : [],
    );
    if (failures.length > 0) {
        const prefix = `${describeResource(op.ref)}: delete failed: `;
        throw new ResourceOperationError(
            `${describeResource(op.ref)}: delete failed for ${failures.length} of ${entries.length} copies: ` +
                failures.map((f) => f.replace(prefix, "")).join("; ") +
                "; the copies that were deleted stay deleted; fix the cause and run `pulumi destroy` again",
        );
    }
}

/** The handlers of ImageCopy. */
export const imageCopy = defineResource<ImageCopyInputs, ImageCopyOutputs>({
    kind: imageCopyDeclaration.kind,
    check: providerCheckImageCopy,
    diff: diffImageCopy,
    create,
    read,
    update,
    delete: remove,
});
