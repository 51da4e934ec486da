/**
 * Reads of images by ID, coalesced per region: every ID asked for in one region during one turn of
 * the event loop goes into one DescribeImages call (the backend splits beyond 100 IDs), whoever asks
 * (a resource reading its image, a poll of the waiter, a plan check). Nothing is remembered between
 * turns: every answer is as fresh as the call it came from (caching for a whole run is the live
 * facts' business, ../plan/liveFacts.ts).
 */
import { isNotFoundError } from "./errors";
import type { RatePriority } from "./rateLimiter";
import type { Image, ImageBackend } from "./types";

interface Request {
    ids: string[];
    priority: RatePriority;
    resolve: (images: Map<string, Image>) => void;
    reject: (error: unknown) => void;
}

/** The requests of one region waiting for the next call. */
interface Pending {
    ids: Set<string>;
    requests: Request[];
}

/** Reads images by ID with one DescribeImages per region per turn of the event loop. */
export class BatchedImageReads {
    private readonly pending = new Map<string, Pending>();

    constructor(private readonly backend: ImageBackend) {}

    /**
     * The images of `ids` that exist in the region, by ID (missing IDs are simply absent). A call
     * that only polls (`background`) lets the calls that some resource is waiting on go first.
     */
    images(
        region: string,
        ids: readonly string[],
        priority: RatePriority = "foreground",
    ): Promise<Map<string, Image>> {
        if (ids.length === 0) return Promise.resolve(new Map<string, Image>());
        let batch = this.pending.get(region);
        if (!batch) {
            batch = { ids: new Set(), requests: [] };
            this.pending.set(region, batch);
            setImmediate(() => void this.flush(region));
        }
        const joined = batch;
        for (const id of ids) joined.ids.add(id);
        return new Promise((resolve, reject) =>
            joined.requests.push({ ids: [...ids], priority, resolve, reject }),
        );
    }

    /** The image with this ID in the region, or undefined when the region has none with that ID. */
    async image(region: string, imageId: string): Promise<Image | undefined> {
        return (await this.images(region, [imageId])).get(imageId);
    }

    private async flush(region: string): Promise<void> {
        const batch = this.pending.get(region)!;
        this.pending.delete(region);
        let found: Map<string, Image>;
        try {
            const priority = batch.requests.every((r) => r.priority === "background")
                ? "background"
                : "foreground";
            found = await this.read(region, [...batch.ids], priority);
        } catch (error) {
            for (const request of batch.requests) request.reject(error);
            return;
        }
        for (const request of batch.requests) {
            request.resolve(
                new Map(request.ids.flatMap((id) => (found.has(id) ? [[id, found.get(id)!]] : []))),
            );
        }
    }

    /**
     * One call for all of `ids`. A refusal that names an ID as unknown (the service may refuse a whole
     * call for one ID it cannot find) is settled by asking for each ID alone, so that one gone image
     * does not fail the reads of the others.
     */
    private async read(region: string, ids: string[], priority: RatePriority): Promise<Map<string, Image>> {
        try {
            const images = await this.backend.describeImagesByIds(region, ids, { priority });
            return new Map(images.map((image) => [image.imageId, image]));
        } catch (error) {
            if (!isNotFoundError(error)) throw error;
            if (ids.length === 1) return new Map();
            const alone = await Promise.all(ids.map((id) => this.read(region, [id], priority)));
            return new Map(alone.flatMap((m) => [...m]));
        }
    }
}
