/**
 * Errors of the resource providers. Every message names the resource kind, its logical name, the
 * operation, the API error code and RequestId when there is one, and what to do next. An error that
 * carries `id` (and `properties`) tells the Pulumi engine that the resource exists although the
 * operation failed, so the engine records it instead of losing it (partial create / update).
 */
import { TencentCloudApiError, TransportError } from "../backend/errors";
import { describeResource, type ResourceRef } from "../model/kinds";

/** The provider methods, as named in messages. */
export type Operation = "check" | "diff" | "create" | "read" | "update" | "delete";

/**
 * A failed provider operation. `id`/`properties` are read by the dynamic-provider host
 * (`grpcResponseFromError`): when `id` is set, the engine keeps the resource with these properties
 * and the next `pulumi up` calls `update` to finish the job.
 */
export class ResourceOperationError extends Error {
    /** Set when the resource exists despite the failure (partial create/update). */
    id?: string;
    /** The outputs to record with `id` (must include `__provider`). */
    properties?: Record<string, unknown>;
    /** Reasons the engine shows for an initialisation failure. */
    reasons?: string[];
    /** The API error code behind the failure, if any. */
    readonly code: string | undefined;
    /** The RequestId behind the failure, if any. */
    readonly requestId: string | undefined;

    constructor(message: string, options: { cause?: unknown; code?: string; requestId?: string } = {}) {
        super(message, { cause: options.cause });
        this.name = "ResourceOperationError";
        this.code = options.code;
        this.requestId = options.requestId;
    }

    /** Marks the resource as existing: the engine records `id` with `properties` instead of dropping it. */
    withPartialState(id: string, properties: object): this {
        this.id = id;
        this.properties = { ...properties };
        this.reasons = [this.message];
        return this;
    }
}

/** The generic advice for an error that carries no specific hint. */
function defaultAdvice(error: unknown, op: Operation): string {
    if (error instanceof TransportError) return "";
    if (error instanceof TencentCloudApiError) {
        if (error.code.startsWith("AuthFailure") || error.code.includes("Unauthorized")) return "";
        if (op === "read") return "fix the cause and run `pulumi refresh` again";
        if (op === "delete") return "fix the cause and run `pulumi destroy` (or `pulumi up`) again";
        return "fix the cause and run `pulumi up` again";
    }
    return "";
}

/**
 * Wraps any error of an operation into a ResourceOperationError whose message names the resource and
 * the operation. A ResourceOperationError passes through unchanged (it is already worded).
 */
export function wrapOperationError(ref: ResourceRef, op: Operation, error: unknown): ResourceOperationError {
    if (error instanceof ResourceOperationError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    const advice = defaultAdvice(error, op);
    const code = error instanceof TencentCloudApiError ? error.code : undefined;
    const requestId = error instanceof TencentCloudApiError ? error.requestId : undefined;
    return new ResourceOperationError(
        `${describeResource(ref)}: ${op} failed: ${detail}${advice ? `; ${advice}` : ""}`,
        {
            cause: error,
            code,
            requestId,
        },
    );
}

/**
 * Builds a worded error for a known situation: `<resource>: <op> failed: <what>; <what to do>`, with
 * the code and RequestId of the API error behind it appended when there is one.
 */
export function operationError(
    ref: ResourceRef,
    op: Operation,
    what: string,
    todo: string,
    cause?: unknown,
): ResourceOperationError {
    const api = cause instanceof TencentCloudApiError ? cause : undefined;
    const suffix = api ? ` (${api.code}, RequestId ${api.requestId})` : "";
    return new ResourceOperationError(`${describeResource(ref)}: ${op} failed: ${what}${suffix}; ${todo}`, {
        cause,
        code: api?.code,
        requestId: api?.requestId,
    });
}

/** The API error code of an error, or undefined. */
export function errorCode(error: unknown): string | undefined {
    return error instanceof TencentCloudApiError ? error.code : undefined;
}

/** True when a failed call may have been carried out although its reply was lost. */
export function replyMayBeLost(error: unknown): boolean {
    return error instanceof TransportError && error.mayHaveReachedService;
}
