/**
 * The arguments of getImages/getImage: their zod schema, and their normalised form (one spelling per
 * value, the regex compiled, defaults applied), so that filtering works on one shape only.
 */
import { z } from "zod";
import { KnownImageState, KnownImageType } from "../backend/types";
import { IMAGE_FAMILY_PATTERN, IMAGE_FAMILY_RULE, IMAGE_ID_PATTERN, REGION_PATTERN } from "../plan/formats";

/** The image kinds a lookup can ask for (API `ImageType`). */
export const LOOKUP_IMAGE_TYPES = ["PUBLIC_IMAGE", "PRIVATE_IMAGE", "SHARED_IMAGE", "MARKET_IMAGE"] as const;

/** The image states a lookup can ask for (API `ImageState`; `USING` is legacy). */
export const LOOKUP_IMAGE_STATES = [
    "CREATING",
    "NORMAL",
    "CREATEFAILED",
    "SYNCING",
    "IMPORTING",
    "IMPORTFAILED",
    "USING",
] as const;

/** The states a lookup keeps when it names none: only images that can be launched. */
export const DEFAULT_LOOKUP_STATES: readonly KnownImageState[] = ["NORMAL"];
/**
 * The states a family lookup keeps when it names none: also SYNCING, the state of a complete image
 * while it is the source of a running copy (DescribeImageFromFamily still answers with it).
 */
export const DEFAULT_FAMILY_LOOKUP_STATES: readonly KnownImageState[] = ["NORMAL", "SYNCING"];

/**
 * Accepted architecture spellings (lower case) → the API's output spellings they match.
 * The words `64-bit` and `32-bit` follow the image overview, which selects by "32-bit or 64-bit".
 */
export const ARCHITECTURE_ALIASES: Readonly<Record<string, readonly string[]>> = {
    x86_64: ["x86_64"],
    amd64: ["x86_64"],
    i386: ["i386"],
    arm: ["arm"],
    arm_64: ["arm"],
    arm64: ["arm"],
    aarch64: ["arm"],
    "64-bit": ["x86_64", "arm"],
    "32-bit": ["i386"],
};

/** The arguments of {@link getImages} and {@link getImage}. Every argument is optional. */
export interface GetImagesArgs {
    /** Region to search. Default: the provider setting `region` (`tencentcloud-images:region` or `TENCENTCLOUD_REGION`). */
    region?: string;
    /** Kinds of image to include (ORed). Default: every kind. Case-insensitive. */
    imageTypes?: KnownImageType[];
    /** One kind of image; shorthand for `imageTypes: [imageType]` (give one of the two). */
    imageType?: KnownImageType;
    /**
     * Case-insensitive text the platform must contain at the start of a word, e.g. `ubuntu` (`centos`
     * matches `CentOS`, not `TencentOS`). Also sent to the API as its fuzzy `platform` filter. Default: any.
     */
    platform?: string;
    /** Case-insensitive text the OS name must contain at the start of a word, e.g. `ubuntu server 22.04`. Default: any. */
    osName?: string;
    /**
     * `x86_64`, `i386`, `arm` (also `arm_64`, `arm64`, `aarch64`), or the words `64-bit` (x86_64 or arm)
     * and `32-bit` (i386). Case-insensitive. Default: any.
     */
    architecture?: string;
    /** A regular expression (JavaScript RegExp source, unanchored) that the image name must match. Default: any. */
    nameRegex?: string;
    /** Tags the image must carry, each with exactly this value. Default: none required. */
    tags?: Record<string, string>;
    /** Only these image IDs (`img-xxxxxxxx`). Default: any. */
    imageIds?: string[];
    /** States to include. Default: `["NORMAL"]`. Case-insensitive. */
    states?: KnownImageState[];
    /**
     * An image family: the family's newest non-deprecated image, as the service chooses it
     * (DescribeImageFromFamily), if it also meets the other arguments; with `includeDeprecated`, every
     * image of the family. Default: any image, in a family or not.
     */
    family?: string;
    /**
     * Include deprecated images. Default: false (they are left out, so they never win `mostRecent` or
     * a family lookup).
     */
    includeDeprecated?: boolean;
    /** Keep only the newest match (getImage: pick it instead of failing on several). Default: false. */
    mostRecent?: boolean;
    /**
     * Silence the warning given when `mostRecent` may pick a shared image chosen by a name-less or
     * ID-less filter (any account can share an image with you). Default: false.
     */
    allowUnsafeMostRecent?: boolean;
}

