/**
 * The errors of the Tencent Cloud client, and how to classify them (retry or not, "not found" or not).
 *
 * Messages name the action, the region, what went wrong and what to do; they never contain
 * credentials (no secret ID or key, no session token, no Authorization header).
 */

/** Where a failed call was going. */
export interface CallTarget {
    service: string;
    action: string;
    /** Undefined for region-less calls (DescribeRegions). */
    region?: string;
}

function describeTarget(target: CallTarget): string {
    const service = target.service === "cvm" ? "" : `${target.service} `;
    return `${service}${target.action}${target.region ? ` in ${target.region}` : ""}`;
}

/** Advice for codes whose fix is outside the request itself. */
const HINTS: Array<[RegExp, string]> = [
    [
        /^AuthFailure\.(SecretIdNotFound|InvalidSecretId|SignatureFailure|InvalidAuthorization)$/,
        "check the secretId/secretKey settings (stack config tencentcloud-images:secretId / tencentcloud-images:secretKey, " +
            "or env TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY)",
    ],
    [/^AuthFailure\.SignatureExpire$/, "the local clock is more than 5 minutes off; fix the system time"],
    [
        /^AuthFailure\.TokenFailure$/,
        "the session token is invalid or expired; refresh the temporary credentials",
    ],
    [
        /^(AuthFailure\.)?UnauthorizedOperation/,
        "the credentials lack the CAM permission for this action; grant it or use another key",
    ],
    [/^RequestLimitExceeded/, "the API rate limit was hit and retries were exhausted; try again later"],
];

/** An error the service returned in its reply envelope (`Response.Error`). Keeps code and RequestId. */
export class TencentCloudApiError extends Error {
    readonly service: string;
    readonly action: string;
    readonly region: string | undefined;
    /** The API error code, e.g. `InvalidImageId.NotFound`. */
    readonly code: string;
    /** The service's own message. */
    readonly apiMessage: string;
    readonly requestId: string;

    constructor(target: CallTarget & { code: string; apiMessage: string; requestId: string }) {
        const hint = HINTS.find(([pattern]) => pattern.test(target.code))?.[1];
        super(
            `${describeTarget(target)} failed: ${target.code}: ${target.apiMessage} (RequestId ${target.requestId})` +
                (hint ? `; ${hint}` : ""),
        );
        this.name = "TencentCloudApiError";
        this.service = target.service;
        this.action = target.action;
        this.region = target.region;
        this.code = target.code;
        this.apiMessage = target.apiMessage;
        this.requestId = target.requestId;
    }
}

/** Why a call failed below the API level. */
export type TransportFailureKind =
    /** No connection could be made (refused, DNS): the request never reached the service. */
    | "connect"
    /** The connection broke or the request timed out: the service may have acted on it. */
    | "network"
    | "timeout"
    /** A non-200 HTTP status (API errors come with 200). */
    | "http-status"
    /** A 200 whose body is not a JSON reply envelope. */
    | "unparseable";

/** A network failure, timeout, non-200 status or unparseable reply: no API verdict was read. */
export class TransportError extends Error {
    readonly service: string;
    readonly action: string;
    readonly region: string | undefined;
    readonly kind: TransportFailureKind;
    /** False only when the request certainly never reached the service (safe to resend anything). */
    readonly mayHaveReachedService: boolean;
    readonly httpStatus: number | undefined;

    constructor(
        target: CallTarget & {
            kind: TransportFailureKind;
            detail: string;
            cause?: unknown;
            httpStatus?: number;
            endpoint?: string;
        },
    ) {
        const where = target.endpoint ? ` (${target.endpoint})` : "";
        const advice =
            target.kind === "connect" || target.kind === "network" || target.kind === "timeout"
                ? "check the network and the endpoint setting (TENCENTCLOUD_IMAGES_ENDPOINT)"
                : "the endpoint did not answer like the Tencent Cloud API; check the endpoint setting";
        super(`${describeTarget(target)} failed: ${target.kind} error${where}: ${target.detail}; ${advice}`, {
            cause: target.cause,
        });
        this.name = "TransportError";
        this.service = target.service;
        this.action = target.action;
        this.region = target.region;
        this.kind = target.kind;
        this.mayHaveReachedService = target.kind !== "connect";
        this.httpStatus = target.httpStatus;
    }
}

