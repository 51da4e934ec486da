/**
 * `ImageRetention`, declared once: a retention policy for the account's own custom images in one
 * region (or in every region of its family). It makes no image: each `pulumi up` applies it to the images that exist then, and its
 * preview lists what it would do (the computed `plan`), which the stack-wide quota ledger counts.
 */
import { z } from "zod";
import * as fields from "../plan/fieldSchemas";
import { isUnknown } from "../plan/unknown";
import { regionProperty, switchProperty } from "./commonProperties";
import { declareResource, output, property } from "./property";
import type { ArgsOf, InputsOf, OutputValuesOf } from "./property";

/** What happens to an image the policy does not keep. */
export const RETENTION_ACTIONS = ["delete", "deprecate"] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/** The properties that select images: at least one must be given. */
export const RETENTION_SELECTORS = ["family", "namePrefix", "tags"] as const;

/** Most days `keepDays` takes (ten years). */
const MAX_KEEP_DAYS = 3650;

export const imageRetentionDeclaration = declareResource({
    kind: "ImageRetention",
    properties: {
        /** The region whose images it applies to. Default: the provider setting `tencentcloud-images:region`. */
        region: regionProperty("string"),
        /** Select the images of this image family. */
        family: property({
            schema: fields.namedImageFamily,
            change: "in place",
            readme: { type: "image family: selects the images of the family" },
        }),
        /** Select the images whose name starts with this. */
        namePrefix: property({
            schema: fields.imageName,
            change: "in place",
            readme: { type: "string: selects the images whose name starts with it" },
        }),
        /** Select the images that carry every one of these tags. */
        tags: property({
            schema: fields.tags,
            change: "in place",
            readme: { type: "record: selects the images that carry all of these tags" },
        }),
        /** How many of the newest selected images are always kept (at least 1). */
        keepLatest: property({
            schema: z
                .number()
                .int()
                .max(1000)
                .superRefine((value, ctx) => {
                    if (value >= 1) return;
                    ctx.addIssue({
                        code: "custom",
                        params: fields.WHOLE,
                        message: `keepLatest is ${value}; an ImageRetention always keeps at least the newest image it selects (keepLatest ≥ 1): set keepLatest to 1 or more`,
                    });
                }),
            presence: "required",
            change: "in place",
            readme: { type: "number ≥ 1: the newest this many selected images are kept" },
        }),
        /**
         * How many images of the selection the resources declared after the retention add in its region
         * in this plan (those that `dependsOn` it, so that the old images go first): the retention keeps
         * `keepLatest − makeRoomFor` of the images that exist (never fewer than 0), so that `keepLatest`
         * remain after the plan. A resource checked after the retention that adds more fails at preview.
         * Default `0` (declare the retention after the images it counts). Updated in place.
         */
        makeRoomFor: property({
            schema: z.number().int().min(0).max(1000),
            presence: "defaulted",
            default: 0,
            change: "in place",
            readme: {
                type: "number ≥ 0: images of the selection that resources declared after it add in this plan",
            },
        }),
        /**
         * Also apply the policy in every other region where the account has images of `family` (the
         * regions its ImageCopies reached), with `keepLatest` and `makeRoomFor` per region. Needs
         * `family`. Default `false`.
         */
        allFamilyRegions: switchProperty("boolean: also every region that holds images of the family"),
        /** Also keep every selected image younger than this many days. Default: none. */
        keepDays: property({
            schema: z.number().int().min(1).max(MAX_KEEP_DAYS),
            change: "in place",
            readme: { type: "number ≥ 1: also keep images younger than this many days" },
        }),
        /** `"delete"` (default) or `"deprecate"` the images it does not keep. */
        action: property({
            schema: z.enum(RETENTION_ACTIONS),
            presence: "defaulted",
            default: "delete",
            change: "in place",
            readme: { type: '`"delete"` or `"deprecate"` the images not kept' },
        }),
        /** Also delete the snapshots of the images it deletes. Default `false`. */
        deleteSnapshots: switchProperty("boolean: also delete the snapshots of deleted images"),
        /** Cancel the shares of an image before deleting it; otherwise a shared image is kept. Default `false`. */
        unshareBeforeDelete: switchProperty(
            "boolean: unshare an image to delete it (else shared images are kept)",
        ),
        /** Never touch an image that carries any of these tags (key and value). Default: none. */
        protectTags: property({
            schema: fields.tagMap("protectTags"),
            change: "in place",
            readme: { type: "record: images carrying any of these tags are kept", default: "none" },
        }),
    },
    outputs: {
        /** One line per selected image: what the policy does to it (or did, after `up`) and why. */
        plan: output<string[]>(),
        /** The regions the policy applies in: its region, and with `allFamilyRegions` every region of the family. */
        regions: output<string[]>(),
        /** The images the plan deletes or deprecates (the plan's actions, by ID). */
        pendingImageIds: output<string[]>(),
        /** The images the last `up` deleted. */
        deletedImageIds: output<string[]>(),
        /** The images the last `up` deprecated. */
        deprecatedImageIds: output<string[]>(),
    },
    refine: (inputs, ctx) => {
        const given = RETENTION_SELECTORS.filter((key) => {
            const value = inputs[key];
            if (value === undefined) return false;
            if (isUnknown(value)) return true;
            return !(typeof value === "object" && value !== null && Object.keys(value).length === 0);
        });
        if (given.length === 0) {
            ctx.addIssue({
                code: "custom",
                path: [],
                params: fields.WHOLE,
                message:
                    "the selector is empty: an ImageRetention must select its images by family, namePrefix or tags " +
                    "(at least one, else it would judge every custom image of the region): set family, namePrefix or tags",
            });
        }
        if (inputs.allFamilyRegions === true && inputs.family === undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["allFamilyRegions"],
                params: fields.WHOLE,
                message:
                    "allFamilyRegions is true but family is not set; the other regions an ImageRetention applies in " +
                    "are those that hold images of its family: set family, or drop allFamilyRegions",
            });
        }
    },
});

/** The arguments of an ImageRetention. */
export interface ImageRetentionArgs extends ArgsOf<typeof imageRetentionDeclaration> {}
/** The checked inputs of an ImageRetention (region and action filled in). */
export interface ImageRetentionInputs extends InputsOf<typeof imageRetentionDeclaration> {}
/** The stored outputs of an ImageRetention. */
export interface ImageRetentionOutputs
    extends ImageRetentionInputs, OutputValuesOf<typeof imageRetentionDeclaration> {}
