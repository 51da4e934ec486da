/**
 * The tags of an ImageCopy's copies: its `tags`, else the source image's user tags, plus this
 * resource's marker tags. SyncImages cannot tag, so every copy is tagged after it is made, and again
 * when `tags` changes; `refresh` reads them back.
 */
import type { Image } from "../backend/types";
import type { ImageCopyInputs } from "../model/imageCopy";
import { markerTags } from "../markers";
import { sameValue } from "../model/diff";
import { describeImage, tagChanges, userTags } from "./images";
import type { OperationContext } from "./lifecycle";
import { messageOf } from "./copies";

/** The user tags every copy should carry; undefined when they follow a source that is gone. */
export function wantedCopyTags(
    inputs: Pick<ImageCopyInputs, "tags">,
    source: Pick<Image, "tags"> | undefined,
): Record<string, string> | undefined {
    return inputs.tags ?? (source ? userTags(source.tags) : undefined);
}

/**
 * Tags a new copy with the wanted tags and the markers. Returns a problem line when user tags could
 * not be set; a copy that misses only its markers is still tracked by its ID, so that is only said.
 */
export async function tagNewCopy(
    op: OperationContext,
    name: string,
    region: string,
    imageId: string,
    wanted: Record<string, string> | undefined,
): Promise<string | undefined> {
    const replace = { ...(wanted ?? {}), ...markerTags(name) };
    try {
        await op.ctx.backend.modifyImageTags(region, imageId, { replace, remove: [] });
        return undefined;
    } catch (error) {
        if (Object.keys(wanted ?? {}).length === 0) {
            op.say(`could not tag the copy ${imageId} in ${region} (${messageOf(error)}); continuing`);
            return undefined;
        }
        return `${region}: could not tag the copy ${imageId} (${messageOf(error)}); run \`pulumi refresh\` and \`pulumi up\` to tag it`;
    }
}

/** Brings the user tags of one existing copy of the resource `name` to `wanted` (markers kept); no call when they match. */
export async function retagCopy(
    op: OperationContext,
    name: string,
    region: string,
    imageId: string,
    wanted: Record<string, string>,
): Promise<void> {
    const live = await describeImage(op.ctx.reads, region, imageId);
    if (!live) return;
    const changes = tagChanges(live.tags, wanted, markerTags(name));
    await op.ctx.backend.modifyImageTags(region, imageId, changes);
}

/**
 * The `tags` input as refresh sees it: the stored value while every copy carries the wanted tags,
 * else the live user tags of a copy that drifted (so the next preview shows the retagging).
 */
export function refreshedCopyTags(
    stored: Record<string, string> | undefined,
    wanted: Record<string, string> | undefined,
    copies: readonly Image[],
): Record<string, string> | undefined {
    if (wanted === undefined) return stored;
    const drifted = copies.find((copy) => !sameValue(userTags(copy.tags), wanted));
    return drifted ? userTags(drifted.tags) : stored;
}
