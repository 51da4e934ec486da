// Picks the newest public Ubuntu x86_64 image of a region and exports its ID and name.
import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();

const ubuntu = images.getImageOutput({
    // Unset: the provider setting (tencentcloud-images:region, else TENCENTCLOUD_REGION).
    region: config.get("region"),
    imageType: "PUBLIC_IMAGE",
    platform: "Ubuntu",
    architecture: "x86_64",
    // Several Ubuntu releases match; take the newest rather than failing.
    mostRecent: true,
});

export const region = ubuntu.region;
export const imageId = ubuntu.imageId;
export const imageName = ubuntu.imageName;
export const osName = ubuntu.osName;
export const createdTime = ubuntu.createdTime;
