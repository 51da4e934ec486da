/**
 * The inputs of the three resources as the provider receives them in `check`: plain data in which
 * any value, at any depth, may be the engine's UNKNOWN string. An unknown value is never judged;
 * everything known is held to the format rules of ./formats.ts. Property names are the public
 * contract (DESIGN.md §3). Defaults (region, mode, sourceRegion) are applied by ./check.ts before
 * these schemas run, so a missing region here means "neither the resource nor the provider set one".
 */
import { z } from "zod";
import { CheckFailure, ResourceKind, ResourceRef, failure, quote } from "./failures";
import {
    ACCOUNT_ID_PATTERN,
    BOOT_MODES,
    DISK_ID_PATTERN,
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
import { UNKNOWN, Unknown, isUnknown } from "./unknown";
import { MARKER_KEY_PREFIX } from "../markers";

// ---------------------------------------------------------------------------------------------
// Types (fully known: what create/update see, and what check returns once nothing is unknown)

/** Make an image from a running or stopped instance: its system disk, plus any listed data disks. */
export interface InstanceSource {
    instanceId: string;
    /** Data disks of that instance to include (never its system disk). */
    dataDiskIds?: string[];
    /** Power the instance off first (consistent image). Default false. */
    forcePoweroff?: boolean;
    /** Run Sysprep first (Windows only). Default false. */
    sysprep?: boolean;
}

/** Make an image from snapshots: exactly one of them of a system disk. */
export interface SnapshotSource {
    snapshotIds: string[];
}

/** Import an image file (RAW, VHD, QCOW2, VMDK) from COS. */
export interface ImportSource {
    import: {
        imageUrl: string;
        osType: string;
        osVersion: string;
        /** `x86_64`, `i386` or `arm_64`. */
        architecture: (typeof IMPORT_ARCHITECTURES)[number];
        /** `Legacy BIOS` (service default) or `UEFI`. */
        bootMode?: (typeof BOOT_MODES)[number];
        /** `TencentCloud` (service default) or `BYOL`. */
        licenseType?: (typeof LICENSE_TYPES)[number];
        force?: boolean;
    };
}

/** Where a CustomImage comes from: exactly one kind of source. */
export type CustomImageSource = InstanceSource | SnapshotSource | ImportSource;

/** The inputs of a CustomImage after defaults (region filled in). */
export interface CustomImageInputs {
    /** The logical name of the resource (hidden input, set by the resource class). */
    __logicalName: string;
    region: string;
    imageName: string;
    description?: string;
    source: CustomImageSource;
    tags?: Record<string, string>;
    deleteSnapshotsOnDelete?: boolean;
    adoptExisting?: boolean;
    timeoutMinutes?: number;
}

/** How an ImageShare treats accounts it does not list. */
export type ShareMode = "additive" | "authoritative";

/** The inputs of an ImageShare after defaults (region and mode filled in). */
export interface ImageShareInputs {
    __logicalName: string;
    imageId: string;
    region: string;
    accountIds: string[];
    mode: ShareMode;
}

/** The inputs of an ImageCopy after defaults (sourceRegion filled in). */
export interface ImageCopyInputs {
    __logicalName: string;
    sourceImageId: string;
    sourceRegion: string;
    destinationRegions: string[];
    imageName?: string;
    retainCopiesOnDelete?: boolean;
    deleteSnapshotsOnDelete?: boolean;
    timeoutMinutes?: number;
}

/**
 * The preview view of a type: any value, at any depth, may be {@link UNKNOWN}. (For string fields
 * this adds nothing to `string`; test with `isUnknown` before using a value.)
 */
export type Unknowable<T> =
    | Unknown
    | (T extends (infer E)[]
          ? Unknowable<E>[]
          : T extends object
            ? { [K in keyof T]: T[K] extends undefined ? T[K] : Unknowable<T[K]> }
            : T);

// ---------------------------------------------------------------------------------------------
// Building blocks

const unknownValue = z.literal(UNKNOWN);

/** `schema`, or the UNKNOWN string (not judged). */
function orUnknown<T extends z.ZodType>(schema: T) {
    return z.union([unknownValue, schema]);
}

/** Marks a custom issue whose message is a whole sentence (not to be prefixed with path and value). */
const WHOLE = { whole: true };

function idSchema(pattern: RegExp, what: string, example: string) {
    return z
        .string()
        .regex(
            pattern,
            `is not ${what}: they look like ${example} (the prefix and 8 lowercase letters or digits)`,
        );
}

const imageId = idSchema(IMAGE_ID_PATTERN, "an image ID", "img-gvbnzy6f");
const instanceId = idSchema(INSTANCE_ID_PATTERN, "an instance ID", "ins-2v3sqe2t");
const diskId = idSchema(DISK_ID_PATTERN, "a cloud disk ID", "disk-8pl1rzxa");
const snapshotId = idSchema(SNAPSHOT_ID_PATTERN, "a snapshot ID", "snap-4l2rz0ab");
const accountId = z
    .string()
    .regex(
        ACCOUNT_ID_PATTERN,
        "is not a root-account ID: account IDs are digit strings (5 to 20 digits), e.g. 103849387508",
    );

const region = z.string().superRefine((value, ctx) => {
    if (REGION_PATTERN.test(value)) return;
    const near = nearestName(value, KNOWN_REGIONS);
    ctx.addIssue({
        code: "custom",
        message:
            "is not a region ID: region IDs look like ap-guangzhou" +
            (near ? `; did you mean ${near}?` : `; known regions: ${KNOWN_REGIONS.join(", ")}`),
    });
});

const imageName = z.string().min(1).max(MAX_IMAGE_NAME_LENGTH);
const description = z.string().max(MAX_DESCRIPTION_LENGTH);
const timeoutMinutes = z.number().int().min(1).max(MAX_TIMEOUT_MINUTES);
const bool = orUnknown(z.boolean());

/** A list whose known entries are distinct; `what` names an entry in the message. */
function distinctList<T extends z.ZodType>(item: T, what: string) {
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

const tags = z.record(z.string(), orUnknown(z.string())).superRefine((value, ctx) => {
    const keys = Object.keys(value);
    if (keys.length > MAX_USER_TAGS) {
        ctx.addIssue({
            code: "custom",
            params: WHOLE,
            message:
                `tags has ${keys.length} tags; Tencent Cloud allows at most ${MAX_TAGS} per image and this ` +
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
                message: `tags: tag key "${key}" is reserved: keys starting with "${MARKER_KEY_PREFIX}" are the marker tags this package sets to recognise its own images: use another key`,
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
                message: `tags: ${problem}: change it`,
            });
        }
    }
});

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

const source = z
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

const name = z.string().min(1);

// ---------------------------------------------------------------------------------------------
// The schemas

/** CustomImage inputs in check (after defaults); unknown values allowed anywhere. */
export const customImageSchema = z.looseObject({
    __logicalName: name,
    region: orUnknown(region),
    imageName: orUnknown(imageName),
    description: orUnknown(description).optional(),
    source: orUnknown(source),
    tags: orUnknown(tags).optional(),
    deleteSnapshotsOnDelete: bool.optional(),
    adoptExisting: bool.optional(),
    timeoutMinutes: orUnknown(timeoutMinutes).optional(),
});

/** ImageShare inputs in check (after defaults); unknown values allowed anywhere. */
export const imageShareSchema = z.looseObject({
    __logicalName: name,
    imageId: orUnknown(imageId),
    region: orUnknown(region),
    accountIds: orUnknown(distinctList(accountId, "account").min(1)),
    mode: orUnknown(z.enum(["additive", "authoritative"])),
});

/** ImageCopy inputs in check (after defaults); unknown values allowed anywhere. */
export const imageCopySchema = z
    .looseObject({
        __logicalName: name,
        sourceImageId: orUnknown(imageId),
        sourceRegion: orUnknown(region),
        destinationRegions: orUnknown(distinctList(region, "destination region").min(1)),
        imageName: orUnknown(imageName).optional(),
        retainCopiesOnDelete: bool.optional(),
        deleteSnapshotsOnDelete: bool.optional(),
        timeoutMinutes: orUnknown(timeoutMinutes).optional(),
    })
    .superRefine((value, ctx) => {
        const from = value.sourceRegion;
        if (isUnknown(from) || isUnknown(value.destinationRegions)) return;
        const index = value.destinationRegions.indexOf(from);
        if (index >= 0) {
            ctx.addIssue({
                code: "custom",
                path: ["destinationRegions", index],
                params: WHOLE,
                message: `destinationRegions includes the source region ${from}; a custom image cannot be copied to its own region: remove ${from} from destinationRegions`,
            });
        }
    });

// ---------------------------------------------------------------------------------------------
// Zod issues → check failures

/** What the user should do when a required property is missing. */
const REQUIRED_HINTS: Record<string, string> = {
    region: "set region on the resource, or the provider setting (pulumi config set tencentcloud-images:region ap-guangzhou, or env TENCENTCLOUD_REGION)",
    sourceRegion:
        "set sourceRegion on the resource, or the provider setting (pulumi config set tencentcloud-images:region ap-guangzhou, or env TENCENTCLOUD_REGION)",
    __logicalName:
        "the resource class passes its logical name as __logicalName; use the package's resource classes",
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
    let current = input;
    for (const key of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

function pathText(path: PropertyKey[]): string {
    return path
        .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
        .join("");
}

function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Issues of a union of UNKNOWN and a schema are the schema's issues: unwrap them, fixing paths. */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): z.core.$ZodIssue[] {
    const out: z.core.$ZodIssue[] = [];
    for (const issue of issues) {
        const path = [...prefix, ...issue.path];
        if (issue.code === "invalid_union") {
            const branches = issue.errors.filter(
                (branch) =>
                    !(
                        branch.length === 1 &&
                        branch[0].code === "invalid_value" &&
                        branch[0].path.length === 0 &&
                        branch[0].values.includes(UNKNOWN)
                    ),
            );
            if (branches.length === 1) {
                out.push(...flatten(branches[0], path));
                continue;
            }
        }
        out.push({ ...issue, path } as z.core.$ZodIssue);
    }
    return out;
}

function reasonOf(issue: z.core.$ZodIssue, input: unknown): string {
    const where = pathText(issue.path);
    const value = valueAt(input, issue.path);
    switch (issue.code) {
        case "custom":
            return (issue.params as { whole?: boolean } | undefined)?.whole
                ? issue.message
                : `${where} ${quote(value)} ${issue.message}`;
        case "invalid_format":
            return `${where} ${quote(value)} ${issue.message}`;
        case "too_big":
            if (issue.origin === "string") {
                return `${where} ${quote(value)} is ${String(value).length} characters; Tencent Cloud allows at most ${issue.maximum}: shorten it`;
            }
            if (issue.origin === "array") {
                return `${where} has ${(value as unknown[]).length} entries; at most ${issue.maximum} are allowed: remove some`;
            }
            return `${where} is ${String(value)}; at most ${issue.maximum} is allowed: lower it`;
        case "too_small":
            if (issue.origin === "string") return `${where} is empty: give it a value`;
            if (issue.origin === "array") return `${where} is empty: list at least ${issue.minimum}`;
            return `${where} is ${String(value)}; at least ${issue.minimum} is required: raise it`;
        case "invalid_type":
            if (value === undefined) {
                return `${where} is required: ${REQUIRED_HINTS[where] ?? "set it"}`;
            }
            if (issue.expected === "int") return `${where} is ${String(value)}: use a whole number`;
            return `${where} must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}, not ${describeType(value)}: change it`;
        case "invalid_value":
            // zod reports a missing enum property as a bad value; say it is missing, not "undefined".
            if (value === undefined) {
                return `${where} is required: set it to one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
            }
            return `${where} ${quote(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}: use one of them`;
        case "unrecognized_keys":
            return `${where || "the inputs"} ha${issue.keys.length === 1 ? "s an unknown property" : "ve unknown properties"} ${issue.keys.join(", ")}: remove ${issue.keys.length === 1 ? "it" : "them"} or fix the spelling`;
        default:
            return `${where} ${quote(value)}: ${issue.message}`;
    }
}

/**
 * Turns a zod error of one resource's inputs into check failures: one per problem, each naming the
 * resource, the property (full path in the reason, top-level name as `property`), the rule and the fix.
 */
export function issuesToFailures(ref: ResourceRef, input: unknown, error: z.ZodError): CheckFailure[] {
    return flatten(error.issues).map((issue) =>
        failure(ref, issue.path.length > 0 ? String(issue.path[0]) : "", reasonOf(issue, input)),
    );
}

function nameOf(input: unknown): string {
    const raw = valueAt(input, ["__logicalName"]);
    return typeof raw === "string" && raw !== "" ? raw : "(unnamed)";
}

/** The failures of a CustomImage's inputs, from the zod error of {@link customImageSchema}. */
export function customImageFailures(input: unknown, error: z.ZodError): CheckFailure[] {
    return issuesToFailures({ kind: "CustomImage", name: nameOf(input) }, input, error);
}

/** The failures of an ImageShare's inputs, from the zod error of {@link imageShareSchema}. */
export function imageShareFailures(input: unknown, error: z.ZodError): CheckFailure[] {
    return issuesToFailures({ kind: "ImageShare", name: nameOf(input) }, input, error);
}

/** The failures of an ImageCopy's inputs, from the zod error of {@link imageCopySchema}. */
export function imageCopyFailures(input: unknown, error: z.ZodError): CheckFailure[] {
    return issuesToFailures({ kind: "ImageCopy", name: nameOf(input) }, input, error);
}

/** The outcome of validating one resource's inputs: the preview view of the inputs, or all failures. */
export type ShapeResult<T> = { ok: true; value: Unknowable<T> } | { ok: false; failures: CheckFailure[] };

const SCHEMAS = {
    CustomImage: customImageSchema,
    ImageShare: imageShareSchema,
    ImageCopy: imageCopySchema,
} as const;

/** Validates the shape of one resource's inputs (defaults already applied); collects every failure. */
export function validateShape<T>(kind: ResourceKind, input: unknown): ShapeResult<T> {
    const parsed = SCHEMAS[kind].safeParse(input);
    if (parsed.success) return { ok: true, value: parsed.data as unknown as Unknowable<T> };
    return { ok: false, failures: issuesToFailures({ kind, name: nameOf(input) }, input, parsed.error) };
}
