/**
 * zod schemas of the reply envelope and of each action's `Response` object.
 *
 * Lenient where the API is (nullable or missing optional fields, unknown extra fields are dropped,
 * timestamps with `Z` or `+00:00`), strict where the provider relies on a value (IDs, states,
 * types, counts), so an unexpected reply fails at the boundary naming the action and the field.
 */
import { z } from "zod";

/** ISO 8601 with `Z` or a numeric offset (DescribeImages examples use `+00:00`); normalised to UTC `Z`. */
export const isoTimestamp = z
    .string()
    .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
        "must be an ISO 8601 timestamp",
    )
    .transform((value) => new Date(value).toISOString().replace(/\.000Z$/, "Z"));

/** A list the API documents as an array but may send as null or leave out: read as []. */
function lenientArray<T extends z.ZodType>(item: T) {
    return z
        .array(item)
        .nullish()
        .transform((value) => value ?? []);
}

/** A string the API documents as present but that may be null/missing for some images: read as "". */
const lenientString = z
    .string()
    .nullish()
    .transform((value) => value ?? "");

/** The reply envelope: `{"Response": {...fields, "RequestId"}}` or `{"Response": {"Error": {...}, "RequestId"}}`. */
export const envelopeSchema = z.object({
    Response: z.looseObject({
        RequestId: z.string().min(1),
        Error: z.object({ Code: z.string().min(1), Message: z.string().nullish() }).optional(),
    }),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** A reply with nothing but RequestId (the envelope is checked separately). */
export const emptyReply = z.object({});

/**
 * `ImageType` and `ImageState`: opaque strings. The spec lists the values it knows, and the service
 * adds new ones over time (`USING` came and went): an image of a kind or in a state the provider has
 * never seen must not fail a whole DescribeImages page, so the value is kept as it reads and the
 * rules that depend on it (ownership, waiting) treat it as "not one of those they act on".
 */
export const imageTypeSchema = z.string().min(1);
export const imageStateSchema = z.string().min(1);

export const tagSchema = z.object({ Key: z.string(), Value: z.string() });

export const imageSnapshotSchema = z.object({
    SnapshotId: z.string().min(1),
    DiskUsage: z.string(),
    DiskSize: z.number().int().nonnegative(),
});

/** API `Image`. */
export const imageSchema = z.object({
    ImageId: z.string().min(1),
    OsName: lenientString,
    ImageType: imageTypeSchema,
    CreatedTime: isoTimestamp,
    ImageName: z.string(),
    ImageDescription: lenientString,
    ImageSize: z.number().int().nonnegative(),
    Architecture: lenientString,
    ImageState: imageStateSchema,
    Platform: lenientString,
    ImageCreator: lenientString,
    ImageSource: lenientString,
    SyncPercent: z.number().int().min(0).max(100).nullish(),
    IsSupportCloudinit: z.boolean().nullish(),
    SnapshotSet: lenientArray(imageSnapshotSchema),
    Tags: lenientArray(tagSchema),
    LicenseType: z.string().nullish(),
    // Optional in the spec, and left out of DescribeImages replies for images in no family.
    ImageFamily: z.string().nullish(),
    ImageDeprecated: z.boolean().nullish(),
});
export type ApiImage = z.infer<typeof imageSchema>;

export const describeImagesReply = z.object({
    TotalCount: z.number().int().nonnegative(),
    ImageSet: lenientArray(imageSchema),
});

/** DescribeImageFromFamily: `Image` is null (or left out) when the family has no available image. */
export const describeImageFromFamilyReply = z.object({ Image: imageSchema.nullish() });

export const createImageReply = z.object({ ImageId: z.string().min(1) });
/** The spec documents ImageId, but the official example replies with RequestId only. */
export const importImageReply = z.object({ ImageId: z.string().min(1).optional() });

export const describeImageSharePermissionReply = z.object({
    SharePermissionSet: lenientArray(z.object({ AccountId: z.string().min(1), CreatedTime: isoTimestamp })),
});

export const syncImagesReply = z.object({
    ImageSet: lenientArray(z.object({ ImageId: z.string().min(1), Region: z.string().min(1) })),
});

export const describeImageQuotaReply = z.object({ ImageNumQuota: z.number().int().nonnegative() });

/** Region service `DescribeRegions` (product `cvm`); its RegionInfo adds console-only fields, all ignored. */
export const describeRegionsReply = z.object({
    TotalCount: z.number().int().nonnegative().optional(),
    RegionSet: lenientArray(
        z.object({ Region: z.string().min(1), RegionName: lenientString, RegionState: z.string() }),
    ),
});

export const describeInstancesReply = z.object({
    TotalCount: z.number().int().nonnegative().optional(),
    InstanceSet: lenientArray(
        z.object({
            InstanceId: z.string().min(1),
            InstanceName: lenientString,
            InstanceState: z.string(),
            // DiskId is optional in the spec's SystemDisk and DataDisk.
            SystemDisk: z.object({ DiskId: z.string().min(1).optional() }).optional(),
            DataDisks: lenientArray(z.object({ DiskId: z.string().min(1).optional() })),
            // Required in the spec; read leniently, since only the in-use rule of ImageRetention needs it.
            ImageId: z.string().nullish(),
        }),
    ),
});

export const describeSnapshotsReply = z.object({
    TotalCount: z.number().int().nonnegative().optional(),
    SnapshotSet: lenientArray(
        z.object({ SnapshotId: z.string().min(1), DiskUsage: z.string(), SnapshotState: z.string() }),
    ),
});

/** STS `GetCallerIdentity`: only the root account the caller belongs to is used. */
export const getCallerIdentityReply = z.object({ AccountId: z.string().min(1) });

/** Tag service `ModifyResourceTags`: RequestId only. */
export const modifyResourceTagsReply = emptyReply;

/**
 * Formats zod issues as `<field path>: <message>` for error messages (e.g.
 * `ImageSet[0].ImageState: Invalid option: expected one of …`).
 */
export function describeIssues(error: z.ZodError): string[] {
    return error.issues.map((issue) => {
        const path = issue.path
            .map((part, index) =>
                typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
            )
            .join("");
        return `${path || "(reply)"}: ${issue.message}`;
    });
}
