/** The Pulumi program of a scenario: the shape's CustomImages, ImageCopies and ImageShares. */
import type { ImagesPackage } from "../test/e2e/harness/imagesSandbox";
import { Shape, sourceInstance } from "./scenarios";

/** A program for the harness: builds every resource of the shape with the installed package. */
export function programOf(shape: Shape, prefix: string) {
    return (images: ImagesPackage) => {
        const made = shape.images.map(
            (spec) =>
                new images.CustomImage(spec.name, {
                    region: spec.region,
                    imageName: `${prefix}-${spec.name}`,
                    description: `bench ${spec.kind} image`,
                    source:
                        spec.kind === "import"
                            ? {
                                  import: {
                                      imageUrl: `https://bench-1250000000.cos.${spec.region}.myqcloud.com/${spec.name}.qcow2`,
                                      osType: "CentOS",
                                      osVersion: "7",
                                      architecture: "x86_64",
                                  },
                              }
                            : { instanceId: sourceInstance(spec.region) },
                    tags: { bench: prefix },
                }),
        );
        for (const copy of shape.copies) {
            new images.ImageCopy(copy.name, {
                sourceImageId: made[copy.image].imageId,
                sourceRegion: made[copy.image].region,
                destinationRegions: copy.destinations,
            });
        }
        for (const share of shape.shares) {
            new images.ImageShare(share.name, {
                imageId: made[share.image].imageId,
                region: made[share.image].region,
                accountIds: share.accounts,
            });
        }
        return { customImages: made.length };
    };
}
