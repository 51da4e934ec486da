import { strict as assert } from "node:assert";
import {
    isNotFoundError,
    isRetryable,
    ReplyShapeError,
    TencentCloudApiError,
    TransportError,
} from "../../../provider/backend/errors";

const target = { service: "cvm", action: "CreateImage", region: "ap-guangzhou" };
const api = (code: string) =>
    new TencentCloudApiError({
        ...target,
        code,
        apiMessage: "msg",
        requestId: "11111111-2222-3333-4444-555555555555",
    });
const transport = (kind: TransportError["kind"], httpStatus?: number) =>
    new TransportError({ ...target, kind, detail: "d", httpStatus });

describe("errors", () => {
    it("API error message names action, region, code, message and RequestId", () => {
        const e = api("InvalidImageId.Malformed");
        assert.equal(
            e.message,
            "CreateImage in ap-guangzhou failed: InvalidImageId.Malformed: msg (RequestId 11111111-2222-3333-4444-555555555555)",
        );
        assert.ok(e instanceof Error);
        assert.equal(e.name, "TencentCloudApiError");
    });

    it("an authentication failure names both places the keys can be set", () => {
        for (const code of ["AuthFailure.SecretIdNotFound", "AuthFailure.SignatureFailure"]) {
            assert.match(
                api(code).message,
                /; check the secretId\/secretKey settings \(stack config tencentcloud-images:secretId \/ tencentcloud-images:secretKey, or env TENCENTCLOUD_SECRET_ID \/ TENCENTCLOUD_SECRET_KEY\)$/,
            );
        }
    });

    it("names a non-cvm service and omits a missing region", () => {
        const e = new TencentCloudApiError({
            service: "tag",
            action: "ModifyResourceTags",
            code: "X",
            apiMessage: "m",
            requestId: "r",
        });
        assert.match(e.message, /^tag ModifyResourceTags failed: X: m \(RequestId r\)$/);
    });

    it("throttling is always retryable", () => {
        for (const code of [
            "RequestLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
            "RequestLimitExceeded.IPLimitExceeded",
        ]) {
            assert.equal(isRetryable(api(code), { idempotent: false }), true, code);
            assert.equal(isRetryable(api(code), { idempotent: true }), true, code);
        }
    });

    it("transient service errors are retryable only when idempotent", () => {
        for (const code of [
            "InternalError",
            "InternalError.TradeUnknownError",
            "InternalServerError",
            "ServiceUnavailable",
            "ResourceUnavailable",
        ]) {
            assert.equal(isRetryable(api(code), { idempotent: true }), true, code);
            assert.equal(isRetryable(api(code), { idempotent: false }), false, code);
        }
    });

    it("client errors are never retryable", () => {
        for (const code of [
            "InvalidParameter",
            "AuthFailure.SignatureFailure",
            "ImageQuotaLimitExceeded",
            "InvalidImageName.Duplicate",
        ]) {
            assert.equal(isRetryable(api(code), { idempotent: true }), false, code);
        }
    });

    it("transport errors: lost replies only for reads; never-sent always; 4xx never", () => {
        assert.equal(isRetryable(transport("network"), { idempotent: true }), true);
        assert.equal(isRetryable(transport("network"), { idempotent: false }), false);
        assert.equal(isRetryable(transport("timeout"), { idempotent: false }), false);
        assert.equal(isRetryable(transport("connect"), { idempotent: false }), true);
        assert.equal(transport("connect").mayHaveReachedService, false);
        assert.equal(isRetryable(transport("http-status", 503), { idempotent: true }), true);
        assert.equal(isRetryable(transport("http-status", 503), { idempotent: false }), false);
        assert.equal(isRetryable(transport("http-status", 404), { idempotent: true }), false);
        assert.equal(
            isRetryable(new ReplyShapeError({ ...target, problems: ["x"] }), { idempotent: true }),
            false,
        );
        assert.equal(isRetryable(new Error("x"), { idempotent: true }), false);
    });

    it("isNotFoundError", () => {
        assert.equal(isNotFoundError(api("InvalidImageId.NotFound")), true);
        assert.equal(isNotFoundError(api("ResourceNotFound")), true);
        assert.equal(isNotFoundError(api("InvalidImageId.Malformed")), false);
        assert.equal(isNotFoundError(new Error("InvalidImageId.NotFound")), false);
    });
});
