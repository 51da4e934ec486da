/**
 * Mutating calls whose outcome is unknown, and the one way the resources settle them. The client never resends a create, copy, share or delete
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

/** The exit rules of one settle: when to resend, and what to do when sends run out. */
export interface SettleRules {
    /** API error codes of definite refusals that looking settles (the work may be partly or wholly done). */
    readonly settledByLooking: readonly string[];
    /**
     * Whether what is still missing after such a refusal is sent again (`true`: the refusal was of the
     * whole request, e.g. one account already shared), or only after an unknown outcome (`false`).
     */
    readonly resendAfterRefusal: boolean;
    /** Sends, the first included. */
    readonly maxSends: number;
    /** When no send is left and work remains: `throw` the last error, or `return` what remains. */
    readonly whenExhausted: "throw" | "return";
}

/** What looking found: the work is done (with its result), or what of it remains. */
export type Looked<W, R> = { done: R } | { remaining: W };

/** The end of a settle: done, or (whenExhausted "return") what remains after the last failure. */
export type Settled<W, R> = { done: R } | { remaining: W; error: unknown; sends: number };

/** One mutating request settled after unknown outcomes: send, look, then send only what is missing. */
export interface SettleSpec<W, R> {
    readonly rules: SettleRules;
    /** The work of the first send. */
    readonly work: W;
    send(work: W): Promise<R>;
    /** After a failed send that looking can settle: what of `work` is still to do. */
    look(work: W, error: unknown): Promise<Looked<W, R>>;
    /** The progress line before sending `remaining` again. */
    resendLine(error: unknown, remaining: W): string;
}

/**
 * The one settle strategy of the resources (create, share, copy, delete). A failure that is neither
 * an unknown outcome nor a refusal the rules name is thrown as it is; otherwise the live state is
 * read (`look`), and only what is still missing is sent again, within the rules.
 */
export async function settle<W, R>(
    say: (line: string) => void,
    spec: SettleSpec<W, R>,
): Promise<Settled<W, R>> {
    const { rules } = spec;
    let work = spec.work;
    for (let sends = 1; ; sends++) {
        try {
            return { done: await spec.send(work) };
        } catch (error) {
            const unknown = outcomeUnknown(error);
            const refused =
                error instanceof TencentCloudApiError && rules.settledByLooking.includes(error.code);
            if (!unknown && !refused) throw error;
            const looked = await spec.look(work, error);
            if ("done" in looked) return looked;
            work = looked.remaining;
            if ((!unknown && !rules.resendAfterRefusal) || sends >= rules.maxSends) {
                if (rules.whenExhausted === "throw") throw error;
                return { remaining: work, error, sends };
            }
            say(spec.resendLine(error, work));
        }
    }
}
