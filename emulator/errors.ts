/** The error every rule and wire check throws; the wire layer renders it as `Response.Error`. */
export class ApiError extends Error {
    /** @param code the Tencent Cloud error code, e.g. `InvalidImageId.NotFound`. */
    constructor(
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "ApiError";
    }
}

/** Shorthand for `throw new ApiError(code, message)` in expression position. */
export function fail(code: string, message: string): never {
    throw new ApiError(code, message);
}
