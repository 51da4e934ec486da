/**
 * The seed: the state the emulator starts from (and returns to on reset): the built-in world
 * (builtinWorld.ts) unless the seed says `builtins: false`, tuned and extended by a seed file's
 * rules, accounts, images and instances (format in emulator/README.md).
 */
import { z } from "zod";
import { BUILTIN_ACCOUNTS, EmulatorAccount, keysOf } from "../accounts";
import { stableId } from "../ids";
import { REGIONS, REGION_IDS } from "../regions";
import { architectureSchema } from "./builtinData";
import { addBuiltinWorld } from "./builtinWorld";
import { addInstance, addOwnedImage, SEED_TIME } from "./records";
import { IMAGE_FAMILY_PATTERN } from "./rules";
import { EmulatorState, RegionData, STATE_VERSION, ServiceConfig } from "./types";

export { publicImageId, seededInstanceId } from "./records";

const digits = z.string().regex(/^\d+$/, "must be a digit string");
const imageIdSchema = z.string().regex(/^img-[a-z0-9]{8}$/);
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
                subAccounts: z
                    .array(
                        z.strictObject({
                            uin: digits,
                            name: z.string().min(1),
                            secretId: z.string().min(1),
                            secretKey: z.string().min(1),
                        }),
                    )
                    .optional(),
            }),
        )
        .optional(),
    images: z
        .array(
            z.strictObject({
                accountId: digits,
                region,
                imageName: z.string().min(1).max(60),
                imageId: imageIdSchema.optional(),
                imageDescription: z.string().max(256).optional(),
                osName: z.string().optional(),
                platform: z.string().optional(),
                architecture: architectureSchema.optional(),
                imageSize: z.number().int().positive().optional(),
                createdTime: z.iso.datetime().optional(),
                state: z.enum(["NORMAL", "CREATEFAILED", "IMPORTFAILED"]).optional(),
                sharedWith: z.array(digits).optional(),
                tags: z.record(z.string(), z.string()).optional(),
                imageFamily: z.string().regex(IMAGE_FAMILY_PATTERN).optional(),
                imageDeprecated: z.boolean().optional(),
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
                architecture: architectureSchema.optional(),
                systemDiskSize: z.number().int().positive().optional(),
                dataDiskSizes: z.array(z.number().int().positive()).optional(),
                /** The image the instance runs (e.g. a seeded custom image); default a public TencentOS image. */
                imageId: imageIdSchema.optional(),
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

function emptyRegion(): RegionData {
    return { images: {}, instances: {}, snapshots: {} };
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
    const accountList: EmulatorAccount[] = BUILTIN_ACCOUNTS.map((a) => structuredClone(a));
    for (const extra of seed.accounts ?? []) {
        const account = { ...extra, name: extra.name ?? extra.accountId };
        const secretIds = new Set(accountList.flatMap((a) => keysOf(a).map((k) => k.credential.secretId)));
        const uins = new Set(accountList.flatMap((a) => keysOf(a).map((k) => k.caller.uin)));
        const clash = keysOf(account).find(
            (k) => secretIds.has(k.credential.secretId) || uins.has(k.caller.uin),
        );
        if (clash) {
            throw new Error(
                `seed: account ${extra.accountId}: the UIN ${clash.caller.uin} or the SecretId ${clash.credential.secretId} is already defined`,
            );
        }
        accountList.push(account);
    }
    const state: EmulatorState = {
        version: STATE_VERSION,
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
    if (builtins) addBuiltinWorld(state);
    for (const spec of seed.instances ?? []) {
        const data = regionOf(state, spec.accountId, spec.region);
        addInstance(
            data,
            spec.accountId,
            spec.region,
            {
                name: spec.instanceName,
                instanceType: "S5.MEDIUM4",
                cpu: 2,
                memory: 4,
                imageKey: "tos-3.1-x86",
                osName: spec.osName ?? "TencentOS Server 3.1 (TK4) 64bit",
                platform: spec.platform ?? "TencentOS",
                architecture: spec.architecture ?? "x86_64",
                systemDisk: { diskSize: spec.systemDiskSize ?? 50, diskType: "CLOUD_PREMIUM" },
                dataDisks: (spec.dataDiskSizes ?? []).map((diskSize) => ({
                    diskSize,
                    diskType: "CLOUD_PREMIUM" as const,
                })),
            },
            spec.instanceId,
            spec.imageId,
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
