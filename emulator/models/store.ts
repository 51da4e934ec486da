/**
 * The store: the state of every account in every region, and the lookups the handlers need. Like a
 * moto backend it knows nothing of HTTP; handlers call it, and it calls `onChange` after every
 * mutation so the state can be persisted.
 */
import { CallerIdentity, EmulatorAccount, EmulatorCredential, keysOf } from "../accounts";
import { randomId } from "../ids";
import { buildState, Seed } from "./seed";
import { EmulatorState, ImageRecord, RegionData } from "./types";

/** How an account sees an image: its own, shared with it by another account, or public/marketplace. */
export type ImageRelation = "own" | "shared" | "public";

/** An image as one account finds it in one region. */
export interface VisibleImage {
    image: ImageRecord;
    relation: ImageRelation;
}

/** A key that authenticated a request, its (root) account, and who signed with it. */
export interface KeyMatch {
    account: EmulatorAccount;
    credential: EmulatorCredential;
    caller: CallerIdentity;
}

/** The state of the emulator with its lookups; mutations go through handlers and then `changed()`. */
export class Store {
    /** The current state (replaced wholesale by reset/seed/load). */
    state: EmulatorState;
    private seed: Seed;

    /**
     * @param seed the seed reset() returns to.
     * @param onChange called after every mutation (persistence).
     * @param wallClock the real clock; the emulator's clock adds the state's offset to it.
     */
    constructor(
        seed: Seed,
        private readonly onChange: (state: EmulatorState) => void = () => undefined,
        private readonly wallClock: () => number = Date.now,
        initial?: EmulatorState,
    ) {
        this.seed = seed;
        this.state = initial ?? buildState(seed);
    }

    /** The emulator's clock (epoch ms): the wall clock plus the offset tests may add. */
    now(): number {
        return this.wallClock() + this.state.clockOffsetMs;
    }

    /** Back to the seed. */
    reset(): void {
        this.state = buildState(this.seed);
        this.changed();
    }

    /** Replaces the seed and resets to it. */
    loadSeed(seed: Seed): void {
        const state = buildState(seed);
        this.seed = seed;
        this.state = state;
        this.changed();
    }

    /** Signals a mutation (persists the state). */
    changed(): void {
        this.onChange(this.state);
    }

    /** The account and key with this SecretId, if any. */
    findKey(secretId: string): KeyMatch | undefined {
        for (const account of this.state.accountList) {
            const key = keysOf(account).find((k) => k.credential.secretId === secretId);
            if (key) return { account, ...key };
        }
        return undefined;
    }

    /** What an account holds in a region. */
    regionData(accountId: string, region: string): RegionData {
        const data = this.state.accounts[accountId]?.[region];
        if (!data) throw new Error(`no state for account ${accountId} in ${region}`);
        return data;
    }

    /** The image with this ID as the account sees it in the region, if it can see it at all. */
    findImage(accountId: string, region: string, imageId: string): VisibleImage | undefined {
        const own = this.state.accounts[accountId]?.[region]?.images[imageId];
        if (own) return { image: own, relation: "own" };
        const pub = this.state.publicImages[region]?.[imageId];
        if (pub) return { image: pub, relation: "public" };
        for (const [owner, regions] of Object.entries(this.state.accounts)) {
            if (owner === accountId) continue;
            const image = regions[region]?.images[imageId];
            if (image && image.shares.some((s) => s.accountId === accountId))
                return { image, relation: "shared" };
        }
        return undefined;
    }

    /** Every image the account can see in the region: public, marketplace, its own, and shared in. */
    visibleImages(accountId: string, region: string): VisibleImage[] {
        const out: VisibleImage[] = [];
        for (const image of Object.values(this.state.publicImages[region] ?? {}))
            out.push({ image, relation: "public" });
        for (const image of Object.values(this.regionData(accountId, region).images))
            out.push({ image, relation: "own" });
        for (const [owner, regions] of Object.entries(this.state.accounts)) {
            if (owner === accountId) continue;
            for (const image of Object.values(regions[region]?.images ?? {})) {
                if (image.shares.some((s) => s.accountId === accountId))
                    out.push({ image, relation: "shared" });
            }
        }
        return out;
    }

    /** A fresh image ID no image anywhere has. */
    newImageId(): string {
        const taken = new Set<string>();
        for (const images of Object.values(this.state.publicImages))
            for (const id of Object.keys(images)) taken.add(id);
        for (const regions of Object.values(this.state.accounts))
            for (const data of Object.values(regions))
                for (const id of Object.keys(data.images)) taken.add(id);
        for (;;) {
            const id = randomId("img");
            if (!taken.has(id)) return id;
        }
    }

    /** A fresh snapshot ID. */
    newSnapshotId(): string {
        for (;;) {
            const id = randomId("snap");
            const used = Object.values(this.state.accounts).some((regions) =>
                Object.values(regions).some((data) => data.snapshots[id] !== undefined),
            );
            if (!used) return id;
        }
    }

    /** The account's custom-image quota in the region. */
    imageQuota(accountId: string, region: string): number {
        return this.state.config.imageQuotas[accountId]?.[region] ?? this.state.config.imageQuota;
    }

    /** How many custom images the account has in the region (every state counts). */
    customImageCount(accountId: string, region: string): number {
        return Object.keys(this.regionData(accountId, region).images).length;
    }

    /** The root account a CAM user (sub-account) UIN belongs to, if the UIN is one. */
    rootOfSubAccount(uin: string): string | undefined {
        return this.state.accountList.find((a) => a.subAccounts?.some((s) => s.uin === uin))?.accountId;
    }

    /**
     * Whether an account ID exists: the emulator's accounts and seeded known IDs do, seeded unknown IDs
     * do not, and otherwise any root-account-shaped ID (7–12 digits) is taken to exist, since share
     * targets are usually accounts the emulator has no keys for.
     */
    accountExists(accountId: string): boolean {
        if (this.state.accounts[accountId] || this.state.config.knownAccountIds.includes(accountId))
            return true;
        if (this.state.config.unknownAccountIds.includes(accountId)) return false;
        return /^\d{7,12}$/.test(accountId);
    }
}
