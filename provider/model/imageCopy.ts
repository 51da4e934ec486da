/** `ImageCopy`, declared once: one custom image copied to one or more other regions. */
import * as fields from "../plan/fieldSchemas";
import { MAX_USER_TAGS } from "../plan/formats";
import { isUnknown } from "../plan/unknown";
import { asSet } from "./diff";
import { DEFAULT_TIMEOUT_MINUTES } from "./timeouts";
import { ownImageIdProperty, regionProperty, switchProperty, tagsProperty } from "./commonProperties";
import { declareResource, output, property } from "./property";
import type { ArgsOf, InputsOf, OutputValuesOf } from "./property";

/** The destination regions an ImageCopy has copies in (its `images` map), else the stored list. */
export function copiedRegions(outputs: Record<string, unknown>): unknown {
    const images = outputs.images;
    if (images !== null && typeof images === "object") return Object.keys(images);
    return outputs.destinationRegions;
}

export const imageCopyDeclaration = declareResource({
    kind: "ImageCopy",
    properties: {
        /** The image to copy (the account's own custom image). Changing it replaces the copies. */
        sourceImageId: ownImageIdProperty(),
        /** The source image's region. Default: the provider setting `tencentcloud-images:region`. Changing it replaces the copies. */
        sourceRegion: regionProperty("the source image's region"),
        /** Where to copy to (no duplicates, not the source region). Adding or removing a region copies or deletes only that region. */
        destinationRegions: property({
            schema: fields.distinctList(fields.region, "destination region").min(1),
            presence: "required",
            change: "in place",
            storedAs: copiedRegions,
            compareAs: asSet,
            readme: {
                type: "regions, no duplicates, not the source region",
                change: "in place: only added regions are copied, only removed ones deleted",
            },
        }),
        /** The copies' name. Default: the source image's name. Updated in place (the copies are renamed). */
        imageName: property({
            schema: fields.imageName,
            change: "in place",
            readme: { type: "the copies' name", default: "the source image's name" },
        }),
        /**
         * Tags of every copy. Default: the source image's tags (the package's own marker tags are kept
         * apart). Updated in place (every copy is retagged).
         */
        tags: tagsProperty({
            type: `record, ≤ ${MAX_USER_TAGS} tags, set on every copy once it is made (SyncImages cannot tag)`,
            default: "the source image's tags",
            change: "in place (every copy is retagged)",
        }),
        /** Keep the copies when they are removed from the stack (they are only forgotten). Default `false`. */
        retainCopiesOnDelete: switchProperty("keep the copies when they leave the stack"),
        /** Also delete the copies' snapshots when deleting them. Default `false`. */
        deleteSnapshotsOnDelete: switchProperty("also delete the copies' snapshots"),
        /** How long to wait for every copy to become NORMAL. Default 60 minutes. */
        timeoutMinutes: property({
            schema: fields.timeoutMinutes,
            default: DEFAULT_TIMEOUT_MINUTES.copy,
            change: "in place",
            readme: { type: "wait for every copy to be `NORMAL`", default: "60" },
        }),
    },
    outputs: {
        /** Destination region → the copy's image ID. */
        images: output<Record<string, string>>(),
        /** Destination region → the copy's state when last read (`NORMAL` once ready). */
        imageStates: output<Record<string, string>>(),
    },
    refine: (inputs, ctx) => {
        const from = inputs.sourceRegion;
        const to = inputs.destinationRegions;
        if (typeof from !== "string" || isUnknown(from) || !Array.isArray(to)) return;
        const index = to.indexOf(from);
        if (index >= 0) {
            ctx.addIssue({
                code: "custom",
                path: ["destinationRegions", index],
                params: fields.WHOLE,
                message: `destinationRegions includes the source region ${from}; a custom image cannot be copied to its own region: remove ${from} from destinationRegions`,
            });
        }
    },
});

/** The arguments of an ImageCopy. */
export interface ImageCopyArgs extends ArgsOf<typeof imageCopyDeclaration> {}
/** The checked inputs of an ImageCopy (sourceRegion filled in). */
export interface ImageCopyInputs extends InputsOf<typeof imageCopyDeclaration> {}
/** The stored outputs of an ImageCopy. */
export interface ImageCopyOutputs extends ImageCopyInputs, OutputValuesOf<typeof imageCopyDeclaration> {}
