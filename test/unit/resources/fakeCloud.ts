/**
 * A tiny in-memory image service behind nock, for driving the resource providers through the real
 * client (signing, envelope, zod replies). It keeps images per region, shares and tags, answers the
 * actions the providers use, and lets a test inject faults: an API error, or a reply lost after the
 * service acted (a 504 from the gateway).
 *
 * Image states advance one step per DescribeImages-by-ID call that includes the image (the way the
 * waiter sees progress), following the image's `plan`.
 */
import nock from "nock";

export const ENDPOINT = "http://api.test";
export const ACCOUNT = "100000000001";
export const SECRET_ID = "AKIDresourcesUnitTest0000000000000";
export const SECRET_KEY = "resourcesUnitTestSecretKey00000000";

/** One stage of an image's life: its state and SyncPercent. */
export interface Stage {
    state: string;
    percent?: number | null;
}

export interface FakeImage {
    ImageId: string;
    region: string;
    ImageName: string;
    ImageDescription: string;
    ImageState: string;
    ImageType: string;
    SyncPercent: number | null;
    Tags: Record<string, string>;
    Snapshots: string[];
    /** ImageFamily ("" = none) and ImageDeprecated, shown by DescribeImages only when set. */
    Family?: string;
    Deprecated?: boolean;
    /** Stages still to go, one per poll. */
    plan: Stage[];
}

export interface Call {
    service: string;
    action: string;
    region: string | undefined;
    body: Record<string, unknown>;
}

type Fault = {
    action: string;
    code?: string;
    message?: string;
    lose?: boolean;
    when?: (body: Record<string, unknown>) => boolean;
};

