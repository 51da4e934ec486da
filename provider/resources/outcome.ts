/**
 * Mutating calls whose outcome is unknown. The client never resends a create, copy, share or delete
 * on its own (a blind resend could duplicate an image), so a lost reply or a transient service error
 * (InternalError: the service may or may not have acted) reaches the resource. The resource can do
 * better than failing: it looks at what exists (images by name and marker, the live share list, the
 * image itself) and resends only what is still missing. That is safe because every such resend is
 * itself guarded: an image name is unique per account and region (a second CreateImage or SyncImages
 * of an image that exists fails with InvalidImageName.Duplicate and is settled by looking again),
 * sharing with an account already shared fails with AccountAlreadyExists, and deleting an image that
 * is gone fails with NotFound.
 */
import { isThrottlingCode, isTransientServiceCode, TencentCloudApiError } from "../backend/errors";
import { replyMayBeLost } from "./errors";

/** Sends of one mutating call, the first included, before its unknown outcome is reported as a failure. */
export const SETTLE_ATTEMPTS = 4;

/**
 * True when a failed mutating call may or may not have been carried out (lost reply, InternalError
 * and the like), or certainly was not but may be sent again (throttling that outlasted the client's
 * retries). The caller must look before resending.
 */
export function outcomeUnknown(error: unknown): boolean {
    if (replyMayBeLost(error)) return true;
    return (
        error instanceof TencentCloudApiError &&
        (isTransientServiceCode(error.code) || isThrottlingCode(error.code))
    );
}

/** How the failure reads in a progress line: "no reply" or the API error code. */
export function describeOutcome(error: unknown): string {
    if (error instanceof TencentCloudApiError) return error.code;
    return "no reply";
}