/** A reply that is a well-formed envelope but does not have the shape the action's reply must have. */
export class ReplyShapeError extends Error {
    readonly service: string;
    readonly action: string;
    readonly region: string | undefined;
    readonly requestId: string | undefined;
    /** Each problem as `<field path>: <what is wrong>`. */
    readonly problems: string[];

    constructor(target: CallTarget & { requestId?: string; problems: string[] }) {
        super(
            `${describeTarget(target)} returned an unexpected reply: ${target.problems.join("; ")}` +
                (target.requestId ? ` (RequestId ${target.requestId})` : ""),
        );
        this.name = "ReplyShapeError";
        this.service = target.service;
        this.action = target.action;
        this.region = target.region;
        this.requestId = target.requestId;
        this.problems = target.problems;
    }
}

/** The call was cancelled through its AbortSignal. */
export class CallAbortedError extends Error {
    constructor(target: CallTarget) {
        super(`${describeTarget(target)} was aborted`);
        this.name = "CallAbortedError";
    }
}

/** Codes that say "too many requests": the service did nothing, so any call may be resent. */
export function isThrottlingCode(code: string): boolean {
    return code === "RequestLimitExceeded" || code.startsWith("RequestLimitExceeded.");
}

/** Codes of transient service-side failures; resending is only safe for idempotent calls. */
export function isTransientServiceCode(code: string): boolean {
    return (
        code === "InternalError" ||
        code.startsWith("InternalError.") ||
        code === "InternalServerError" ||
        code === "ServiceUnavailable" ||
        code === "ResourceUnavailable" ||
        code.startsWith("ResourceUnavailable.")
    );
}

/**
 * Whether a failed call may be sent again.
 * - Throttling: always (the service rejected the request without acting on it).
 * - Transient service errors, timeouts, broken connections, 5xx/429, unparseable replies: only when `idempotent`
 *   (reads). A create/import/copy/share whose reply was lost may have happened: never resend blindly.
 * - A connection that was never made: always (nothing was sent).
 */
export function isRetryable(error: unknown, options: { idempotent: boolean }): boolean {
    if (error instanceof TencentCloudApiError) {
        if (isThrottlingCode(error.code)) return true;
        return options.idempotent && isTransientServiceCode(error.code);
    }
    if (error instanceof TransportError) {
        if (!error.mayHaveReachedService) return true;
        // A 4xx other than 429 is a wrong endpoint or a rejected request: resending will not help.
        if (error.kind === "http-status" && error.httpStatus !== undefined) {
            const transient = error.httpStatus >= 500 || error.httpStatus === 429;
            return transient && options.idempotent;
        }
        return options.idempotent;
    }
    return false;
}

/** Codes meaning the named resource does not exist. */
const NOT_FOUND_CODES = new Set([
    "InvalidImageId.NotFound",
    "InvalidInstanceId.NotFound",
    "InvalidSnapshotId.NotFound",
    "InvalidParameter.SnapshotNotFound",
    "ResourceNotFound",
    "ResourceNotFound.TagNonExist",
]);

/** Whether the error says the resource does not exist (e.g. an image deleted out of band). */
export function isNotFoundError(error: unknown): boolean {
    return error instanceof TencentCloudApiError && NOT_FOUND_CODES.has(error.code);
}

/** The API error code of an error, if it is an API error. */
export function apiErrorCode(error: unknown): string | undefined {
    return error instanceof TencentCloudApiError ? error.code : undefined;
}
