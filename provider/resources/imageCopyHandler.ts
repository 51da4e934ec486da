/**
 * The operations of ImageCopy: one custom image copied to one or more other regions, each copy
 * tracked by its own image ID.
 *
 * - One SyncImages call (ImageSetRequired) copies to every new region at once (./copyStart.ts); the
 *   copies are waited on together (one batched DescribeImages per region per tick) with progress
 *   lines (./copyWait.ts).
 * - No duplicates: copies get marker tags, and a destination that already has an image of the copy's
 *   name is adopted when it carries this resource's marker, refused otherwise. A SyncImages whose
 *   reply was lost is settled by looking the name up in each destination (no second copy).
 * - Tags: `tags`, else the source image's user tags, on every copy (./copyTags.ts).
 * - Family: the source image's, on every copy once it is NORMAL (./copyFamily.ts); checked again on
 *   every update, so copies follow a source that moved to another family.
 * - Partial failure keeps what exists: the error carries the ID and the copies made so far.
 * - Update copies only added regions and deletes only removed ones (or forgets them when
 *   `retainCopiesOnDelete`); refresh drops copies deleted outside Pulumi, so the next preview shows
 *   them being copied again.
 *
 * ID: `<sourceRegion>:<sourceImageId>`.
 */
import type { Image } from "../backend/types";
import { imageCopyDeclaration, type ImageCopyInputs, type ImageCopyOutputs } from "../model/imageCopy";
import { sameValue } from "../model/diff";
import { describeResource } from "../model/kinds";
import { pickInputs } from "../model/property";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";
import { providerCheckImageCopy } from "./planChecks";
import { operationError, ResourceOperationError } from "./errors";
import { diffImageCopy } from "./diffs";
import { defineResource, OperationContext, ReadOutcome } from "./lifecycle";
import { describeImage } from "./images";
import { deleteImageAndWait } from "./deletion";
import { whenImageIdle } from "./waits";
import { Copies, copyOutputs, copyTimeout, dropCopy, imageCopyId, messageOf } from "./copies";
import { copyAndWait, NewCopies, partialCopyError } from "./copyWait";
import { refreshedCopyTags, retagCopy, wantedCopyTags } from "./copyTags";

/** The source image; fails clearly when it does not exist. */
async function sourceImage(op: OperationContext, inputs: ImageCopyInputs): Promise<Image> {
    const source = await describeImage(op.ctx.reads, inputs.sourceRegion, inputs.sourceImageId);
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

/**
 * The name and tags of new copies: the inputs', else the source image's (read once, when needed). A
 * source that is gone leaves the tags undefined (nothing to follow), but a name is needed.
 */
function newCopiesOf(op: OperationContext, inputs: ImageCopyInputs, known?: Image): NewCopies {
    let source: Promise<Image | undefined> | undefined = known && Promise.resolve(known);
    const theSource = () =>
        (source ??= describeImage(op.ctx.reads, inputs.sourceRegion, inputs.sourceImageId));
    return {
        name: async () =>
            inputs.imageName ?? ((await theSource()) ?? (await sourceImage(op, inputs))).imageName,
        tags: async () => inputs.tags ?? wantedCopyTags(inputs, await theSource()),
        family: async () => (await theSource())?.imageFamily,
    };
}

async function create(
    inputs: ImageCopyInputs,
    op: OperationContext,
): Promise<{ id: string; outs: ImageCopyOutputs }> {
    const id = imageCopyId(inputs.sourceRegion, inputs.sourceImageId);
    const source = await sourceImage(op, inputs);
    const copies: Copies = { images: {}, imageStates: {} };
    const newCopies = newCopiesOf(op, inputs, source);
    const outs = await copyAndWait(op, id, inputs, inputs.destinationRegions, copies, newCopies);
    return { id, outs };
}

async function read(
    id: string,
    props: ImageCopyOutputs,
    op: OperationContext,
): Promise<ReadOutcome<ImageCopyOutputs>> {
    const { facts } = op.ctx;
    const entries = Object.entries(props.images ?? {});
    // As this run sees them: each region's one listing (shared by every read of the refresh), else by ID.
    const [source, ...found] = await Promise.all([
        facts.image(props.sourceRegion, props.sourceImageId),
        ...entries.map(([region, imageId]) => facts.image(region, imageId)),
    ]);
    const copies: Copies = { images: {}, imageStates: {} };
    const live: Image[] = [];
    entries.forEach(([region, imageId], i) => {
        const image = found[i];
        if (!image) return;
        copies.images[region] = imageId;
        copies.imageStates[region] = image.imageState;
        live.push(image);
    });
    if (!source && Object.keys(copies.images).length === 0) return { id: "" };
    // A copy deleted outside Pulumi leaves destinationRegions, so the next preview shows it being re-added.
    const destinationRegions = (props.destinationRegions ?? []).filter((r) => r in copies.images);
    const tags = refreshedCopyTags(props.tags, wantedCopyTags(props, source), live);
    const refreshed = copyOutputs({ ...props, destinationRegions, tags }, copies);
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
    const newCopies = newCopiesOf(op, news);
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
                dropCopy(copies, region);
            }),
        );
        if ((news.imageName ?? null) !== (olds.imageName ?? null)) {
            const name = await newCopies.name();
            await Promise.all(
                Object.entries(copies.images).map(([region, imageId]) =>
                    whenImageIdle(op, region, imageId, copyTimeout(news), () =>
                        backend.modifyImageAttribute(region, imageId, { imageName: name }),
                    ),
                ),
            );
        }
        if (!sameValue(news.tags, olds.tags)) {
            const tags = await newCopies.tags();
            if (tags !== undefined) {
                op.say(`tagging the copies: ${Object.keys(tags).join(", ") || "no user tags"}`);
                await Promise.all(
                    Object.entries(copies.images).map(([region, imageId]) =>
                        retagCopy(op, news.__logicalName, region, imageId, tags),
                    ),
                );
            }
        }
    } catch (error) {
        throw partialCopyError(op, id, news, copies, error);
    }
    return copyAndWait(op, id, news, added, copies, newCopies);
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
