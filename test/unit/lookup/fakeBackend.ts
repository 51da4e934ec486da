import { Image, ImageBackend, ImageFilter } from "../../../provider/backend/types";

let counter = 0;

/** A domain image with sensible defaults (a NORMAL public Ubuntu x86_64 image). */
export function image(overrides: Partial<Image> = {}): Image {
    counter++;
    return {
        imageId: `img-${String(counter).padStart(8, "0")}`,
        region: "ap-guangzhou",
        imageName: `image-${counter}`,
        imageDescription: "",
        imageType: "PUBLIC_IMAGE",
        imageState: "NORMAL",
        osName: "Ubuntu Server 22.04 LTS 64bit",
        platform: "Ubuntu",
        architecture: "x86_64",
        imageSizeGb: 20,
        createdTime: "2026-01-01T00:00:00Z",
        imageCreator: "tencent",
        imageSource: "OFFICIAL",
        syncPercent: null,
        snapshots: [],
        tags: {},
        ...overrides,
    };
}

/** One call the fake saw. */
export type FakeCall =
    | { method: "listImages"; region: string; filter?: ImageFilter }
    | { method: "describeImagesByIds"; region: string; imageIds: string[] }
    | { method: "describeImageFromFamily"; region: string; imageFamily: string };

/**
 * A hand-written ImageBackend holding a fixed list of images. listImages applies the server-side
 * filters the way the API documents them (types exact, platform substring, tags exact); everything
 * else is left to the lookup. Methods a lookup must not call throw.
 */
export class FakeBackend implements ImageBackend {
    readonly calls: FakeCall[] = [];

    constructor(readonly images: Image[]) {}

    async listImages(region: string, filter?: ImageFilter): Promise<Image[]> {
        this.calls.push({ method: "listImages", region, filter });
        return this.images.filter(
            (i) =>
                (!filter?.imageTypes || (filter.imageTypes as readonly string[]).includes(i.imageType)) &&
                (!filter?.platform || i.platform.toLowerCase().includes(filter.platform.toLowerCase())) &&
                Object.entries(filter?.tags ?? {}).every(([k, v]) => i.tags[k] === v),
        );
    }

    async describeImagesByIds(region: string, imageIds: string[]): Promise<Image[]> {
        this.calls.push({ method: "describeImagesByIds", region, imageIds });
        return this.images.filter((i) => imageIds.includes(i.imageId));
    }

    /** As the service answers: the newest NORMAL, non-deprecated image of the family in the region. */
    async describeImageFromFamily(region: string, imageFamily: string): Promise<Image | null> {
        this.calls.push({ method: "describeImageFromFamily", region, imageFamily });
        const members = this.images.filter(
            (i) =>
                i.region === region &&
                i.imageFamily === imageFamily &&
                i.imageDeprecated !== true &&
                i.imageState === "NORMAL",
        );
        return members.sort((a, b) => b.createdTime.localeCompare(a.createdTime))[0] ?? null;
    }

    private unexpected(name: string): never {
        throw new Error(`a lookup must not call ${name}`);
    }
    countImages(): Promise<number> {
        return this.unexpected("countImages");
    }
    createImage(): Promise<string> {
        return this.unexpected("createImage");
    }
    importImage(): Promise<string> {
        return this.unexpected("importImage");
    }
    deleteImages(): Promise<void> {
        return this.unexpected("deleteImages");
    }
    modifyImageAttribute(): Promise<void> {
        return this.unexpected("modifyImageAttribute");
    }
    modifyImageTags(): Promise<void> {
        return this.unexpected("modifyImageTags");
    }
    modifySharePermission(): Promise<void> {
        return this.unexpected("modifySharePermission");
    }
    describeSharePermission(): Promise<never> {
        return this.unexpected("describeSharePermission");
    }
    syncImages(): Promise<never> {
        return this.unexpected("syncImages");
    }
    describeImageQuota(): Promise<number> {
        return this.unexpected("describeImageQuota");
    }
    describeRegions(): Promise<never> {
        return this.unexpected("describeRegions");
    }
    describeInstances(): Promise<never> {
        return this.unexpected("describeInstances");
    }
    listInstances(): Promise<never> {
        return this.unexpected("listInstances");
    }
    describeSnapshots(): Promise<never> {
        return this.unexpected("describeSnapshots");
    }
}

/** Settings with a default region and no credentials (the fake needs none). */
export const SETTINGS = { region: "ap-guangzhou", maxShareAccounts: 50 };
