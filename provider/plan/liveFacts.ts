/**
 * The live facts that plan checks (and a refresh's reads, and create's look-ups by name) read from the
 * image service during one engine run: fetched lazily, once, and shared. `check` runs one resource at a time, so batching requests of the same instant is
 * not enough to keep the number of calls down; the cache is shaped so that calls grow with the number
 * of regions, not of resources:
 * - regions: one DescribeRegions per run;
 * - per region: one DescribeImageQuota, one count of custom images, and one listing of the account's
 *   own and shared-in images (bounded by the quota), which answers most image lookups by ID;
 * - IDs not in that listing (public or marketplace images, images made during this run): through the
 *   process's coalesced reads (../backend/imageReads.ts, one DescribeImages per region per turn of
 *   the event loop, shared with the waiter's polls), memoized per ID;
 * - instances and snapshots: one call per batch of IDs asked for in the same turn of the event loop,
 *   memoized per ID. (Instances and snapshots have no per-region listing in the backend, so these grow with the
 *   number of distinct IDs the plan names.)
 * - share permissions: one call per image (the API has no batch form);
 * - the instances of a region and the images they run (ImageRetention's in-use rule): one paged listing.
 * Every promise is cached, so concurrent callers share one call; a failed read is forgotten so that a
 * later check can try again. Only Describe* calls are ever made.
 */
import { BatchedImageReads } from "../backend/imageReads";
import type {
    Image,
    ImageBackend,
    InstanceInfo,
    RegionInfo,
    SharePermission,
    SnapshotInfo,
} from "../backend/types";

/** Most IDs per Describe call (the documented page size). */
const BATCH_SIZE = 100;

/** The error thrown when a fact cannot be read: it says which fact, where, and why. */
export class FactReadError extends Error {
    constructor(fact: string, cause: unknown) {
        const why = cause instanceof Error ? cause.message : String(cause);
        super(`Could not read ${fact} from Tencent Cloud: ${why}`, { cause });
        this.name = "FactReadError";
    }
}

/** Memoizes one promise per key; a rejected promise is dropped so the next caller retries. */
class Memo<V> {
    private readonly entries = new Map<string, Promise<V>>();

    get(key: string, load: () => Promise<V>): Promise<V> {
        let entry = this.entries.get(key);
        if (!entry) {
            entry = load();
            this.entries.set(key, entry);
            entry.catch(() => {
                if (this.entries.get(key) === entry) this.entries.delete(key);
            });
        }
        return entry;
    }

    /** Drops what is known of `key`: the next caller reads again. */
    forget(key: string): void {
        this.entries.delete(key);
    }

    /** Changes what is known of `key` (when anything is): callers from now on get the changed value. */
    update(key: string, change: (value: V) => V): void {
        const entry = this.entries.get(key);
        if (entry) this.entries.set(key, entry.then(change));
    }
}

/**
 * Collects the IDs asked for during one turn of the event loop and fetches them together (in
 * batches of 100), memoizing each ID's answer: `undefined` when the service does not know it.
 */
class IdBatcher<V> {
    private readonly memo = new Map<string, Promise<V | undefined>>();
    private pending:
        | { ids: string[]; settle: Map<string, [(v: V | undefined) => void, (e: unknown) => void]> }
        | undefined;

    constructor(
        private readonly fetch: (ids: string[]) => Promise<V[]>,
        private readonly idOf: (value: V) => string,
    ) {}

    get(id: string): Promise<V | undefined> {
        const known = this.memo.get(id);
        if (known) return known;
        if (!this.pending) {
            this.pending = { ids: [], settle: new Map() };
            setImmediate(() => void this.flush());
        }
        const batch = this.pending;
        const promise = new Promise<V | undefined>((resolve, reject) => {
            batch.ids.push(id);
            batch.settle.set(id, [resolve, reject]);
        });
        this.memo.set(id, promise);
        promise.catch(() => {
            if (this.memo.get(id) === promise) this.memo.delete(id);
        });
        return promise;
    }