/** The arguments after validation: one spelling per value, defaults applied. */
export interface LookupCriteria {
    /** Undefined when the caller named none (the provider setting then decides). */
    region?: string;
    /** Undefined when the caller named no kind (every kind). */
    imageTypes?: KnownImageType[];
    platform?: string;
    osName?: string;
    /** The architecture as given, for messages. */
    architecture?: string;
    /** The API output spellings the architecture matches (`x86_64`, `i386`, `arm`). */
    architectures?: string[];
    nameRegex?: RegExp;
    tags?: Record<string, string>;
    imageIds?: string[];
    states: KnownImageState[];
    family?: string;
    includeDeprecated: boolean;
    mostRecent: boolean;
    allowUnsafeMostRecent: boolean;
}

/** A lookup's arguments are invalid; the message names each bad argument and what it accepts. */
export class LookupArgumentError extends Error {
    constructor(
        message: string,
        /** One phrase per problem, each starting with the argument's name. */
        readonly problems: string[],
    ) {
        super(message);
        this.name = "LookupArgumentError";
    }
}

const upper = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase() : v);

const imageTypeSchema = z.preprocess(
    upper,
    z.enum(LOOKUP_IMAGE_TYPES, { message: `must be one of ${LOOKUP_IMAGE_TYPES.join(", ")}` }),
);
const stateSchema = z.preprocess(
    upper,
    z.enum(LOOKUP_IMAGE_STATES, { message: `must be one of ${LOOKUP_IMAGE_STATES.join(", ")}` }),
);
const nonEmpty = (what: string) =>
    z
        .string({ message: `must be a string (${what})` })
        .trim()
        .min(1, "must not be empty");

const architectureSchema = z
    .string({ message: "must be a string" })
    .trim()
    .refine((v) => Object.hasOwn(ARCHITECTURE_ALIASES, v.toLowerCase()), {
        message: "is not recognised; use x86_64, i386, arm (also arm_64, arm64, aarch64), 64-bit or 32-bit",
    });

const nameRegexSchema = z
    .string({ message: "must be a string (a regular expression)" })
    .min(1, "must not be empty")
    .superRefine((source, ctx) => {
        try {
            new RegExp(source);
        } catch (err) {
            ctx.addIssue({
                code: "custom",
                message: `is not a valid regular expression (${(err as Error).message}); write it as a JavaScript RegExp source, e.g. "^ubuntu-22\\\\.04-"`,
            });
        }
    });

/** The schema of {@link GetImagesArgs}; unknown argument names are refused (they are usually typos). */
export const getImagesArgsSchema = z
    .strictObject(
        {
            region: z
                .string({ message: "must be a string" })
                .trim()
                .regex(REGION_PATTERN, "must be a region ID such as ap-guangzhou")
                .optional(),
            imageTypes: z.array(imageTypeSchema).min(1, "must list at least one image type").optional(),
            imageType: imageTypeSchema.optional(),
            platform: nonEmpty("e.g. Ubuntu").optional(),
            osName: nonEmpty("e.g. Ubuntu Server 22.04").optional(),
            architecture: architectureSchema.optional(),
            nameRegex: nameRegexSchema.optional(),
            tags: z
                .record(z.string(), z.string({ message: "must be a string (tag values are strings)" }), {
                    message: "must be an object of tag key → value",
                })
                .refine((tags) => !Object.hasOwn(tags, ""), { message: "must not have an empty tag key" })
                .optional(),
            imageIds: z
                .array(
                    z
                        .string({ message: "must be an image ID string" })
                        .trim()
                        .regex(IMAGE_ID_PATTERN, "must be an image ID such as img-gvbnzy6f"),
                )
                .min(1, "must list at least one image ID")
                .optional(),
            states: z.array(stateSchema).min(1, "must list at least one state").optional(),
            family: z
                .string({ message: "must be a string (an image family name)" })
                .regex(IMAGE_FAMILY_PATTERN, `must be an image family name: ${IMAGE_FAMILY_RULE}`)
                .optional(),
            includeDeprecated: z.boolean({ message: "must be true or false" }).optional(),
            mostRecent: z.boolean({ message: "must be true or false" }).optional(),
            allowUnsafeMostRecent: z.boolean({ message: "must be true or false" }).optional(),
        },
        {
            error: (issue) =>
                issue.code === "unrecognized_keys" ? undefined : "must be an object of arguments",
        },
    )
    .refine((a) => a.imageType === undefined || a.imageTypes === undefined, {
        message: "give imageType or imageTypes, not both",
        path: ["imageType"],
    });

