// A plan that breaks the custom-image quota of a region: `pulumi preview` fails with the quota
// message, naming the region, the total and the quota, before anything is created.
import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();
const instanceId = config.require("instanceId");
// The emulator's default quota is 10 custom images per region; an account that already holds some
// images breaks it with fewer. Against Tencent Cloud, set `count` above your region's quota.
const count = config.getNumber("count") ?? 11;

const builds: images.CustomImage[] = [];
for (let i = 1; i <= count; i++) {
    builds.push(
        new images.CustomImage(`build-${i}`, {
            imageName: `plan-guard-build-${i}`,
            source: { instanceId },
        }),
    );
}

export const imageIds = builds.map((b) => b.imageId);
