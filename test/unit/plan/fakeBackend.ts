/** A hand-written in-memory ImageBackend for plan tests: read calls answer from data and are counted. */
import type {
    Image,
    ImageBackend,
    ImageFilter,
    InstanceInfo,
    RegionInfo,
    SharePermission,
    SnapshotInfo,
} from "../../../provider/backend/types";
import { KNOWN_REGIONS } from "../../../provider/plan/formats";

/** The caller's account in these tests. */
export const OWN_ACCOUNT = "100000000001";

let serial = 0;

/** An image with sensible defaults: the own account's NORMAL custom image in ap-guangzhou. */
export function makeImage(over: Partial<Image> = {}): Image {
    serial++;
    return {
        imageId: `img-${serial.toString(36).padStart(8, "0")}`,
        region: "ap-guangzhou",
        imageName: `image-${serial}`,
        imageDescription: "",
        imageType: "PRIVATE_IMAGE",
        imageState: "NORMAL",
        osName: "TencentOS Server 3.1",
        platform: "TencentOS",
        architecture: "x86_64",
        imageSizeGb: 50,
        createdTime: "2026-01-01T00:00:00Z",
        imageCreator: OWN_ACCOUNT,
        imageSource: "CREATE_IMAGE",
        syncPercent: null,
        snapshots: [],
        tags: {},
        ...over,
    };
}

type ReadMethod =
    | "describeImagesByIds"
    | "listImages"
    | "countImages"
    | "describeSharePermission"
    | "describeImageQuota"
    | "describeRegions"
    | "describeInstances"
    | "listInstances"
    | "describeSnapshots"
    | "describeImageFromFamily";

/** The fake. Mutate its public fields to set the scene; read `calls` to count what the plan asked. */
export class FakeBackend implements ImageBackend {
    regions: RegionInfo[] = KNOWN_REGIONS.map((region) => ({
        region,
        regionName: region,
        regionState: "AVAILABLE",
    }));
    images: Image[] = [];
    quotas: Record<string, number> = {};
    defaultQuota = 10;
    shares: Record<string, SharePermission[]> = {};
    instances: Record<string, InstanceInfo[]> = {};
    snapshots: Record<string, SnapshotInfo[]> = {};
    /** Methods that fail, with the error they throw. */
    failing: Partial<Record<ReadMethod, Error>> = {};
    /** Every read call, in order: `method region [ids]`. */
    log: string[] = [];

    /** How many calls of `method` were made (all methods when omitted). */
    count(method?: ReadMethod): number {
        return this.log.filter((line) => method === undefined || line.startsWith(`${method} `)).length;
    }

    private async read<T>(method: ReadMethod, detail: string, answer: () => T): Promise<T> {
        this.log.push(`${method} ${detail}`);
        await Promise.resolve();
        const failure = this.failing[method];
        if (failure) throw failure;
        return answer();
    }

    private matches(image: Image, region: string, filter?: ImageFilter): boolean {
        return (
            image.region === region &&
            (!filter?.imageTypes || (filter.imageTypes as readonly string[]).includes(image.imageType)) &&
            (!filter?.imageName || image.imageName.includes(filter.imageName))
        );
    }

    describeImagesByIds(region: string, imageIds: string[]): Promise<Image[]> {
        return this.read("describeImagesByIds", `${region} ${imageIds.join(",")}`, () =>
            this.images.filter((i) => i.region === region && imageIds.includes(i.imageId)),
        );
    }
    listImages(region: string, filter?: ImageFilter): Promise<Image[]> {
        return this.read("listImages", region, () =>
            this.images.filter((i) => this.matches(i, region, filter)),
        );
    }
    countImages(region: string, filter?: ImageFilter): Promise<number> {
        return this.read(
            "countImages",
            region,
            () => this.images.filter((i) => this.matches(i, region, filter)).length,
        );
    }
    describeImageFromFamily(region: string, imageFamily: string): Promise<Image | null> {
        return this.read("describeImageFromFamily", `${region} ${imageFamily}`, () => {
            const members = this.images.filter(
                (i) => i.region === region && i.imageFamily === imageFamily && i.imageDeprecated !== true,
            );
            return members.sort((a, b) => b.createdTime.localeCompare(a.createdTime))[0] ?? null;
        });
    }
    describeSharePermission(region: string, imageId: string): Promise<SharePermission[]> {
        return this.read("describeSharePermission", `${region} ${imageId}`, () => this.shares[imageId] ?? []);
    }
    describeImageQuota(region: string): Promise<number> {
        return this.read("describeImageQuota", region, () => this.quotas[region] ?? this.defaultQuota);
    }
    describeRegions(): Promise<RegionInfo[]> {
        return this.read("describeRegions", "", () => this.regions);
    }
    describeInstances(region: string, instanceIds: string[]): Promise<InstanceInfo[]> {
        return this.read("describeInstances", `${region} ${instanceIds.join(",")}`, () =>
            (this.instances[region] ?? []).filter((i) => instanceIds.includes(i.instanceId)),
        );
    }
    listInstances(region: string): Promise<InstanceInfo[]> {
        return this.read("listInstances", region, () => this.instances[region] ?? []);
    }
    describeSnapshots(region: string, snapshotIds: string[]): Promise<SnapshotInfo[]> {
        return this.read("describeSnapshots", `${region} ${snapshotIds.join(",")}`, () =>
            (this.snapshots[region] ?? []).filter((s) => snapshotIds.includes(s.snapshotId)),
        );
    }

    private mutating(): never {
        this.log.push("MUTATION");
        throw new Error("the plan made a mutating call");
    }
    createImage(): Promise<string> {
        return this.mutating();
    }
    importImage(): Promise<string> {
        return this.mutating();
    }
    deleteImages(): Promise<void> {
        return this.mutating();
    }
    modifyImageAttribute(): Promise<void> {
        return this.mutating();
    }
    modifyImageTags(): Promise<void> {
        return this.mutating();
    }
    modifySharePermission(): Promise<void> {
        return this.mutating();
    }
    syncImages(): Promise<never> {
        return this.mutating();
    }
}