function describeIssue(issue: z.core.$ZodIssue): string {
    if (issue.code === "unrecognized_keys") {
        const known = Object.keys(getImagesArgsSchema.shape).join(", ");
        return `unknown argument${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} (known: ${known})`;
    }
    const path = issue.path.map(String);
    if (path.length === 0) return issue.message;
    const [name, ...rest] = path;
    const where = rest.length === 0 ? name : `${name}[${rest.join("][")}]`;
    return `${where} ${issue.message}`;
}

function unique<T>(values: T[]): T[] {
    return [...new Set(values)];
}

/**
 * Validates and normalises lookup arguments. Throws {@link LookupArgumentError} naming every bad
 * argument. `fn` names the function in the message.
 */
export function parseLookupArgs(input: unknown, fn = "getImages"): LookupCriteria {
    const parsed = getImagesArgsSchema.safeParse(input ?? {});
    if (!parsed.success) {
        const problems = parsed.error.issues.map(describeIssue);
        throw new LookupArgumentError(`Invalid ${fn} arguments: ${problems.join("; ")}`, problems);
    }
    const a = parsed.data;
    const imageTypes = a.imageTypes ?? (a.imageType ? [a.imageType] : undefined);
    const criteria: LookupCriteria = {
        states: unique(
            a.states ?? [...(a.family !== undefined ? DEFAULT_FAMILY_LOOKUP_STATES : DEFAULT_LOOKUP_STATES)],
        ),
        includeDeprecated: a.includeDeprecated ?? false,
        mostRecent: a.mostRecent ?? false,
        allowUnsafeMostRecent: a.allowUnsafeMostRecent ?? false,
    };
    if (a.region !== undefined) criteria.region = a.region;
    if (imageTypes !== undefined) criteria.imageTypes = unique(imageTypes);
    if (a.platform !== undefined) criteria.platform = a.platform;
    if (a.osName !== undefined) criteria.osName = a.osName;
    if (a.architecture !== undefined) {
        criteria.architecture = a.architecture;
        criteria.architectures = [...ARCHITECTURE_ALIASES[a.architecture.toLowerCase()]];
    }
    if (a.nameRegex !== undefined) criteria.nameRegex = new RegExp(a.nameRegex);
    if (a.tags !== undefined && Object.keys(a.tags).length > 0) criteria.tags = { ...a.tags };
    if (a.imageIds !== undefined) criteria.imageIds = unique(a.imageIds);
    if (a.family !== undefined) criteria.family = a.family;
    return criteria;
}

/** The criteria restated for messages, e.g. `imageTypes PUBLIC_IMAGE, platform "Ubuntu", states NORMAL`. */
export function describeCriteria(c: LookupCriteria): string {
    const parts: string[] = [];
    if (c.family) {
        parts.push(
            c.includeDeprecated
                ? `family "${c.family}"`
                : `family "${c.family}" (its newest non-deprecated image)`,
        );
    }
    if (c.imageIds) parts.push(`imageIds ${c.imageIds.join(", ")}`);
    if (c.imageTypes) parts.push(`imageTypes ${c.imageTypes.join(", ")}`);
    if (c.platform) parts.push(`platform containing "${c.platform}"`);
    if (c.osName) parts.push(`osName containing "${c.osName}"`);
    if (c.architecture) parts.push(`architecture ${c.architecture} (${c.architectures?.join(" or ")})`);
    if (c.nameRegex) parts.push(`nameRegex /${c.nameRegex.source}/`);
    if (c.tags)
        parts.push(
            `tags ${Object.entries(c.tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(", ")}`,
        );
    parts.push(`states ${c.states.join(", ")}`);
    if (!c.includeDeprecated) parts.push("not deprecated");
    return parts.join("; ");
}
