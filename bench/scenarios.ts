/**
 * The benchmark scenarios: N resources over R regions, a third of each kind, and the backend's own
 * latency for them (the "ideal" an apply is measured against).
 */
import { DEFAULT_ACTION_RATE_LIMITS, DEFAULT_RATE_LIMIT_PER_SECOND } from "../provider/backend/rateLimiter";
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../emulator/accounts";
import { seededInstanceId } from "../emulator/models/seed";
import { REGIONS } from "../emulator/regions";

/** Backend latencies of the run (the emulator's durations), scaled down from the real minutes. */
export interface Durations {
    createMs: number;
    importMs: number;
    copyMs: number;
}

/** One scenario: how many resources, over how many regions. */
export interface Scenario {
    /** `<resources>x<regions>`, e.g. `100x5`. */
    id: string;
    resources: number;
    regions: number;
}

/** The full matrix of the issue: 10, 100 and 300 resources across 1, 5 and 18 regions. */
export const MATRIX: Scenario[] = [10, 100, 300].flatMap((resources) =>
    [1, 5, 18].map((regions) => scenario(resources, regions)),
);

/** The scenario `<resources>x<regions>`. */
export function scenario(resources: number, regions: number): Scenario {
    if (!Number.isInteger(resources) || resources < 3)
        throw new Error(`resources must be ≥ 3, got ${resources}`);
    if (!Number.isInteger(regions) || regions < 1 || regions > REGIONS.length) {
        throw new Error(`regions must be 1–${REGIONS.length}, got ${regions}`);
    }
    return { id: `${resources}x${regions}`, resources, regions };
}

/** Parses `10x1,100x5`. */
export function parseScenarios(text: string): Scenario[] {
    return text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
            const match = /^(\d+)x(\d+)$/.exec(s);
            if (!match) throw new Error(`scenario "${s}" is not <resources>x<regions>, e.g. 100x5`);
            return scenario(Number(match[1]), Number(match[2]));
        });
}

/** One CustomImage of the shape. */
export interface ImageSpec {
    name: string;
    region: string;
    /** Every third image is imported (import latency), the others are made from an instance. */
    kind: "instance" | "import";
}

/** One ImageCopy: image `image` to 1 or 2 other regions. */
export interface CopySpec {
    name: string;
    image: number;
    destinations: string[];
}

/** One ImageShare: image `image` with 1 or 2 other accounts. */
export interface ShareSpec {
    name: string;
    image: number;
    accounts: string[];
}

/** The resources of a scenario. */
export interface Shape {
    images: ImageSpec[];
    copies: CopySpec[];
    shares: ShareSpec[];
    /** The regions the images live in. */
    regions: string[];
}

/** The region copies go to when a scenario has a single region (a copy must leave its region). */
export const EXTRA_COPY_REGION = "ap-shanghai";

/**
 * ceil(N/3) CustomImages round-robin over the first R regions (every third one imported), floor(N/3)
 * ImageCopies (copy k copies image k to the next one or two regions of the scenario, alternately;
 * with one region, to {@link EXTRA_COPY_REGION}), and the rest ImageShares (share k shares image k
 * with account 2, and also account 3 for odd k).
 */
export function shapeOf(s: Scenario): Shape {
    const regions = REGIONS.slice(0, s.regions).map((r) => r.region);
    const ring = regions.length > 1 ? regions : [regions[0], EXTRA_COPY_REGION];
    const nImages = Math.ceil(s.resources / 3);
    const nCopies = Math.floor(s.resources / 3);
    const nShares = s.resources - nImages - nCopies;
    const images: ImageSpec[] = Array.from({ length: nImages }, (_, i) => ({
        name: `img-${i}`,
        region: regions[i % regions.length],
        kind: i % 3 === 2 ? "import" : "instance",
    }));
    const copies: CopySpec[] = Array.from({ length: nCopies }, (_, k) => {
        const at = ring.indexOf(images[k].region);
        const want = k % 2 === 1 && ring.length > 2 ? 2 : 1;
        const destinations = Array.from({ length: want }, (_, d) => ring[(at + 1 + d) % ring.length]);
        return { name: `copy-${k}`, image: k, destinations };
    });
    const shares: ShareSpec[] = Array.from({ length: nShares }, (_, k) => ({
        name: `share-${k}`,
        image: k,
        accounts:
            k % 2 === 1 ? [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId] : [SECOND_ACCOUNT.accountId],
    }));
    return { images, copies, shares, regions };
}

/** Counts of a shape, for the report. */
export function shapeSummary(shape: Shape) {
    return {
        customImages: shape.images.length,
        imported: shape.images.filter((i) => i.kind === "import").length,
        imageCopies: shape.copies.length,
        copiedImages: shape.copies.reduce((n, c) => n + c.destinations.length, 0),
        imageShares: shape.shares.length,
        regionsUsed: new Set([
            ...shape.images.map((i) => i.region),
            ...shape.copies.flatMap((c) => c.destinations),
        ]).size,
    };
}

/** What the backend itself needs for an apply of the shape. */
export interface Ideal {
    /** The longest chain of dependent operations (create or import, then copy; a share is instant):
     * the apply's duration with unlimited parallelism and zero overhead. */
    chainMs: number;
    /** A lower bound at a parallelism of `parallel` engine steps: the chain, the total backend
     * latency of all steps spread over `parallel` slots, or {@link rateFloorMs}, whichever is longest. */
    boundAtParallelMs: number;
    parallel: number;
    /** What the service's documented rate limits alone allow: the last call of the busiest mutating
     * action (n calls at L a second go at ⌊(n − 1) / L⌋ s at the soonest), plus that action's latency. */
    rateFloorMs: number;
}

/** The soonest the documented limits let the last of `n` calls of an action go, plus its latency. */
function rateFloor(action: string, n: number, latencyMs: number): number {
    if (n === 0) return 0;
    const limit = DEFAULT_ACTION_RATE_LIMITS[action] ?? DEFAULT_RATE_LIMIT_PER_SECOND;
    return Math.floor((n - 1) / limit) * 1000 + latencyMs;
}

/** The ideal apply of a shape for these latencies and this engine parallelism. */
export function idealOf(shape: Shape, durations: Durations, parallel: number): Ideal {
    const latency = (i: ImageSpec) => (i.kind === "import" ? durations.importMs : durations.createMs);
    const copied = new Set(shape.copies.map((c) => c.image));
    const chainMs = Math.max(
        0,
        ...shape.images.map((image, i) => latency(image) + (copied.has(i) ? durations.copyMs : 0)),
    );
    const totalMs =
        shape.images.reduce((sum, image) => sum + latency(image), 0) + shape.copies.length * durations.copyMs;
    const imports = shape.images.filter((i) => i.kind === "import").length;
    const rateFloorMs = Math.max(
        rateFloor("CreateImage", shape.images.length - imports, durations.createMs),
        rateFloor("ImportImage", imports, durations.importMs),
        rateFloor("SyncImages", shape.copies.length, durations.copyMs),
        rateFloor("ModifyImageSharePermission", shape.shares.length, 0),
    );
    return {
        chainMs,
        boundAtParallelMs: Math.max(chainMs, Math.ceil(totalMs / parallel), rateFloorMs),
        parallel,
        rateFloorMs,
    };
}

/** The instance the images of a region are made from. */
export function sourceInstance(region: string): string {
    return seededInstanceId(MAIN_ACCOUNT.accountId, region, "web-1");
}
