/**
 * The formats of the resources' property values as zod schemas: IDs, regions, names, tags, the image
 * source. Every value inside a list or object may be the engine's UNKNOWN string and is then not
 * judged; the property tables (../model) wrap each top-level property the same way. Messages say the
 * rule and the fix (./schemaFailures.ts puts the property path and value in front).
 */
import { z } from "zod";
import {
    ACCOUNT_ID_PATTERN,
    BOOT_MODES,
    DISK_ID_PATTERN,
    IMAGE_FAMILY_PATTERN,
    IMAGE_FAMILY_RULE,
    IMAGE_ID_PATTERN,
    IMPORT_ARCHITECTURES,
    INSTANCE_ID_PATTERN,
    KNOWN_REGIONS,
    LICENSE_TYPES,
    MAX_DESCRIPTION_LENGTH,
    MAX_IMAGE_NAME_LENGTH,
    MAX_TAGS,
    MAX_USER_TAGS,
    MAX_TIMEOUT_MINUTES,
    REGION_PATTERN,
    SNAPSHOT_ID_PATTERN,
    nearestName,
    tagProblems,
} from "./formats";
import { UNKNOWN, isUnknown } from "./unknown";
import { MARKER_KEY_PREFIX } from "../markers";

const unknownValue = z.literal(UNKNOWN);

/** `schema`, or the UNKNOWN string (not judged). */
export function orUnknown<T extends z.ZodType>(schema: T) {
    return z.union([unknownValue, schema]);
}

/** Marks a custom issue whose message is a whole sentence (not to be prefixed with path and value). */
export const WHOLE = { whole: true };

function idSchema(pattern: RegExp, what: string, example: string) {
    return z
        .string()
        .regex(
            pattern,
            `is not ${what}: they look like ${example} (the prefix and 8 lowercase letters or digits)`,
        );
}

export const imageId = idSchema(IMAGE_ID_PATTERN, "an image ID", "img-gvbnzy6f");
export const instanceId = idSchema(INSTANCE_ID_PATTERN, "an instance ID", "ins-2v3sqe2t");
export const diskId = idSchema(DISK_ID_PATTERN, "a cloud disk ID", "disk-8pl1rzxa");
export const snapshotId = idSchema(SNAPSHOT_ID_PATTERN, "a snapshot ID", "snap-4l2rz0ab");
export const accountId = z
    .string()
    .regex(
        ACCOUNT_ID_PATTERN,
        "is not a root-account ID: account IDs are digit strings (5 to 20 digits), e.g. 103849387508",
    );

export const region = z.string().superRefine((value, ctx) => {
    if (REGION_PATTERN.test(value)) return;
    const near = nearestName(value, KNOWN_REGIONS);
    ctx.addIssue({
        code: "custom",
        message:
            "is not a region ID: region IDs look like ap-guangzhou" +
            (near ? `; did you mean ${near}?` : `; known regions: ${KNOWN_REGIONS.join(", ")}`),
    });
});

export const imageName = z.string().min(1).max(MAX_IMAGE_NAME_LENGTH);
export const description = z.string().max(MAX_DESCRIPTION_LENGTH);
/** An image family's name; `""` means no family. */
export const imageFamily = z
    .string()
    .refine(
        (value) => value === "" || IMAGE_FAMILY_PATTERN.test(value),
        `is not an image family name; Tencent Cloud refuses other family names (InvalidImageFamily): use ${IMAGE_FAMILY_RULE}`,
    );
/** A family that selects images (not `""`, which is no family). */
export const namedImageFamily = imageFamily.refine(
    (value) => value !== "",
    `is empty: name the family to select, ${IMAGE_FAMILY_RULE}`,
);
export const timeoutMinutes = z.number().int().min(1).max(MAX_TIMEOUT_MINUTES);
const bool = orUnknown(z.boolean());

