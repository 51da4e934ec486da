import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();
// The instance to image. The default is the emulator's seeded instance web-1 in ap-guangzhou; on a
// real account, name one of yours: pulumi config set instanceId ins-xxxxxxxx
const instanceId = config.get("instanceId") ?? "ins-uq5dhhbh";
// The accounts that may launch instances from the image. The defaults are the emulator's other two
// accounts; on a real account: pulumi config set --path 'shareWith[0]' <account ID>
const shareWith = config.getObject<string[]>("shareWith") ?? ["100000000002", "100000000003"];

const web = new images.CustomImage("web", {
    imageName: config.get("imageName") ?? "web-2026-11",
    source: { instanceId },
    tags: { team: "web" },
});
const copies = new images.ImageCopy("web-copies", {
    sourceImageId: web.imageId,
    sourceRegion: web.region,
    destinationRegions: config.getObject<string[]>("copyRegions") ?? ["ap-shanghai", "ap-singapore"],
});
const share = new images.ImageShare("web-share", {
    imageId: web.imageId,
    region: web.region,
    accountIds: shareWith,
});

export const imageId = web.imageId;
export const copyImageIds = copies.images;
export const sharedWith = share.sharedAccountIds;
