// Every kind of request each backend operation can build: each option alone and all together,
// paging, batching beyond 100 IDs, filters beyond the API's 10, tag changes beyond 10 a call, the
// ImportImage reply without ImageId. A Record over the ImageBackend's methods, so an operation
// added to the interface without scenarios does not compile.
import { ImageBackend } from "../../../provider/backend/types";
import { getImages } from "../../../provider/lookup/getImages";
import { GetImagesArgs } from "../../../provider/lookup/lookupArgs";
import { SpecCloudOptions } from "./specCloud";

export interface Scenario {
    label: string;
    run(backend: ImageBackend): Promise<unknown>;
    cloud?: SpecCloudOptions;
    /** The actions the scenario must send, in order (so a scenario cannot pass by sending nothing). */
    sends: string[];
}

const REGION = "ap-guangzhou";
const ids = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, "0")}`);
const tags = (n: number, prefix = "k") =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));
const times = (n: number, action: string) => Array.from({ length: n }, () => action);

const IMPORT = {
    imageName: "imported",
    imageUrl: "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com/disk.qcow2",
    osType: "CentOS",
    osVersion: "7",
    architecture: "x86_64",
};
const MARKERS = { "pulumi-images:managed-by": "pulumi-tencentcloud-images", "pulumi-images:name": "web" };

export const SCENARIOS: Record<keyof ImageBackend, Scenario[]> = {
    describeImagesByIds: [
        {
            label: "one ID",
            run: (b) => b.describeImagesByIds(REGION, ["img-aaaaaaaa"]),
            sends: ["DescribeImages"],
        },
        {
            label: "250 IDs with duplicates: batches of 100",
            run: (b) => b.describeImagesByIds(REGION, [...ids(250, "img-"), "img-00000001"]),
            sends: times(3, "DescribeImages"),
        },
    ],
    listImages: [
        { label: "no filter", run: (b) => b.listImages(REGION), sends: ["DescribeImages"] },
        {
            label: "every image-type filter value",
            run: (b) =>
                b.listImages(REGION, { imageTypes: ["PRIVATE_IMAGE", "PUBLIC_IMAGE", "SHARED_IMAGE"] }),
            sends: ["DescribeImages"],
        },
        {
            label: "image-name",
            run: (b) => b.listImages(REGION, { imageName: "web" }),
            sends: ["DescribeImages"],
        },
        {
            label: "platform",
            run: (b) => b.listImages(REGION, { platform: "Ubuntu" }),
            sends: ["DescribeImages"],
        },
        {
            label: "one tag",
            run: (b) => b.listImages(REGION, { tags: { team: "web" } }),
            sends: ["DescribeImages"],
        },
        {
            label: "every filter and 12 tags: beyond 10 filters the tags are matched client-side",
            run: (b) =>
                b.listImages(REGION, {
                    imageTypes: ["PRIVATE_IMAGE"],
                    imageName: "web",
                    platform: "TencentOS",
                    tags: tags(12),
                }),
            sends: ["DescribeImages"],
        },
        {
            label: "230 images: pages of 100",
            cloud: { listedImages: 230 },
            run: (b) => b.listImages(REGION, { imageTypes: ["PRIVATE_IMAGE", "SHARED_IMAGE"] }),
            sends: times(3, "DescribeImages"),
        },
    ],
    countImages: [
        {
            label: "by filter: one call, Limit 1",
            run: (b) => b.countImages(REGION, { imageTypes: ["PRIVATE_IMAGE"] }),
            sends: ["DescribeImages"],
        },
        {
            label: "tags beyond the filter limit: counted from the listing",
            cloud: { listedImages: 150 },
            run: (b) => b.countImages(REGION, { imageTypes: ["PRIVATE_IMAGE"], tags: tags(11) }),
            sends: times(2, "DescribeImages"),
        },
    ],
    createImage: [
        {
            label: "from an instance, every option",
            run: (b) =>
                b.createImage(REGION, {
                    imageName: "web",
                    imageDescription: "d".repeat(256),
                    instanceId: "ins-aaaaaaaa",
                    dataDiskIds: ["disk-aaaaaaaa", "disk-bbbbbbbb"],
                    forcePoweroff: true,
                    sysprep: false,
                    tags: { ...MARKERS, team: "web" },
                    imageFamily: "web",
                }),
            sends: ["CreateImage"],
        },
        {
            label: "from an instance, nothing optional",
            run: (b) =>
                b.createImage(REGION, {
                    imageName: "w".repeat(60),
                    instanceId: "ins-aaaaaaaa",
                    dataDiskIds: [],
                }),
            sends: ["CreateImage"],
        },
        {
            label: "from snapshots",
            run: (b) =>
                b.createImage(REGION, {
                    imageName: "snap",
                    snapshotIds: ["snap-aaaaaaaa", "snap-bbbbbbbb"],
                    tags: MARKERS,
                    imageFamily: "business-daily-update",
                }),
            sends: ["CreateImage"],
        },
    ],
    importImage: [
        {
            label: "every option",
            run: (b) =>
                b.importImage(REGION, {
                    ...IMPORT,
                    imageDescription: "imported disk",
                    architecture: "arm_64",
                    bootMode: "UEFI",
                    licenseType: "BYOL",
                    force: true,
                    tags: MARKERS,
                    imageFamily: "web",
                }),
            sends: ["ImportImage"],
        },
        { label: "nothing optional", run: (b) => b.importImage(REGION, IMPORT), sends: ["ImportImage"] },
        {
            label: "a reply without ImageId: found by name and marker tags, looked for again until listed",
            cloud: { importReplyAsExample: true, unlistedLooks: 2 },
            run: (b) => b.importImage(REGION, { ...IMPORT, bootMode: "Legacy BIOS", tags: MARKERS }),
            sends: ["ImportImage", ...times(3, "DescribeImages")],
        },
    ],
    deleteImages: [
        {
            label: "with its snapshots, dry run",
            run: (b) => b.deleteImages(REGION, ["img-aaaaaaaa"], { deleteSnapshots: true, dryRun: true }),
            sends: ["DeleteImages"],
        },
        {
            label: "150 images, no options: batches of 100",
            run: (b) => b.deleteImages(REGION, ids(150, "img-")),
            sends: times(2, "DeleteImages"),
        },
    ],
    modifyImageAttribute: [
        {
            label: "name",
            run: (b) => b.modifyImageAttribute(REGION, "img-aaaaaaaa", { imageName: "n".repeat(60) }),
            sends: ["ModifyImageAttribute"],
        },
        {
            label: "description, emptied",
            run: (b) => b.modifyImageAttribute(REGION, "img-aaaaaaaa", { imageDescription: "" }),
            sends: ["ModifyImageAttribute"],
        },
        {
            label: "both",
            run: (b) =>
                b.modifyImageAttribute(REGION, "img-aaaaaaaa", { imageName: "n", imageDescription: "d" }),
            sends: ["ModifyImageAttribute"],
        },
        {
            label: "family and deprecation",
            run: (b) =>
                b.modifyImageAttribute(REGION, "img-aaaaaaaa", {
                    imageFamily: "business-daily-update",
                    imageDeprecated: true,
                }),
            sends: ["ModifyImageAttribute"],
        },
        {
            label: "out of its family, no longer deprecated",
            run: (b) =>
                b.modifyImageAttribute(REGION, "img-aaaaaaaa", { imageFamily: "", imageDeprecated: false }),
            sends: ["ModifyImageAttribute"],
        },
        {
            label: "every attribute",
            run: (b) =>
                b.modifyImageAttribute(REGION, "img-aaaaaaaa", {
                    imageName: "n",
                    imageDescription: "d",
                    imageFamily: "web",
                    imageDeprecated: false,
                }),
            sends: ["ModifyImageAttribute"],
        },
    ],
    describeImageFromFamily: [
        {
            label: "a family",
            run: (b) => b.describeImageFromFamily(REGION, "business-daily-update"),
            sends: ["DescribeImageFromFamily"],
        },
        {
            label: "in a finance region",
            run: (b) => b.describeImageFromFamily("ap-shanghai-fsi", "web"),
            sends: ["DescribeImageFromFamily"],
        },
    ],
    modifyImageTags: [
        {
            label: "replace only (the root account asked first)",
            run: (b) => b.modifyImageTags(REGION, "img-aaaaaaaa", { replace: { team: "web" }, remove: [] }),
            sends: ["GetCallerIdentity", "ModifyResourceTags"],
        },
        {
            label: "remove only",
            run: (b) => b.modifyImageTags(REGION, "img-aaaaaaaa", { replace: {}, remove: ["old"] }),
            sends: ["GetCallerIdentity", "ModifyResourceTags"],
        },
        {
            label: "23 replaced and 12 removed: at most 10 of each per call",
            run: (b) =>
                b.modifyImageTags(REGION, "img-aaaaaaaa", {
                    replace: tags(23),
                    remove: Object.keys(tags(12, "r")),
                }),
            sends: ["GetCallerIdentity", ...times(3, "ModifyResourceTags")],
        },
        {
            label: "in a finance region",
            run: (b) =>
                b.modifyImageTags("ap-shanghai-fsi", "img-aaaaaaaa", { replace: { a: "b" }, remove: [] }),
            sends: ["GetCallerIdentity", "ModifyResourceTags"],
        },
    ],
    modifySharePermission: [
        {
            label: "share",
            run: (b) => b.modifySharePermission(REGION, "img-aaaaaaaa", ["100000000002"], "SHARE"),
            sends: ["ModifyImageSharePermission"],
        },
        {
            label: "cancel 50 accounts",
            run: (b) => b.modifySharePermission(REGION, "img-aaaaaaaa", ids(50, "1000"), "CANCEL"),
            sends: ["ModifyImageSharePermission"],
        },
    ],
    describeSharePermission: [
        {
            label: "one image",
            run: (b) => b.describeSharePermission(REGION, "img-aaaaaaaa"),
            sends: ["DescribeImageSharePermission"],
        },
    ],
    syncImages: [
        {
            label: "several regions, a new name",
            run: (b) =>
                b.syncImages(REGION, "img-aaaaaaaa", ["ap-shanghai", "ap-singapore"], { imageName: "copy" }),
            sends: ["SyncImages"],
        },
        {
            label: "one region, the source's name",
            run: (b) => b.syncImages(REGION, "img-aaaaaaaa", ["ap-beijing"]),
            sends: ["SyncImages"],
        },
    ],
    describeImageQuota: [
        { label: "a region", run: (b) => b.describeImageQuota(REGION), sends: ["DescribeImageQuota"] },
        {
            label: "a finance region",
            run: (b) => b.describeImageQuota("ap-shenzhen-fsi"),
            sends: ["DescribeImageQuota"],
        },
    ],
    describeRegions: [
        { label: "CVM's regions", run: (b) => b.describeRegions(), sends: ["DescribeRegions"] },
    ],
    describeInstances: [
        {
            label: "one",
            run: (b) => b.describeInstances(REGION, ["ins-aaaaaaaa"]),
            sends: ["DescribeInstances"],
        },
        {
            label: "150: batches of 100",
            run: (b) => b.describeInstances(REGION, ids(150, "ins-")),
            sends: times(2, "DescribeInstances"),
        },
    ],
    listInstances: [
        {
            label: "a region's instances: one page",
            run: (b) => b.listInstances(REGION),
            sends: ["DescribeInstances"],
        },
        {
            label: "230 instances: pages of 100",
            cloud: { listedInstances: 230 },
            run: (b) => b.listInstances(REGION),
            sends: times(3, "DescribeInstances"),
        },
    ],
    describeSnapshots: [
        {
            label: "one",
            run: (b) => b.describeSnapshots(REGION, ["snap-aaaaaaaa"]),
            sends: ["DescribeSnapshots"],
        },
        {
            label: "150: batches of 100",
            run: (b) => b.describeSnapshots(REGION, ids(150, "snap-")),
            sends: times(2, "DescribeSnapshots"),
        },
    ],
};

const lookup = (args: GetImagesArgs) => (b: ImageBackend) =>
    getImages({ region: REGION, ...args }, { backend: b, warn: () => undefined });

/** The lookups, which choose what the backend is asked (marketplace images have no filter value). */
export const LOOKUP_SCENARIOS: Scenario[] = [
    { label: "marketplace images", run: lookup({ imageType: "MARKET_IMAGE" }), sends: ["DescribeImages"] },
    {
        label: "marketplace and public images",
        run: lookup({ imageTypes: ["MARKET_IMAGE", "PUBLIC_IMAGE"], platform: "CentOS" }),
        sends: ["DescribeImages"],
    },
    {
        label: "every documented kind, a platform and tags",
        run: lookup({
            imageTypes: ["PUBLIC_IMAGE", "PRIVATE_IMAGE", "SHARED_IMAGE"],
            platform: "Ubuntu",
            tags: { a: "b" },
        }),
        sends: ["DescribeImages"],
    },
    {
        label: "a family: the service's choice",
        run: lookup({ family: "business-daily-update", mostRecent: true }),
        sends: ["DescribeImageFromFamily"],
    },
    {
        label: "a family with its deprecated images: a listing of own images",
        run: lookup({ family: "web", includeDeprecated: true, imageType: "PRIVATE_IMAGE" }),
        sends: ["DescribeImages"],
    },
    {
        label: "by IDs, with criteria that are then matched client-side",
        run: lookup({ imageIds: ["img-aaaaaaaa"], imageType: "MARKET_IMAGE", platform: "CentOS" }),
        sends: ["DescribeImages"],
    },
];

/** Every scenario, by what it exercises. */
export const ALL_SCENARIOS: Record<string, Scenario[]> = { ...SCENARIOS, lookups: LOOKUP_SCENARIOS };