/** A list whose known entries are distinct; `what` names an entry in the message. */
export function distinctList<T extends z.ZodType>(item: T, what: string) {
    return z.array(orUnknown(item)).superRefine((values, ctx) => {
        const seen = new Set<unknown>();
        values.forEach((value, index) => {
            if (isUnknown(value)) return;
            if (seen.has(value)) {
                ctx.addIssue({
                    code: "custom",
                    path: [index],
                    message: `is listed twice; each ${what} may appear once: remove the duplicate`,
                });
            }
            seen.add(value);
        });
    });
}

/** A tag map named `property` in messages: at most the user's share of tags, no marker keys, each tag valid. */
export function tagMap(property: string) {
    return z.record(z.string(), orUnknown(z.string())).superRefine((value, ctx) => {
        const keys = Object.keys(value);
        if (keys.length > MAX_USER_TAGS) {
            ctx.addIssue({
                code: "custom",
                params: WHOLE,
                message:
                    `${property} has ${keys.length} tags; Tencent Cloud allows at most ${MAX_TAGS} per image and this ` +
                    `package uses ${MAX_TAGS - MAX_USER_TAGS} to recognise its own images, so at most ${MAX_USER_TAGS}: remove some`,
            });
        }
        for (const key of keys) {
            if (key.startsWith(MARKER_KEY_PREFIX)) {
                // The package sets these itself to recognise its own images; a user value would be
                // overwritten at create and show as drift after every refresh.
                ctx.addIssue({
                    code: "custom",
                    path: [key],
                    params: WHOLE,
                    message: `${property}: tag key "${key}" is reserved: keys starting with "${MARKER_KEY_PREFIX}" are the marker tags this package sets to recognise its own images: use another key`,
                });
                continue;
            }
            const tagValue = value[key];
            // An unknown value still lets the key be judged; "x" is a neutral stand-in for the value.
            for (const problem of tagProblems(key, isUnknown(tagValue) ? "x" : tagValue)) {
                ctx.addIssue({
                    code: "custom",
                    path: [key],
                    params: WHOLE,
                    message: `${property}: ${problem}: change it`,
                });
            }
        }
    });
}

export const tags = tagMap("tags");

const importSource = z.strictObject({
    imageUrl: orUnknown(
        z.string().regex(/^https?:\/\/\S+$/, "is not an http(s) URL: give the COS URL of the image file"),
    ),
    osType: orUnknown(z.string().min(1)),
    osVersion: orUnknown(z.string().min(1)),
    architecture: orUnknown(z.enum(IMPORT_ARCHITECTURES)),
    bootMode: orUnknown(z.enum(BOOT_MODES)).optional(),
    licenseType: orUnknown(z.enum(LICENSE_TYPES)).optional(),
    force: bool.optional(),
});

const SOURCE_KINDS = ["instanceId", "snapshotIds", "import"] as const;
const INSTANCE_ONLY = ["dataDiskIds", "forcePoweroff", "sysprep"] as const;

/** The source of a CustomImage: exactly one of an instance, snapshots, or an image file to import. */
export const source = z
    .strictObject({
        instanceId: orUnknown(instanceId).optional(),
        dataDiskIds: orUnknown(distinctList(diskId, "data disk")).optional(),
        forcePoweroff: bool.optional(),
        sysprep: bool.optional(),
        snapshotIds: orUnknown(distinctList(snapshotId, "snapshot").min(1)).optional(),
        import: orUnknown(importSource).optional(),
    })
    .superRefine((value, ctx) => {
        const given = SOURCE_KINDS.filter((kind) => value[kind] !== undefined);
        if (given.length !== 1) {
            ctx.addIssue({
                code: "custom",
                params: WHOLE,
                message:
                    (given.length === 0
                        ? "source names no image source"
                        : `source has ${given.join(" and ")}`) +
                    "; exactly one of source.instanceId, source.snapshotIds or source.import is allowed: keep one",
            });
        }
        if (value.instanceId === undefined) {
            for (const option of INSTANCE_ONLY.filter((o) => value[o] !== undefined)) {
                ctx.addIssue({
                    code: "custom",
                    params: WHOLE,
                    message: `source.${option} only applies to an instance source (source.instanceId): remove it or set source.instanceId`,
                });
            }
        }
    });

/** The hidden `__logicalName` input the resource classes set. */
export const logicalName = z.string().min(1);
