/**
 * Rules about whose image an image is. Only the account's own custom images (`PRIVATE_IMAGE`) can be
 * shared, copied, renamed or managed by a CustomImage; public, marketplace and shared-in images can only
 * launch instances. Marketplace images exist only in mainland China regions.
 */
import type { Image } from "../../backend/types";
import type { ResourceRef } from "../../model/kinds";
import { CheckFailure, failure, quote } from "../failures";
import { MAINLAND_CHINA_REGIONS, isMainlandChina } from "../formats";

/** What a resource wants to do with an image. */
export type ImageAction = "share" | "copy" | "adopt" | "rename";

const DONE: Record<ImageAction, string> = {
    share: "shared",
    copy: "copied",
    adopt: "adopted by a CustomImage (adoptExisting)",
    rename: "renamed",
};

const INSTEAD: Record<ImageAction, string> = {
    share: "launch instances from it; to share it, launch an instance from it and make a CustomImage of that instance, then share that",
    copy: "launch instances from it; to copy it, launch an instance from it and make a CustomImage of that instance, then copy that",
    adopt: "choose another imageName, or drop adoptExisting so that a new image is made",
    rename: "leave its name as it is; only your own custom images can be renamed",
};

/** What an image is and who owns it, for messages: "a public image (Ubuntu …) owned by Tencent Cloud". */
export function describeImageKind(image: Image): string {
    switch (image.imageType) {
        case "PUBLIC_IMAGE":
            return `a public image (${image.osName || image.imageName}) owned by Tencent Cloud`;
        case "MARKET_IMAGE":
            return `a marketplace image (${image.osName || image.imageName}) sold by a third-party vendor`;
        case "SHARED_IMAGE":
            return `an image ("${image.imageName}") that account ${image.imageCreator} shares with this account`;
        case "PRIVATE_IMAGE":
            return `a custom image ("${image.imageName}") of this account`;
        default:
            // A kind the service added after this provider was written: never taken for the account's own.
            return `an image ("${image.imageName}") of kind ${image.imageType}, which this provider does not know`;
    }
}

/** The failure for an image ID that the region does not have. */
export function imageNotFound(
    ref: ResourceRef,
    property: string,
    label: string,
    imageId: string,
    region: string,
): CheckFailure {
    return failure(
        ref,
        property,
        `${label} ${quote(imageId)} is not an image in ${region} (DescribeImages does not know it there): ` +
            `check the ID, and that the image lives in ${region} (set the region of the image)`,
    );
}

/** The failures of doing `action` with `image`: none when it is the account's own custom image. */
export function ownImageFailures(
    ref: ResourceRef,
    property: string,
    image: Image,
    action: ImageAction,
): CheckFailure[] {
    if (image.imageType === "PRIVATE_IMAGE") return [];
    return [
        failure(
            ref,
            property,
            `${image.imageId} is ${describeImageKind(image)}; only your own custom images (PRIVATE_IMAGE) can be ` +
                `${DONE[action]}: ${INSTEAD[action]}`,
        ),
    ];
}

/** The failure of a marketplace image named in a region outside mainland China. */
export function marketplaceRegionFailures(
    ref: ResourceRef,
    property: string,
    image: Image,
    region: string,
): CheckFailure[] {
    if (image.imageType !== "MARKET_IMAGE" || isMainlandChina(region)) return [];
    return [
        failure(
            ref,
            property,
            `${image.imageId} is a marketplace image, and marketplace images are offered only in mainland China ` +
                `regions (${MAINLAND_CHINA_REGIONS.join(", ")}); ${region} is not one: use a mainland China region`,
        ),
    ];
}

/** The failure of sharing a BYOL (bring-your-own-licence) image, which Tencent Cloud refuses. */
export function byolShareFailures(ref: ResourceRef, property: string, image: Image): CheckFailure[] {
    if (image.licenseType !== "BYOL") return [];
    return [
        failure(
            ref,
            property,
            `${image.imageId} is a BYOL (bring-your-own-licence) image, and BYOL images cannot be shared: ` +
                `share an image with licenseType TencentCloud instead`,
        ),
    ];
}
