/** Rules of one ImageShare on its own: no sharing with the owner itself, no more accounts than the limit. */
import type { ResourceRef } from "../../model/kinds";
import { CheckFailure, failure, quote } from "../failures";

/**
 * The failure of listing the image's own account. `ownerAccountId` is the ImageCreator of the
 * account's own custom image, which is the caller's account ID.
 */
export function selfShareFailures(
    ref: ResourceRef,
    accountIds: readonly unknown[],
    imageId: string,
    ownerAccountId: string,
): CheckFailure[] {
    const index = accountIds.indexOf(ownerAccountId);
    if (index < 0) return [];
    return [
        failure(
            ref,
            "accountIds",
            `accountIds[${index}] ${quote(ownerAccountId)} is this account, the owner of ${imageId}; an image ` +
                `cannot be shared with its own account: remove it from accountIds`,
        ),
    ];
}

/** The failure of listing more accounts than one image may be shared with. */
export function shareCountFailures(
    ref: ResourceRef,
    accountIds: readonly unknown[],
    limit: number,
): CheckFailure[] {
    if (accountIds.length <= limit) return [];
    return [
        failure(
            ref,
            "accountIds",
            `accountIds lists ${accountIds.length} accounts; one image can be shared with at most ${limit}: ` +
                `list fewer accounts, or, if your account allows more, raise the provider setting ` +
                `tencentcloud-images:maxShareAccounts`,
        ),
    ];
}
