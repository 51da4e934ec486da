/**
 * The built-in world as data (models/builtins/*.json): regions, public and marketplace images,
 * the instances every account has in every region, and the images accounts 2 and 3 own (and share).
 * As in moto, the data is replaceable without touching code: a directory named by
 * TENCENTCLOUD_IMAGES_EMULATOR_DATA may hold any of these files, and each one found there replaces
 * the bundled file of the same name. Every file, bundled or not, is checked when loaded.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import bundledAccountImages from "./builtins/accountImages.json";
import bundledInstances from "./builtins/instances.json";
import bundledPublicImages from "./builtins/publicImages.json";
import bundledRegions from "./builtins/regions.json";

/** The environment variable naming a directory of replacement data files. */
export const BUILTIN_DATA_ENV = "TENCENTCLOUD_IMAGES_EMULATOR_DATA";

/** An image's or instance's architecture as DescribeImages shows it. */
export const architectureSchema = z.enum(["x86_64", "arm", "i386"]);

const regionsSchema = z
    .array(
        z.strictObject({
            region: z.string().regex(/^[a-z]+-[a-z0-9-]+$/),
            nameZh: z.string().min(1),
            nameEn: z.string().min(1),
            /** Mainland China regions are the only ones with marketplace images. */
            mainland: z.boolean(),
        }),
    )
    .min(1);

const catalogImageSchema = z.strictObject({
    /** Stable key: the image ID is derived from it, the same in every region. */
    key: z.string().min(1),
    imageName: z.string().min(1).max(60),
    osName: z.string().min(1),
    platform: z.string().min(1),
    architecture: architectureSchema,
    imageSize: z.number().int().positive(),
    /** ISO 8601 UTC; distinct per image so that "most recent" is well defined. */
    createdTime: z.iso.datetime(),
    description: z.string().max(256).optional(),
});

const publicImagesSchema = z.strictObject({
    publicImages: z.array(catalogImageSchema),
    /** Offered in mainland China regions only. */
    marketplaceImages: z.array(catalogImageSchema),
});

const diskSchema = z.strictObject({
    diskSize: z.number().int().positive(),
    /** Local disks (LOCAL_*) have no DiskId in DescribeInstances and no snapshots. */
    diskType: z.enum(["CLOUD_PREMIUM", "CLOUD_SSD", "CLOUD_BSSD", "LOCAL_BASIC", "LOCAL_SSD"]),
});

const instancesSchema = z.array(
    z.strictObject({
        name: z.string().min(1),
        instanceType: z.string().min(1),
        cpu: z.number().int().positive(),
        memory: z.number().int().positive(),
        /** The key of the public image the instance runs (publicImages.json). */
        imageKey: z.string().min(1),
        osName: z.string().min(1),
        platform: z.string().min(1),
        architecture: architectureSchema,
        systemDisk: diskSchema,
        dataDisks: z.array(diskSchema),
    }),
);

const accountImagesSchema = z.array(
    z.strictObject({
        owner: z.string().regex(/^\d+$/),
        region: z.string(),
        imageName: z.string().min(1).max(60),
        sharedWith: z.array(z.string().regex(/^\d+$/)),
    }),
);

/** A public or marketplace image of the catalogue. */
export type CatalogImage = z.infer<typeof catalogImageSchema>;
/** An instance every account has in every region. */
export type InstanceTemplate = z.infer<typeof instancesSchema>[number];
/** One disk of an instance template. */
export type DiskTemplate = z.infer<typeof diskSchema>;

function load<S extends z.ZodType>(file: string, schema: S, bundled: unknown): z.output<S> {
    const dir = process.env[BUILTIN_DATA_ENV];
    const override = dir ? path.join(dir, file) : undefined;
    const fromOverride = override !== undefined && existsSync(override);
    const raw: unknown = fromOverride ? JSON.parse(readFileSync(override, "utf8")) : bundled;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        const where = fromOverride ? override : `the bundled ${file}`;
        throw new Error(`Invalid emulator data in ${where}: ${parsed.error.message}`);
    }
    return parsed.data;
}

/** The regions, in the order DescribeRegions lists them. */
export const BUILTIN_REGIONS = load("regions.json", regionsSchema, bundledRegions);

const catalogue = load("publicImages.json", publicImagesSchema, bundledPublicImages);
/** Public images, in every region. */
export const PUBLIC_IMAGES: readonly CatalogImage[] = catalogue.publicImages;
/** Marketplace images (MARKET_IMAGE), in mainland China regions only. */
export const MARKET_IMAGES: readonly CatalogImage[] = catalogue.marketplaceImages;

/** The instances of each account in each region. */
const imageKeys = new Set(PUBLIC_IMAGES.map((i) => i.key));
export const INSTANCE_TEMPLATES: readonly InstanceTemplate[] = load(
    "instances.json",
    instancesSchema.refine(
        (instances) => instances.every((i) => imageKeys.has(i.imageKey)),
        "every instance's imageKey must be a key of publicImages.json",
    ),
    bundledInstances,
);

const regionIds = new Set(BUILTIN_REGIONS.map((r) => r.region));
/** The images accounts own from the start (those with `sharedWith` are shared with those accounts). */
export const ACCOUNT_IMAGES = load(
    "accountImages.json",
    accountImagesSchema.refine(
        (images) => images.every((i) => regionIds.has(i.region)),
        "every image's region must be one of regions.json",
    ),
    bundledAccountImages,
);
