// A custom image made from an instance, copied to two more regions and shared with two accounts.
import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();
// The instance to image, in the provider's region (tencentcloud-images:region / TENCENTCLOUD_REGION).
const instanceId = config.require("instanceId");
const copyRegions = config.getObject<string[]>("copyRegions") ?? ["ap-shanghai", "ap-singapore"];
const shareWith = config.getObject<string[]>("shareWith") ?? ["100000000002", "100000000003"];

const web = new images.CustomImage("web", {
    imageName: config.get("imageName") ?? "quickstart-web",
    description: "Made by the pulumi-tencentcloud-images quickstart",
    source: { instanceId },
    tags: { app: "quickstart" },
});

// Copies of the image in other regions; adding or removing a region later copies or deletes only it.
const copies = new images.ImageCopy("web-copies", {
    sourceImageId: web.imageId,
    sourceRegion: web.region,
    destinationRegions: copyRegions,
});

// The accounts that may launch instances from the image (in the image's region).
const share = new images.ImageShare("web-share", {
    imageId: web.imageId,
    region: web.region,
    accountIds: shareWith,
});

export const region = web.region;
export const imageId = web.imageId;
export const imageState = web.imageState;
export const copyImageIds = copies.images;
export const sharedWith = share.sharedAccountIds;
