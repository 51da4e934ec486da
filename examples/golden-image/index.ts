// A golden image imported from an image file in COS, copied to several regions and shared there;
// plus the newest public Ubuntu image, looked up for instances that do not use the golden image.
import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();
const imageUrl =
    config.get("imageUrl") ??
    "https://golden-images-1250000000.cos.ap-guangzhou.myqcloud.com/ubuntu-22.04-golden.qcow2";
const copyRegions = config.getObject<string[]>("copyRegions") ?? ["ap-shanghai", "ap-singapore", "ap-tokyo"];
const shareWith = config.getObject<string[]>("shareWith") ?? ["100000000002", "100000000003"];

const golden = new images.CustomImage("golden", {
    imageName: config.get("imageName") ?? "golden-ubuntu-22.04",
    description: "Golden Ubuntu 22.04 image, imported from COS",
    source: {
        import: { imageUrl, osType: "Ubuntu", osVersion: "22.04", architecture: "x86_64" },
    },
    tags: { role: "golden" },
});

const copies = new images.ImageCopy("golden-copies", {
    sourceImageId: golden.imageId,
    sourceRegion: golden.region,
    destinationRegions: copyRegions,
});

// A share lives in one region: one for the image in its own region, one for each copy.
const homeShare = new images.ImageShare("golden-share", {
    imageId: golden.imageId,
    region: golden.region,
    accountIds: shareWith,
});
const copyShares = copyRegions.map(
    (region) =>
        new images.ImageShare(`golden-share-${region}`, {
            imageId: copies.images.apply((byRegion) => byRegion[region]),
            region,
            accountIds: shareWith,
        }),
);

// The base image for instances that do not need the golden one: the newest public Ubuntu x86_64.
// It is looked up in the provider's region, as the golden image is made there.
const ubuntu = images.getImageOutput({
    imageType: "PUBLIC_IMAGE",
    platform: "Ubuntu",
    architecture: "x86_64",
    mostRecent: true,
});

export const goldenImageId = golden.imageId;
export const goldenRegion = golden.region;
export const goldenOsName = golden.osName;
export const goldenCopies = copies.images;
export const sharedWith = homeShare.sharedAccountIds;
export const copiesSharedWith = pulumi
    .all(copyShares.map((share) => share.sharedAccountIds))
    .apply((lists) => Object.fromEntries(copyRegions.map((region, i) => [region, lists[i]])));
export const baseImageId = ubuntu.imageId;
export const baseImageName = ubuntu.imageName;
