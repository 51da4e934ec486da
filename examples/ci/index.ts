// The program the pipelines in this folder gate: a release image of the web tier, named after the
// build (the pipeline may set `release`), copied to the serving regions. Pull requests from forks
// preview it against the emulator, whose seeded instance web-1 is the default instance.
import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();
const release = config.get("release") ?? "main";

const image = new images.CustomImage("release", {
    imageName: `web-release-${release}`,
    description: "The web tier, made by the CI pipeline",
    // The emulator's web-1 in ap-guangzhou; the cloud stack sets one of its own instances.
    source: { instanceId: config.get("instanceId") ?? "ins-uq5dhhbh" },
    tags: { release },
});
const copies = new images.ImageCopy("release-copies", {
    sourceImageId: image.imageId,
    sourceRegion: image.region,
    destinationRegions: config.getObject<string[]>("servingRegions") ?? ["ap-shanghai"],
});

export const imageId = image.imageId;
export const servingImageIds = copies.images;