    private async flush(): Promise<void> {
        const batch = this.pending;
        this.pending = undefined;
        if (!batch) return;
        for (let i = 0; i < batch.ids.length; i += BATCH_SIZE) {
            const ids = batch.ids.slice(i, i + BATCH_SIZE);
            try {
                const found = new Map((await this.fetch(ids)).map((v) => [this.idOf(v), v]));
                for (const id of ids) batch.settle.get(id)![0](found.get(id));
            } catch (error) {
                for (const id of ids) batch.settle.get(id)![1](error);
            }
        }
    }
}

/** Image ID → the IDs of the instances that run it. */
export function instancesByImage(instances: readonly InstanceInfo[]): Map<string, string[]> {
    const byImage = new Map<string, string[]>();
    for (const instance of instances) {
        if (!instance.imageId) continue;
        byImage.set(instance.imageId, [...(byImage.get(instance.imageId) ?? []), instance.instanceId]);
    }
    return byImage;
}

/** Wraps a backend read so that its failure says which fact could not be read. */
function reading<T>(fact: string, read: () => Promise<T>): Promise<T> {
    return read().catch((error: unknown) => {
        throw new FactReadError(fact, error);
    });
}

/** The live facts of one engine run, read through an {@link ImageBackend}. Never mutates anything. */
export class LiveFacts {
    private readonly regionList = new Memo<RegionInfo[]>();
    private readonly quotas = new Memo<number>();
    private readonly counts = new Memo<number>();
    private readonly ownListings = new Memo<Map<string, Image>>();
    private readonly shares = new Memo<SharePermission[]>();
    private readonly imagesById = new Memo<Image | undefined>();
    private readonly instanceListings = new Memo<Map<string, string[]>>();
    private readonly instanceBatchers = new Map<string, IdBatcher<InstanceInfo>>();
    private readonly snapshotBatchers = new Map<string, IdBatcher<SnapshotInfo>>();

    constructor(
        private readonly backend: ImageBackend,
        private readonly reads = new BatchedImageReads(backend),
    ) {}

    /** The regions CVM is offered in (Region service DescribeRegions, once per run). */
    regions(): Promise<RegionInfo[]> {
        return this.regionList.get("", () =>
            reading("the list of CVM regions (Region service DescribeRegions)", () =>
                this.backend.describeRegions(),
            ),
        );
    }

    /** The account's custom-image quota in the region (DescribeImageQuota, once per region). */
    quota(region: string): Promise<number> {
        return this.quotas.get(region, () =>
            reading(`the custom-image quota of ${region} (DescribeImageQuota)`, () =>
                this.backend.describeImageQuota(region),
            ),
        );
    }

    /** How many custom images the account has in the region now (one count per region). */
    customImageCount(region: string): Promise<number> {
        return this.counts.get(region, () =>
            reading(`the number of custom images in ${region} (DescribeImages)`, () =>
                this.backend.countImages(region, { imageTypes: ["PRIVATE_IMAGE"] }),
            ),
        );
    }

    /** The account's own and shared-in images of the region by ID (one listing per region). */
    private ownAndSharedImages(region: string): Promise<Map<string, Image>> {
        return this.ownListings.get(region, () =>
            reading(`the custom and shared images of ${region} (DescribeImages)`, async () => {
                const images = await this.backend.listImages(region, {
                    imageTypes: ["PRIVATE_IMAGE", "SHARED_IMAGE"],
                });
                return new Map(images.map((image) => [image.imageId, image]));
            }),
        );
    }

    private batcher<V>(
        batchers: Map<string, IdBatcher<V>>,
        region: string,
        fetch: (ids: string[]) => Promise<V[]>,
        idOf: (v: V) => string,
    ): IdBatcher<V> {
        let batcher = batchers.get(region);
        if (!batcher) {
            batcher = new IdBatcher(fetch, idOf);
            batchers.set(region, batcher);
        }
        return batcher;
    }

