/** The share actions' ownership check: the caller's own custom image in this region. */
import { fail } from "../../errors";
import { requireVisibleImage } from "../../models/rules";
import { Store, VisibleImage } from "../../models/store";

/**
 * The account's own PRIVATE_IMAGE, else: InvalidImageId.Malformed/NotFound (also for another
 * account's unshared image or an image of another region), UnauthorizedOperation.ImageNotBelongToAccount
 * for an image shared in (SyncImages: InvalidParameterValue.InvalidImageId, the code its doc lists), InvalidParameterValue.InvalidImageId for public and marketplace images.
 */
export function requireOwnImage(
    store: Store,
    accountId: string,
    region: string,
    imageId: string,
    sharedInCode = "UnauthorizedOperation.ImageNotBelongToAccount",
): VisibleImage {
    const found = requireVisibleImage(store, accountId, region, imageId);
    if (found.relation === "shared") {
        fail(
            sharedInCode,
            `${imageId} belongs to account ${found.image.owner}, which shares it with you; only the owner can share or copy it.`,
        );
    }
    if (found.relation === "public") {
        fail(
            "InvalidParameterValue.InvalidImageId",
            `${imageId} is a ${found.image.imageType === "MARKET_IMAGE" ? "marketplace" : "public"} image; only custom images can be shared or copied.`,
        );
    }
    return found;
}
