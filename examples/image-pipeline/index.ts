// A CI-style image pipeline: every build (its number from stack config) makes one image in family
// `web`, copies it to two more regions and shares it; an ImageRetention per region keeps the newest
// images of the family and deletes the rest, so the regions never run out of custom-image quota.
import * as pulumi from "@pulumi/pulumi";
import * as images from "pulumi-tencentcloud-images";

const config = new pulumi.Config();
const build = config.requireNumber("build");
const instanceId = config.require("instanceId");
const copyRegions = config.getObject<string[]>("copyRegions") ?? ["ap-shanghai", "ap-singapore"];
const shareWith = config.getObject<string[]>("shareWith") ?? ["100000000002"];
const keepLatest = config.getNumber("keepLatest") ?? 3;
// More than one image per build (e.g. variants); the quota must hold them all.
const imagesPerBuild = config.getNumber("imagesPerBuild") ?? 1;

// The retentions come first: the quota check counts their deletions for the resources declared after
// them, and those depend on them, so the old images are gone before the new ones are made (a full
// region has room). makeRoomFor says how many images of the family those add per build in each
// region, so each retention keeps keepLatest − makeRoomFor old ones and keepLatest remain after it.
const keepHome = new images.ImageRetention("keep-web", {
    family: "web",
    keepLatest,
    makeRoomFor: imagesPerBuild,
});
const keepCopies = copyRegions.map(
    (region) =>
        new images.ImageRetention(`keep-web-${region}`, {
            region,
            family: "web",
            keepLatest,
            makeRoomFor: 1,
        }),
);

// One image per build. A build's resources leave the stack with the next build: retainOnDelete (and
// retainCopiesOnDelete) leave their images behind, for the retentions to judge.
const builds = Array.from({ length: imagesPerBuild }, (_, i) => {
    const name = i === 0 ? `web-${build}` : `web-${build}-${i + 1}`;
    return new images.CustomImage(
        name,
        {
            imageName: name,
            family: "web",
            description: `web server, build ${build}`,
            source: { instanceId },
            tags: { build: String(build) },
        },
        { dependsOn: [keepHome], retainOnDelete: true },
    );
});
const image = builds[0];

const copies = new images.ImageCopy(
    `web-${build}-copies`,
    {
        sourceImageId: image.imageId,
        sourceRegion: image.region,
        destinationRegions: copyRegions,
        retainCopiesOnDelete: true,
    },
    { dependsOn: keepCopies },
);

// The share follows the newest build: the previous build's image is unshared when it moves on.
const share = new images.ImageShare("web-share", {
    imageId: image.imageId,
    region: image.region,
    accountIds: shareWith,
});

// "The latest web image" without pinning IDs, in every region: the family's newest non-deprecated
// image, looked up once this build's image and copies exist.
const homeRegion = image.region;
export const latestImageId = pulumi
    .all([image.imageId, homeRegion])
    .apply(async ([, region]) => (await images.getImage({ family: "web", region })).imageId);
export const latestCopyImageIds = copies.images.apply(async (byRegion) =>
    Object.fromEntries(
        await Promise.all(
            Object.keys(byRegion).map(async (region) => [
                region,
                (await images.getImage({ family: "web", region })).imageId,
            ]),
        ),
    ),
);

export const buildNumber = build;
export const imageId = image.imageId;
export const imageName = `web-${build}`;
export const copyImageIds = copies.images;
export const sharedWith = share.sharedAccountIds;
export const retentionPlan = keepHome.plan;
export const deletedImageIds = pulumi
    .all([keepHome.deletedImageIds, ...keepCopies.map((k) => k.deletedImageIds)])
    .apply((lists) => lists.flatMap((list) => list ?? []));
