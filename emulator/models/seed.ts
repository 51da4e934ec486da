/**
 * The seed: the state the emulator starts from (and returns to on reset). The built-in part gives
 * every account instances in every region, every region the public images (and mainland regions the
 * marketplace images), and accounts 2 and 3 images they share with account 1. A seed file tunes the
 * rules and adds accounts, images and instances (format in emulator/README.md).
 */
import { z } from "zod";
import { BUILTIN_ACCOUNTS, EmulatorAccount, MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../accounts";
import { stableId } from "../ids";
import { REGIONS, REGION_IDS } from "../regions";
import { INSTANCE_TEMPLATES, InstanceTemplate, MARKET_IMAGES, MARKET_VENDOR, PUBLIC_IMAGES } from "./catalog";
import { EmulatorState, ImageRecord, InstanceRecord, RegionData, ServiceConfig } from "./types";

const digits = z.string().regex(/^\d+$/, "must be a digit string");
const region = z.string().refine((r) => REGION_IDS.includes(r), "must be one of the emulator's regions");

/** The seed file format (all fields optional). */
export const seedSchema = z.strictObject({
    /** False leaves out the built-in images, instances and shares (the accounts stay). Default true. */
    builtins: z.boolean().optional(),
    imageQuota: z.number().int().min(0).optional(),
    imageQuotas: z.record(digits, z.record(region, z.number().int().min(0))).optional(),
    shareLimit: z.number().int().min(0).optional(),
    durations: z
        .strictObject({
            createMs: z.number().int().min(0).optional(),
            importMs: z.number().int().min(0).optional(),
            copyMs: z.number().int().min(0).optional(),
        })
        .optional(),
    failNameMarker: z.string().min(1).optional(),
    knownAccountIds: z.array(digits).optional(),
    unknownAccountIds: z.array(digits).optional(),
    accounts: z
        .array(
            z.strictObject({
                accountId: digits,
                name: z.string().optional(),
                secretId: z.string().min(1),
                secretKey: z.string().min(1),
            }),
        )
        .optional(),
    images: z
        .array(
            z.strictObject({
                accountId: digits,
                region,
                imageName: z.string().min(1).max(60),
                imageId: z
                    .string()
                    .regex(/^img-[a-z0-9]{8}$/)
                    .optional(),
                imageDescription: z.string().max(256).optional(),
                osName: z.string().optional(),
                platform: z.string().optional(),
                architecture: z.enum(["x86_64", "arm", "i386"]).optional(),
                imageSize: z.number().int().positive().optional(),
                createdTime: z.iso.datetime().optional(),
                state: z.enum(["NORMAL", "CREATEFAILED", "IMPORTFAILED"]).optional(),
                sharedWith: z.array(digits).optional(),
                tags: z.record(z.string(), z.string()).optional(),
            }),
        )
        .optional(),
    instances: z
        .array(
            z.strictObject({
                accountId: digits,
                region,
                instanceName: z.string().min(1),
                instanceId: z
                    .string()
                    .regex(/^ins-[a-z0-9]{8}$/)
                    .optional(),
                osName: z.string().optional(),
                platform: z.string().optional(),
                architecture: z.enum(["x86_64", "arm", "i386"]).optional(),
                systemDiskSize: z.number().int().positive().optional(),
                dataDiskSizes: z.array(z.number().int().positive()).optional(),
            }),
        )
        .optional(),
});

/** A parsed seed. */
export type Seed = z.infer<typeof seedSchema>;

/** Default rules: the documented defaults (quota 10 per region, 50 shares) and short task durations. */
export const DEFAULT_CONFIG: ServiceConfig = {
    imageQuota: 10,
    imageQuotas: {},
    shareLimit: 50,
    durations: { createMs: 300, importMs: 500, copyMs: 600 },
    failNameMarker: "emulator-fail",
    knownAccountIds: [],
    unknownAccountIds: [],
};

/** The seeded images accounts 2 and 3 own; those with `shareWithMain` are shared with account 1. */
const OWNED_SEED_IMAGES = [
    { owner: SECOND_ACCOUNT.accountId, region: "ap-guangzhou", name: "team-base-tencentos", share: true },
    { owner: SECOND_ACCOUNT.accountId, region: "ap-shanghai", name: "team-base-tencentos", share: true },
    { owner: SECOND_ACCOUNT.accountId, region: "ap-singapore", name: "team-base-ubuntu", share: true },
    { owner: SECOND_ACCOUNT.accountId, region: "ap-guangzhou", name: "second-private-build", share: false },
    { owner: THIRD_ACCOUNT.accountId, region: "ap-guangzhou", name: "partner-app-v3", share: true },
    { owner: THIRD_ACCOUNT.accountId, region: "ap-beijing", name: "partner-app-v3", share: true },
    { owner: THIRD_ACCOUNT.accountId, region: "ap-hongkong", name: "partner-app-v3", share: true },
    { owner: THIRD_ACCOUNT.accountId, region: "ap-guangzhou", name: "third-private-build", share: false },
] as const;

const SEED_TIME = Date.parse("2025-01-01T00:00:00Z");

function emptyRegion(): RegionData {
    return { images: {}, instances: {}, snapshots: {} };
}

/** The ID a built-in instance gets: stable, so examples can name it. */
export function seededInstanceId(accountId: string, region: string, instanceName: string): string {
    return stableId("ins", `instance:${accountId}:${region}:${instanceName}`);
}

/** The ID a built-in public image gets in every region. */
export function publicImageId(key: string): string {
    return stableId("img", `public:${key}`);
}

function addInstance(
    data: RegionData,
    accountId: string,
    region: string,
    t: InstanceTemplate,
    id?: string,
): void {
    const instanceId = id ?? seededInstanceId(accountId, region, t.name);
    const systemDisk = { diskId: stableId("disk", `${instanceId}:system`), diskSize: t.systemDiskSize };
    const dataDisks = t.dataDiskSizes.map((size, i) => ({
        diskId: stableId("disk", `${instanceId}:data:${i}`),
        diskSize: size,
    }));
    const instance: InstanceRecord = {
        instanceId,
        instanceName: t.name,
        instanceState: "RUNNING",
        osName: t.osName,
        platform: t.platform,
        architecture: t.architecture,
        systemDisk,
        dataDisks,
    };
    data.instances[instanceId] = instance;
    // One standing snapshot per disk, so images can also be made from snapshots.
    for (const [i, disk] of [systemDisk, ...dataDisks].entries()) {
        const snapshotId = stableId("snap", `${disk.diskId}:seed`);
        data.snapshots[snapshotId] = {
            snapshotId,
            snapshotName: `${t.name}-${i === 0 ? "system" : `data${i}`}`,
            diskId: disk.diskId,
            diskUsage: i === 0 ? "SYSTEM_DISK" : "DATA_DISK",
            diskSize: disk.diskSize,
            createdAt: SEED_TIME,
            readyAt: SEED_TIME,
            instanceId,
        };
    }
}

function addOwnedImage(
    data: RegionData,
    spec: {
        accountId: string;
        region: string;
        imageId: string;
        imageName: string;
        imageDescription?: string;
        osName?: string;
        platform?: string;
        architecture?: string;
        imageSize?: number;
        createdAt: number;
        state?: "NORMAL" | "CREATEFAILED" | "IMPORTFAILED";
        sharedWith?: string[];
        tags?: Record<string, string>;
    },
): void {
    const size = spec.imageSize ?? 50;
    const snapshotId = stableId("snap", `${spec.imageId}:system`);
    const failed = spec.state === "CREATEFAILED" || spec.state === "IMPORTFAILED";
    if (!failed) {
        data.snapshots[snapshotId] = {
            snapshotId,
            snapshotName: `${spec.imageName}-system`,
            diskId: stableId("disk", `${spec.imageId}:system`),
            diskUsage: "SYSTEM_DISK",
            diskSize: size,
            createdAt: spec.createdAt,
            readyAt: spec.createdAt,
            imageId: spec.imageId,
        };
    }
    const image: ImageRecord = {
        imageId: spec.imageId,
        region: spec.region,
        owner: spec.accountId,
        imageType: "PRIVATE_IMAGE",
        imageName: spec.imageName,
        imageDescription: spec.imageDescription ?? "",
        osName: spec.osName ?? "TencentOS Server 3.1 (TK4) 64bit",
        platform: spec.platform ?? "TencentOS",
        architecture: spec.architecture ?? "x86_64",
        imageSize: size,
        createdAt: spec.createdAt,
        imageSource: spec.state === "IMPORTFAILED" ? "EXTERNAL_IMPORT" : "CREATE_IMAGE",
        licenseType: "TencentCloud",
        imageFamily: "",
        imageDeprecated: false,
        snapshotIds: failed ? [] : [snapshotId],
        tags: spec.tags ?? {},
        shares: (spec.sharedWith ?? []).map((accountId) => ({ accountId, createdAt: spec.createdAt })),
    };
    if (failed) {
        image.pending = {
            state: spec.state === "IMPORTFAILED" ? "IMPORTING" : "CREATING",
            startedAt: spec.createdAt,
            readyAt: spec.createdAt,
            outcome: spec.state!,
        };
    }
    data.images[spec.imageId] = image;
}

/** Builds the state a seed describes (the default seed when `seed` is empty). */
export function buildState(seed: Seed = {}): EmulatorState {
    const config: ServiceConfig = {
        imageQuota: seed.imageQuota ?? DEFAULT_CONFIG.imageQuota,
        imageQuotas: seed.imageQuotas ?? {},
        shareLimit: seed.shareLimit ?? DEFAULT_CONFIG.shareLimit,
        durations: { ...DEFAULT_CONFIG.durations, ...seed.durations },
        failNameMarker: seed.failNameMarker ?? DEFAULT_CONFIG.failNameMarker,
        knownAccountIds: seed.knownAccountIds ?? [],
        unknownAccountIds: seed.unknownAccountIds ?? [],
    };
    const accountList: EmulatorAccount[] = BUILTIN_ACCOUNTS.map((a) => ({ ...a }));
    for (const extra of seed.accounts ?? []) {
        if (accountList.some((a) => a.accountId === extra.accountId || a.secretId === extra.secretId)) {
            throw new Error(`seed: account ${extra.accountId} (or its secretId) is already defined`);
        }
        accountList.push({ ...extra, name: extra.name ?? extra.accountId });
    }
    const state: EmulatorState = {
        version: 1,
        config,
        accountList,
        accounts: {},
        publicImages: {},
        failNext: { create: 0, import: 0 },
        clockOffsetMs: 0,
    };
    for (const account of accountList) {
        state.accounts[account.accountId] = Object.fromEntries(REGION_IDS.map((r) => [r, emptyRegion()]));
    }
    for (const r of REGIONS) state.publicImages[r.region] = {};
    const builtins = seed.builtins ?? true;
    if (builtins) addBuiltins(state);
    for (const spec of seed.instances ?? []) {
        const data = regionOf(state, spec.accountId, spec.region);
        addInstance(
            data,
            spec.accountId,
            spec.region,
            {
                name: spec.instanceName,
                osName: spec.osName ?? "TencentOS Server 3.1 (TK4) 64bit",
                platform: spec.platform ?? "TencentOS",
                architecture: spec.architecture ?? "x86_64",
                systemDiskSize: spec.systemDiskSize ?? 50,
                dataDiskSizes: spec.dataDiskSizes ?? [],
            },
            spec.instanceId,
        );
    }
    for (const [i, spec] of (seed.images ?? []).entries()) {
        const data = regionOf(state, spec.accountId, spec.region);
        addOwnedImage(data, {
            ...spec,
            imageId:
                spec.imageId ??
                stableId("img", `seed:${spec.accountId}:${spec.region}:${spec.imageName}:${i}`),
            createdAt: spec.createdTime ? Date.parse(spec.createdTime) : SEED_TIME + i * 60_000,
        });
    }
    return state;
}

function regionOf(state: EmulatorState, accountId: string, region: string): RegionData {
    const account = state.accounts[accountId];
    if (!account)
        throw new Error(`seed: account ${accountId} has no credentials: add it to "accounts" first`);
    return account[region];
}

function addBuiltins(state: EmulatorState): void {
    for (const r of REGIONS) {
        const images = state.publicImages[r.region];
        const catalog = r.mainland ? [...PUBLIC_IMAGES, ...MARKET_IMAGES] : PUBLIC_IMAGES;
        for (const c of catalog) {
            const market = MARKET_IMAGES.includes(c);
            const imageId = publicImageId(c.key);
            images[imageId] = {
                imageId,
                region: r.region,
                owner: market ? MARKET_VENDOR : "tencent",
                imageType: market ? "MARKET_IMAGE" : "PUBLIC_IMAGE",
                imageName: c.imageName,
                imageDescription: c.description ?? c.osName,
                osName: c.osName,
                platform: c.platform,
                architecture: c.architecture,
                imageSize: c.imageSize,
                createdAt: Date.parse(c.createdTime),
                imageSource: "OFFICIAL",
                licenseType: "TencentCloud",
                imageFamily: "",
                imageDeprecated: false,
                snapshotIds: [],
                tags: {},
                shares: [],
            };
        }
        for (const account of state.accountList) {
            const data = state.accounts[account.accountId][r.region];
            for (const t of INSTANCE_TEMPLATES) addInstance(data, account.accountId, r.region, t);
        }
    }
    for (const [i, spec] of OWNED_SEED_IMAGES.entries()) {
        addOwnedImage(state.accounts[spec.owner][spec.region], {
            accountId: spec.owner,
            region: spec.region,
            imageId: stableId("img", `owned:${spec.owner}:${spec.region}:${spec.name}`),
            imageName: spec.name,
            imageDescription: `${spec.name} built by account ${spec.owner}`,
            createdAt: SEED_TIME + i * 3_600_000,
            sharedWith: spec.share ? [MAIN_ACCOUNT.accountId] : [],
        });
    }
}
