/**
 * `CustomImage`, declared once: a custom image in one region, made from an instance, from snapshots,
 * or imported from an image file; or an existing image taken over with `adoptExisting`. The JSDoc of
 * each key is the documentation of the argument (it reaches `CustomImageArgs` through the mapped types).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import * as fields from "../plan/fieldSchemas";
import { MAX_USER_TAGS } from "../plan/formats";
import { normalizeSource, type CustomImageSource, type CustomImageSourceArgs } from "./imageSource";
import { defaultImageTimeout } from "./timeouts";
import { regionProperty, switchProperty, tagsProperty } from "./commonProperties";
import { declareResource, hint, output, property } from "./property";
import type { ArgsOf, InputsOf, OutputValuesOf } from "./property";

export const customImageDeclaration = declareResource({
    kind: "CustomImage",
    properties: {
        /** The region. Default: the provider setting `tencentcloud-images:region` / `TENCENTCLOUD_REGION`. Changing it replaces the image. */
        region: regionProperty("string"),
        /** The image name (at most 60 characters, unique per account and region). Updated in place. */
        imageName: property({
            schema: fields.imageName,
            presence: "required",
            change: "in place",
            readme: { type: "string, ≤ 60 characters, unique per account and region" },
        }),
        /** The description (at most 256 characters). Default: none. Updated in place. */
        description: property({
            schema: fields.description,
            default: "",
            change: "in place",
            readme: { type: "string, ≤ 256 characters", default: "none" },
        }),
        /**
         * The image family the image belongs to (1 to 60 letters, digits, `.`, `_`, `-`, starting with
         * a letter); `getImage({ family })` finds the family's newest non-deprecated image. Default:
         * none. Set at creation, updated in place.
         */
        family: property({
            schema: fields.imageFamily,
            presence: "defaulted",
            default: "",
            change: "in place",
            readme: {
                type: "string, 1–60 letters, digits, `.`, `_`, `-`, starting with a letter",
                default: "none",
                change: "in place (set at creation)",
            },
        }),
        /**
         * Deprecated: the image stays usable, but `getImage({ family })` and `mostRecent` pass it over.
         * Default `false`. Updated in place.
         */
        deprecated: property({
            schema: z.boolean(),
            presence: "defaulted",
            default: false,
            change: "in place",
            readme: { type: "boolean: passed over by family and `mostRecent` lookups" },
        }),
        /** Exactly one of `{ instanceId, ... }`, `{ snapshotIds }`, `{ import: {...} }`. Changing it replaces the image. */
        source: property({
            schema: fields.source,
            presence: "required",
            change: "replaces",
            compareAs: normalizeSource,
            types: hint<pulumi.Input<CustomImageSourceArgs>, CustomImageSource>(),
            readme: {
                type: "exactly one of `{ instanceId, dataDiskIds?, forcePoweroff?, sysprep? }`, `{ snapshotIds }`, `{ import: { imageUrl, osType, osVersion, architecture, bootMode?, licenseType?, force? } }`",
                change: "replaces (`forcePoweroff`, `force` only matter at creation)",
            },
        }),
        /** Tags of the image. Default: none. Updated in place (the package's own marker tags are kept apart). */
        tags: tagsProperty(
            {
                type: `record, ≤ ${MAX_USER_TAGS} tags (the service allows 50; the package uses 2 to recognise its images)`,
                default: "none",
            },
            {},
        ),
        /** Also delete the snapshots behind the image when it is deleted. Default `false`. */
        deleteSnapshotsOnDelete: switchProperty("boolean"),
        /**
         * Take over an existing image of the same name in the region instead of creating one (the way to
         * bring existing images under management: `pulumi import` does not work for dynamic resources).
         * Default `false`. Only used at creation.
         */
        adoptExisting: switchProperty(
            "boolean: take over an existing image of the same name instead of creating one",
            "create-only",
        ),
        /** How long to wait for the image to become NORMAL. Default 60 minutes (120 for imports). */
        timeoutMinutes: property({
            schema: fields.timeoutMinutes,
            change: "in place",
            compareAs: (value, whole) => value ?? defaultImageTimeout(whole.source),
            readme: { type: "number", default: "60 (120 for imports)" },
        }),
    },
    outputs: {
        /** The image ID, e.g. `img-gvbnzy6f`. */
        imageId: output<string>(),
        /** The region the image is in. */
        region: output<string>(),
        /** The state when last read: `NORMAL` once ready. */
        imageState: output<string>(),
        /** `PRIVATE_IMAGE`. */
        imageType: output<string>(),
        /** The OS name, e.g. `TencentOS Server 3.1 (TK4)`. */
        osName: output<string>(),
        /** The platform, e.g. `TencentOS` or `Ubuntu`. */
        platform: output<string>(),
        /** `x86_64`, `arm` or `i386`. */
        architecture: output<string>(),
        /** Size in GB. */
        imageSizeGb: output<number>(),
        /** Creation time, ISO 8601 UTC. */
        createdTime: output<string>(),
        /** The snapshots behind the image. */
        snapshotIds: output<string[]>(),
        /** The image's family, `""` when it is in none. */
        family: output<string>(),
        /** Whether the image is deprecated. */
        deprecated: output<boolean>(),
    },
});

/** The arguments of a CustomImage. */
export interface CustomImageArgs extends ArgsOf<typeof customImageDeclaration> {}
/** The checked inputs of a CustomImage (region filled in). */
export interface CustomImageInputs extends InputsOf<typeof customImageDeclaration> {}
/** The stored outputs of a CustomImage: every checked input plus what the service reports. */
export interface CustomImageOutputs
    extends CustomImageInputs, OutputValuesOf<typeof customImageDeclaration> {}
