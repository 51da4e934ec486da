/** Rules about a CustomImage's name: adopting an image by name, and names unique per region. */
import type { Image } from "../../backend/types";
import type { ResourceRef } from "../../model/kinds";
import { CheckFailure, failure, quote } from "../failures";
import { ownImageFailures } from "./ownership";

/**
 * The failures of `adoptExisting`: the images named `imageName` in the region must include the
 * account's own custom image, not only public, marketplace or shared-in ones. No match is fine (a new
 * image is made).
 */
export function adoptionFailures(ref: ResourceRef, named: readonly Image[]): CheckFailure[] {
    if (named.length === 0 || named.some((i) => i.imageType === "PRIVATE_IMAGE")) return [];
    return ownImageFailures(ref, "adoptExisting", named[0], "adopt");
}

/**
 * The failure of creating an image whose name one of the account's own images in the region already
 * has (the service refuses duplicate names).
 */
export function duplicateNameFailures(
    ref: ResourceRef,
    imageName: string,
    region: string,
    named: readonly Image[],
): CheckFailure[] {
    const own = named.find((i) => i.imageType === "PRIVATE_IMAGE");
    if (!own) return [];
    return [
        failure(
            ref,
            "imageName",
            `imageName ${quote(imageName)} is already the name of ${own.imageId} in ${region}; image names are ` +
                `unique: choose another name, or set adoptExisting: true to manage that image`,
        ),
    ];
}