    /** The image with this ID in the region, or undefined when the region has none with that ID. */
    async image(region: string, imageId: string): Promise<Image | undefined> {
        const listed = (await this.ownAndSharedImages(region)).get(imageId);
        return (
            listed ??
            this.imagesById.get(`${region}/${imageId}`, () =>
                reading(`image ${imageId} in ${region} (DescribeImages)`, () =>
                    this.reads.image(region, imageId),
                ),
            )
        );
    }

    /** The account's own images of the region that carry the tag `key` = `value` (from the same listing). */
    async ownImagesTagged(region: string, key: string, value: string): Promise<Image[]> {
        return [...(await this.ownAndSharedImages(region)).values()].filter(
            (i) => i.imageType === "PRIVATE_IMAGE" && i.tags[key] === value,
        );
    }

    /** The account's own custom images of the region (from the same listing). */
    async ownImages(region: string): Promise<Image[]> {
        return [...(await this.ownAndSharedImages(region)).values()].filter(
            (i) => i.imageType === "PRIVATE_IMAGE",
        );
    }

    /** Image ID → the instances of the region that run it (one paged DescribeInstances listing per region). */
    imagesInUse(region: string): Promise<Map<string, string[]>> {
        return this.instanceListings.get(region, () =>
            reading(`the instances of ${region} and the images they run (DescribeInstances)`, async () =>
                instancesByImage(await this.backend.listInstances(region)),
            ),
        );
    }

    /** The images of the region whose name is exactly `imageName` (own and shared-in images). */
    async imagesNamed(region: string, imageName: string): Promise<Image[]> {
        return [...(await this.ownAndSharedImages(region)).values()].filter((i) => i.imageName === imageName);
    }

    /** The accounts an image is shared with now (DescribeImageSharePermission, once per image). */
    sharePermissions(region: string, imageId: string): Promise<SharePermission[]> {
        return this.shares.get(`${region}/${imageId}`, () =>
            reading(`the share permissions of ${imageId} in ${region} (DescribeImageSharePermission)`, () =>
                this.backend.describeSharePermission(region, imageId),
            ),
        );
    }

    /**
     * An image this process has just made: it is shared with nobody yet, so its share permissions
     * need no read in this run (a share of it that meets an account shared meanwhile is settled).
     */
    noteNewImage(region: string, imageId: string): void {
        void this.shares.get(`${region}/${imageId}`, () => Promise.resolve([]));
    }

    /**
     * This process shared an image with, or cancelled its shares with, these accounts (the sends
     * succeeded): the share permissions known in this run change with them, so that the next share
     * of the image in the run (sends of one image take turns) starts from the list as it is now.
     */
    noteSharesChanged(region: string, imageId: string, shared: string[], cancelled: string[]): void {
        const createdTime = new Date().toISOString();
        this.shares.update(`${region}/${imageId}`, (list) => [
            ...list.filter((p) => !cancelled.includes(p.accountId) && !shared.includes(p.accountId)),
            ...shared.map((accountId) => ({ accountId, createdTime })),
        ]);
    }

    /** Forgets the share permissions read of an image (an outcome not known): the next reader reads them. */
    forgetSharePermissions(region: string, imageId: string): void {
        this.shares.forget(`${region}/${imageId}`);
    }

    /** The instance with this ID in the region, or undefined when there is none. */
    instance(region: string, instanceId: string): Promise<InstanceInfo | undefined> {
        return this.batcher(
            this.instanceBatchers,
            region,
            (ids) =>
                reading(`instances ${ids.join(", ")} in ${region} (DescribeInstances)`, () =>
                    this.backend.describeInstances(region, ids),
                ),
            (instance) => instance.instanceId,
        ).get(instanceId);
    }

    /** The snapshot with this ID in the region, or undefined when there is none. */
    snapshot(region: string, snapshotId: string): Promise<SnapshotInfo | undefined> {
        return this.batcher(
            this.snapshotBatchers,
            region,
            (ids) =>
                reading(`snapshots ${ids.join(", ")} in ${region} (DescribeSnapshots)`, () =>
                    this.backend.describeSnapshots(region, ids),
                ),
            (snapshot) => snapshot.snapshotId,
        ).get(snapshotId);
    }
}