class ApiError extends Error {
    constructor(
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

let counter = 0;
function newId(prefix: string): string {
    counter++;
    return `${prefix}${counter.toString(36).padStart(8, "0")}`;
}

export class FakeCloud {
    readonly images = new Map<string, FakeImage>();
    readonly shares = new Map<string, Set<string>>();
    readonly calls: Call[] = [];
    private faults: Fault[] = [];
    private holds: Array<{
        action: string;
        when: (body: Record<string, unknown>) => boolean;
        arrived: () => void;
        released: Promise<void>;
    }> = [];
    /** Stages a newly created image goes through (after its first state). */
    createPlan: Stage[] = [{ state: "NORMAL" }];
    /** Stages a new copy goes through. */
    syncPlan: Stage[] = [{ state: "SYNCING", percent: 40 }, { state: "NORMAL" }];
    /** Per destination region, stages that replace syncPlan. */
    syncPlanFor: Record<string, Stage[]> = {};
    regions = ["ap-guangzhou", "ap-shanghai", "ap-singapore", "ap-beijing"];
    /** ImportImage replies with RequestId only, as its official example does. */
    importReplyNamesNoImage = false;

    /** Starts answering every POST / on the endpoint. */
    start(): this {
        nock(ENDPOINT)
            .persist()
            .post("/")
            .reply(async (...args: unknown[]) => {
                const req = args[0] as Request;
                const body = JSON.parse(await req.text()) as Record<string, unknown>;
                const auth = req.headers.get("authorization") ?? "";
                const service = /\/(\w+)\/tc3_request/.exec(auth)?.[1] ?? "?";
                const action = req.headers.get("x-tc-action") ?? "";
                const region = req.headers.get("x-tc-region") ?? undefined;
                this.calls.push({ service, action, region, body });
                const hold = this.holds.find((h) => h.action === action && h.when(body));
                if (hold) {
                    this.holds = this.holds.filter((h) => h !== hold);
                    hold.arrived();
                    await hold.released;
                }
                const fault = this.takeFault(action, body);
                if (fault && !fault.lose) return this.errorReply(fault.code!, fault.message ?? "injected");
                try {
                    const reply = this.handle(action, region ?? "", body);
                    if (fault?.lose) return [504, "Gateway Timeout"];
                    return [200, { Response: { ...reply, RequestId: newId("req-") } }];
                } catch (error) {
                    if (error instanceof ApiError) return this.errorReply(error.code, error.message);
                    throw error;
                }
            });
        return this;
    }

    /**
     * Holds the reply to the next call of `action` that `when` accepts until the test releases it:
     * `reached` resolves once the call has arrived (the caller is then waiting for its reply).
     */
    holdNext(action: string, when: (body: Record<string, unknown>) => boolean) {
        let arrived!: () => void;
        let release!: () => void;
        const reached = new Promise<void>((resolve) => (arrived = resolve));
        const released = new Promise<void>((resolve) => (release = resolve));
        this.holds.push({ action, when, arrived, released });
        return { reached, release };
    }

    /** The next call of `action` fails with this API error. */
    failNext(action: string, code: string, message = "injected failure"): void {
        this.faults.push({ action, code, message });
    }

    /** The next `count` polls (DescribeImages by ID) fail with this API error. */
    failPolls(count: number, code = "InternalError"): void {
        for (let i = 0; i < count; i++) {
            this.faults.push({
                action: "DescribeImages",
                code,
                when: (body) => Array.isArray(body.ImageIds),
            });
        }
    }

    /** The next call of `action` is carried out, but its reply is lost (504). */
    loseReplyOnce(action: string): void {
        this.faults.push({ action, lose: true });
    }

    /** Calls of one action. */
    callsOf(action: string): Call[] {
        return this.calls.filter((c) => c.action === action);
    }

    /** Adds an image directly (as if made earlier or outside Pulumi). */
    addImage(partial: Partial<FakeImage> & { region: string; ImageName: string }): FakeImage {
        const image: FakeImage = {
            ImageId: newId("img-"),
            ImageDescription: "",
            ImageState: "NORMAL",
            ImageType: "PRIVATE_IMAGE",
            SyncPercent: null,
            Tags: {},
            Snapshots: [newId("snap-")],
            plan: [],
            ...partial,
        };
        this.images.set(image.ImageId, image);
        return image;
    }

    /** The images named so in a region. */
    byName(region: string, name: string): FakeImage[] {
        return [...this.images.values()].filter((i) => i.region === region && i.ImageName === name);
    }

    private takeFault(action: string, body: Record<string, unknown>): Fault | undefined {
        const index = this.faults.findIndex((f) => f.action === action && (!f.when || f.when(body)));
        return index < 0 ? undefined : this.faults.splice(index, 1)[0];
    }

    private errorReply(code: string, message: string): [number, unknown] {
        return [200, { Response: { Error: { Code: code, Message: message }, RequestId: newId("req-") } }];
    }

    private image(region: string, imageId: string): FakeImage {
        const image = this.images.get(imageId);
        if (!image || image.region !== region) {
            throw new ApiError("InvalidImageId.NotFound", `The image ${imageId} does not exist`);
        }
        return image;
    }

    private render(image: FakeImage): Record<string, unknown> {
        return {
            ImageId: image.ImageId,
            OsName: "TencentOS Server 3.1",
            ImageType: image.ImageType,
            CreatedTime: "2026-01-01T00:00:00Z",
            ImageName: image.ImageName,
            ImageDescription: image.ImageDescription,
            ImageSize: 50,
            Architecture: "x86_64",
            ImageState: image.ImageState,
            Platform: "TencentOS",
            ImageCreator: ACCOUNT,
            ImageSource: "CREATE_IMAGE",
            SyncPercent: image.SyncPercent,
            SnapshotSet: image.Snapshots.map((s) => ({
                SnapshotId: s,
                DiskUsage: "SYSTEM_DISK",
                DiskSize: 50,
            })),
            Tags: Object.entries(image.Tags).map(([Key, Value]) => ({ Key, Value })),
            ...(image.Family ? { ImageFamily: image.Family } : {}),
            ...(image.Deprecated ? { ImageDeprecated: true } : {}),
        };
    }

    private advance(image: FakeImage): void {
        const next = image.plan.shift();
        if (!next) return;
        image.ImageState = next.state;
        image.SyncPercent = next.percent ?? null;
    }

    private newImage(
        region: string,
        name: string,
        state: string,
        plan: Stage[],
        tags: Record<string, string>,
    ) {
        if (this.byName(region, name).length > 0) {
            throw new ApiError("InvalidImageName.Duplicate", `An image named ${name} already exists`);
        }
        return this.addImage({ region, ImageName: name, ImageState: state, plan: [...plan], Tags: tags });
    }

    private handle(action: string, region: string, body: Record<string, unknown>): Record<string, unknown> {
        switch (action) {
            case "DescribeImages": {
                let found: FakeImage[];
                if (Array.isArray(body.ImageIds)) {
                    const ids = body.ImageIds as string[];
                    found = ids.flatMap((id) => {
                        const image = this.images.get(id);
                        return image && image.region === region ? [image] : [];
                    });
                    // Answer with the current state, then move on: the next poll sees the next stage.
                    const reply = { TotalCount: found.length, ImageSet: found.map((i) => this.render(i)) };
                    found.forEach((image) => this.advance(image));
                    return reply;
                } else {
                    const filters = (body.Filters ?? []) as { Name: string; Values: string[] }[];
                    found = [...this.images.values()].filter(
                        (image) =>
                            image.region === region &&
                            filters.every((f) =>
                                f.Name === "image-type"
                                    ? f.Values.includes(image.ImageType)
                                    : f.Name === "image-name"
                                      ? f.Values.includes(image.ImageName)
                                      : f.Name.startsWith("tag:")
                                        ? f.Values.includes(image.Tags[f.Name.slice(4)])
                                        : true,
                            ),
                    );
                }
                return { TotalCount: found.length, ImageSet: found.map((i) => this.render(i)) };
            }
            case "CreateImage":
            case "ImportImage": {
                const spec = (body.TagSpecification ?? []) as { Tags: { Key: string; Value: string }[] }[];
                const tags = Object.fromEntries((spec[0]?.Tags ?? []).map((t) => [t.Key, t.Value]));
                const first = action === "CreateImage" ? "CREATING" : "IMPORTING";
                const image = this.newImage(region, body.ImageName as string, first, this.createPlan, tags);
                image.ImageDescription = (body.ImageDescription as string | undefined) ?? "";
                image.Family = body.ImageFamily as string | undefined;
                if (action === "ImportImage" && this.importReplyNamesNoImage) return {};
                return { ImageId: image.ImageId };
            }
            case "DeleteImages": {
                const ids = body.ImageIds as string[];
                for (const id of ids) this.image(region, id);
                for (const id of ids) {
                    if ((this.shares.get(id)?.size ?? 0) > 0) {
                        throw new ApiError("InvalidImageId.InShared", `The image ${id} is shared`);
                    }
                }
                for (const id of ids) this.images.delete(id);
                return {};
            }
            case "ModifyImageAttribute": {
                const image = this.image(region, body.ImageId as string);
                if (typeof body.ImageName === "string") image.ImageName = body.ImageName;
                if (typeof body.ImageDescription === "string") image.ImageDescription = body.ImageDescription;
                if (body.ImageFamily !== undefined || body.ImageDeprecated !== undefined) {
                    // As the service: only a NORMAL image's attributes change.
                    if (image.ImageState !== "NORMAL") {
                        throw new ApiError(
                            "InvalidImageId.IncorrectState",
                            `${image.ImageId} is ${image.ImageState}`,
                        );
                    }
                    if (typeof body.ImageFamily === "string") image.Family = body.ImageFamily;
                    if (typeof body.ImageDeprecated === "boolean") image.Deprecated = body.ImageDeprecated;
                }
                return {};
            }
            case "GetCallerIdentity":
                return { AccountId: ACCOUNT, UserId: ACCOUNT, PrincipalId: ACCOUNT, Type: "CAMUser" };
            case "ModifyResourceTags": {
                const resource = new RegExp(`^qcs::cvm:${region}:uin/${ACCOUNT}:image/(img-\\w+)$`);
                const imageId = resource.exec(body.Resource as string)?.[1];
                if (!imageId)
                    throw new ApiError("InvalidParameter", `bad resource name ${String(body.Resource)}`);
                const image = this.image(region, imageId);
                for (const t of (body.ReplaceTags ?? []) as { TagKey: string; TagValue: string }[]) {
                    image.Tags[t.TagKey] = t.TagValue;
                }
                for (const t of (body.DeleteTags ?? []) as { TagKey: string }[]) delete image.Tags[t.TagKey];
                return {};
            }
            case "DescribeImageSharePermission": {
                const image = this.image(region, body.ImageId as string);
                const accounts = [...(this.shares.get(image.ImageId) ?? [])];
                return {
                    SharePermissionSet: accounts.map((AccountId) => ({
                        AccountId,
                        CreatedTime: "2026-01-01T00:00:00Z",
                    })),
                };
            }
            case "ModifyImageSharePermission": {
                const image = this.image(region, body.ImageId as string);
                const set = this.shares.get(image.ImageId) ?? new Set<string>();
                const accounts = body.AccountIds as string[];
                if (body.Permission === "SHARE") {
                    const already = accounts.filter((a) => set.has(a));
                    if (already.length > 0) {
                        throw new ApiError(
                            "FailedOperation.AccountAlreadyExists",
                            `already shared: ${already}`,
                        );
                    }
                    accounts.forEach((a) => set.add(a));
                } else {
                    accounts.forEach((a) => set.delete(a));
                }
                this.shares.set(image.ImageId, set);
                return {};
            }
            case "SyncImages": {
                const source = this.image(region, (body.ImageIds as string[])[0]);
                const name = (body.ImageName as string | undefined) ?? source.ImageName;
                const destinations = body.DestinationRegions as string[];
                for (const r of destinations) {
                    if (this.byName(r, name).length > 0) {
                        throw new ApiError(
                            "InvalidImageName.Duplicate",
                            `An image named ${name} exists in ${r}`,
                        );
                    }
                }
                const made = destinations.map((r) =>
                    this.newImage(r, name, "SYNCING", this.syncPlanFor[r] ?? this.syncPlan, {}),
                );
                return { ImageSet: made.map((i) => ({ ImageId: i.ImageId, Region: i.region })) };
            }
            case "DescribeRegions":
                return {
                    TotalCount: this.regions.length,
                    RegionSet: this.regions.map((Region) => ({
                        Region,
                        RegionName: Region,
                        RegionState: "AVAILABLE",
                    })),
                };
            case "DescribeImageQuota":
                return { ImageNumQuota: 10 };
            case "DescribeInstances": {
                const ids = (body.InstanceIds ?? []) as string[];
                return {
                    TotalCount: ids.length,
                    InstanceSet: ids.map((InstanceId) => ({
                        InstanceId,
                        InstanceName: "web",
                        InstanceState: "RUNNING",
                        SystemDisk: { DiskId: "disk-00000001" },
                        DataDisks: [],
                    })),
                };
            }
            default:
                throw new ApiError("InvalidAction", `The fake does not know ${action}`);
        }
    }
}
