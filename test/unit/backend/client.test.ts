import { strict as assert } from "node:assert";
import nock from "nock";
import { z } from "zod";
import {
    CallInfo,
    serviceUrl,
    TencentCloudClient,
    TencentCloudClientOptions,
} from "../../../provider/backend/client";
import {
    CallAbortedError,
    ReplyShapeError,
    TencentCloudApiError,
    TransportError,
} from "../../../provider/backend/errors";
import { describeImageQuotaReply, emptyReply } from "../../../provider/backend/replySchemas";
import { InstantClock } from "./fakeClock";
import {
    assertSignatureVerifies,
    CVM,
    fakeApi,
    netError,
    SECRET_ID,
    SECRET_KEY,
    SETTINGS,
    TOKEN,
} from "./helpers";

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

function client(options: Partial<TencentCloudClientOptions> = {}) {
    const clock = new InstantClock(START);
    const calls: CallInfo[] = [];
    const c = new TencentCloudClient({
        settings: SETTINGS,
        rateLimiter: false,
        clock,
        random: () => 0.9,
        retry: { baseDelayMs: 2000, maxDelayMs: 20_000, maxAttempts: 4, maxThrottledAttempts: 4 },
        onCall: (info) => calls.push(info),
        ...options,
    });
    return { c, clock, calls };
}

const quota = (region = "ap-guangzhou", idempotent = true) => ({
    service: "cvm",
    version: "2017-03-12",
    action: "DescribeImageQuota",
    region,
    body: {},
    reply: describeImageQuotaReply,
    idempotent,
});

describe("TencentCloudClient", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    describe("request", () => {
        it("sends the X-TC-* headers, the exact body, and a signature that verifies", async () => {
            const sent = fakeApi(CVM, [{ ImageNumQuota: 500 }]);
            const { c } = client();
            const reply = await c.request({
                ...quota(),
                action: "DescribeImages",
                body: { ImageIds: ["img-aaaaaaaa"], Limit: 100, Skip: undefined },
                reply: z.object({}),
            });
            assert.deepEqual(reply, {});
            assert.equal(sent.length, 1);
            const h = sent[0].headers;
            assert.equal(h["content-type"], "application/json");
            assert.equal(h["host"], "cvm.tencentcloudapi.com");
            assert.equal(h["x-tc-action"], "DescribeImages");
            assert.equal(h["x-tc-version"], "2017-03-12");
            assert.equal(h["x-tc-timestamp"], String(START / 1000));
            assert.equal(h["x-tc-region"], "ap-guangzhou");
            assert.equal(h["x-tc-token"], undefined);
            assert.equal(sent[0].body, '{"ImageIds":["img-aaaaaaaa"],"Limit":100}');
            assert.match(
                h["authorization"],
                new RegExp(
                    `^TC3-HMAC-SHA256 Credential=${SECRET_ID}/2026-01-01/cvm/tc3_request, SignedHeaders=content-type;host, `,
                ),
            );
            assertSignatureVerifies(sent[0]);
        });

        it("can sign X-TC-Action too", async () => {
            const sent = fakeApi(CVM, [{ ImageNumQuota: 500 }]);
            await client({ signActionHeader: true }).c.request(quota());
            assert.match(sent[0].headers["authorization"], /SignedHeaders=content-type;host;x-tc-action,/);
            assertSignatureVerifies(sent[0]);
        });

        it("a tampered body would not verify (the check can fail)", async () => {
            const sent = fakeApi(CVM, [{ ImageNumQuota: 500 }]);
            await client().c.request(quota());
            assert.throws(() => assertSignatureVerifies({ ...sent[0], body: '{"x":1}' }), /does not verify/);
            assert.throws(() => assertSignatureVerifies(sent[0], "wrong-key"), /does not verify/);
        });

        it("parses the reply with the action's schema", async () => {
            fakeApi(CVM, [{ ImageNumQuota: 500 }]);
            assert.deepEqual(await client().c.request(quota()), { ImageNumQuota: 500 });
        });

        it("sends X-TC-Token when a session token is set", async () => {
            const sent = fakeApi(CVM, [{ ImageNumQuota: 1 }]);
            await client({ settings: { ...SETTINGS, securityToken: TOKEN } }).c.request(quota());
            assert.equal(sent[0].headers["x-tc-token"], TOKEN);
            assertSignatureVerifies(sent[0]);
        });

        it("omits X-TC-Region for region-less actions", async () => {
            const sent = fakeApi(CVM, [{ RegionSet: [] }]);
            await client().c.request({
                ...quota(),
                action: "DescribeRegions",
                region: undefined,
                reply: z.object({}),
            });
            assert.equal(sent[0].headers["x-tc-region"], undefined);
            assert.equal(sent[0].headers["x-tc-action"], "DescribeRegions");
        });

        it("sends every service to the endpoint override, signing with the real service name", async () => {
            const endpoint = "http://127.0.0.1:18080";
            const sent = fakeApi(endpoint, [{}, {}, { ImageNumQuota: 3 }]);
            const { c } = client({ settings: { ...SETTINGS, endpoint } });
            await c.request({
                ...quota(),
                service: "tag",
                version: "2018-08-13",
                action: "ModifyResourceTags",
                reply: emptyReply,
            });
            await c.request({ ...quota(), service: "cbs", action: "DescribeSnapshots", reply: emptyReply });
            await c.request(quota());
            assert.deepEqual(
                sent.map((s) => /Credential=[^/]+\/[^/]+\/(\w+)\//.exec(s.headers["authorization"])![1]),
                ["tag", "cbs", "cvm"],
            );
            assert.equal(sent[0].headers["host"], "127.0.0.1:18080");
            assert.equal(sent[0].headers["x-tc-version"], "2018-08-13");
            sent.forEach((s) => assertSignatureVerifies(s));
        });

        it("uses the regional host for finance regions", async () => {
            const sent = fakeApi("https://cvm.ap-shanghai-fsi.tencentcloudapi.com", [{ ImageNumQuota: 1 }]);
            await client().c.request(quota("ap-shanghai-fsi"));
            assert.equal(sent[0].headers["host"], "cvm.ap-shanghai-fsi.tencentcloudapi.com");
            assertSignatureVerifies(sent[0]);
        });

        it("serviceUrl picks the host", () => {
            assert.equal(serviceUrl("tag", "ap-guangzhou").toString(), "https://tag.tencentcloudapi.com/");
            assert.equal(
                serviceUrl("cvm", "ap-shenzhen-fsi").host,
                "cvm.ap-shenzhen-fsi.tencentcloudapi.com",
            );
            assert.equal(serviceUrl("cbs", "ap-guangzhou", "http://localhost:9000").host, "localhost:9000");
        });

        it("fails with the no-credentials error before sending anything", async () => {
            const sent = fakeApi(CVM, [{ ImageNumQuota: 1 }]);
            await assert.rejects(
                client({ settings: { maxShareAccounts: 50 } }).c.request(quota()),
                /No Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID/,
            );
            assert.equal(sent.length, 0);
        });
    });

    describe("errors", () => {
        it("an API error keeps code, message and RequestId, and names action and region", async () => {
            fakeApi(CVM, [{ Error: { Code: "InvalidImageId.Malformed", Message: "bad id img-x" } }]);
            const error = await client()
                .c.request(quota())
                .then(
                    () => assert.fail("should fail"),
                    (e: unknown) => e,
                );
            assert.ok(error instanceof TencentCloudApiError);
            assert.equal(error.code, "InvalidImageId.Malformed");
            assert.equal(error.apiMessage, "bad id img-x");
            assert.match(error.requestId, /^req-\d+$/);
            assert.equal(error.action, "DescribeImageQuota");
            assert.equal(error.region, "ap-guangzhou");
            assert.equal(error.service, "cvm");
            assert.equal(
                error.message,
                `DescribeImageQuota in ap-guangzhou failed: InvalidImageId.Malformed: bad id img-x (RequestId ${error.requestId})`,
            );
        });

        it("auth errors add advice and never leak credentials", async () => {
            fakeApi(CVM, [
                { Error: { Code: "AuthFailure.SignatureFailure", Message: "signature mismatch" } },
            ]);
            const { c } = client({ settings: { ...SETTINGS, securityToken: TOKEN } });
            const error = (await c.request(quota()).catch((e: unknown) => e)) as Error;
            assert.match(error.message, /check the secretId\/secretKey settings/);
            const everything = JSON.stringify({ m: error.message, s: error.stack, e: { ...error } });
            for (const secret of [SECRET_KEY, TOKEN])
                assert.ok(!everything.includes(secret), "secret leaked");
        });

        it("a non-200 status is a TransportError", async () => {
            fakeApi(CVM, [{ status: 404, raw: "not here" }]);
            const error = await client()
                .c.request({ ...quota(), idempotent: false })
                .catch((e: unknown) => e);
            assert.ok(error instanceof TransportError);
            assert.equal(error.kind, "http-status");
            assert.equal(error.httpStatus, 404);
            assert.match(
                error.message,
                /DescribeImageQuota in ap-guangzhou failed: http-status error .*HTTP 404: not here/,
            );
        });

        it("a reply that is not JSON is a TransportError (unparseable)", async () => {
            fakeApi(CVM, [{ status: 200, raw: "<html>gateway</html>" }]);
            const error = await client()
                .c.request({ ...quota(), idempotent: false })
                .catch((e: unknown) => e);
            assert.ok(error instanceof TransportError);
            assert.equal(error.kind, "unparseable");
        });

        it("JSON without the envelope is a TransportError (unparseable)", async () => {
            fakeApi(CVM, [{ status: 200, raw: '{"hello":"world"}' }]);
            const error = await client()
                .c.request({ ...quota(), idempotent: false })
                .catch((e: unknown) => e);
            assert.ok(error instanceof TransportError);
            assert.match(error.message, /not a Tencent Cloud API envelope.*Response/);
        });

        it("a malformed reply is a boundary error naming the action and the field", async () => {
            fakeApi(CVM, [{ ImageNumQuota: "lots" }]);
            const error = await client()
                .c.request(quota())
                .catch((e: unknown) => e);
            assert.ok(error instanceof ReplyShapeError);
            assert.equal(error.action, "DescribeImageQuota");
            assert.match(
                error.message,
                /^DescribeImageQuota in ap-guangzhou returned an unexpected reply: Response\.ImageNumQuota: /,
            );
            assert.match(error.message, /RequestId req-\d+/);
        });

        it("a network failure is a TransportError with a sanitised cause", async () => {
            fakeApi(CVM, [{ error: netError("ECONNRESET") }]);
            const { c } = client({ settings: { ...SETTINGS, securityToken: TOKEN } });
            const error = await c.request({ ...quota(), idempotent: false }).catch((e: unknown) => e);
            assert.ok(error instanceof TransportError);
            assert.equal(error.kind, "network");
            assert.equal(error.mayHaveReachedService, true);
            assert.match(String((error.cause as Error).message), /ECONNRESET/);
            assert.ok(!JSON.stringify(error.cause, Object.getOwnPropertyNames(error.cause)).includes(TOKEN));
        });

        it("a timeout is a TransportError of kind timeout", async () => {
            fakeApi(CVM, [{ error: netError("ETIMEDOUT") }]);
            const error = await client()
                .c.request({ ...quota(), idempotent: false })
                .catch((e: unknown) => e);
            assert.ok(error instanceof TransportError);
            assert.equal(error.kind, "timeout");
        });

        it("an aborted signal stops the call before sending", async () => {
            const sent = fakeApi(CVM, [{ ImageNumQuota: 1 }]);
            const controller = new AbortController();
            controller.abort();
            const error = await client()
                .c.request({ ...quota(), signal: controller.signal })
                .catch((e: unknown) => e);
            assert.ok(error instanceof CallAbortedError);
            assert.equal(sent.length, 0);
        });
    });

    describe("retry", () => {
        it("retries throttling, re-signing with a fresh timestamp, then succeeds", async () => {
            const sent = fakeApi(CVM, [
                { Error: { Code: "RequestLimitExceeded", Message: "slow down" } },
                { Error: { Code: "RequestLimitExceeded.UinLimitExceeded", Message: "slow down" } },
                { ImageNumQuota: 7 },
            ]);
            const { c, clock, calls } = client();
            const reply = await c.request({ ...quota(), idempotent: false });
            assert.equal(reply.ImageNumQuota, 7);
            assert.equal(sent.length, 3);
            // Full jitter with random()=0.9: 0.9 × 2000, then 0.9 × 4000.
            assert.deepEqual(clock.sleeps, [1800, 3600]);
            const timestamps = sent.map((s) => Number(s.headers["x-tc-timestamp"]));
            assert.deepEqual(timestamps, [START / 1000, START / 1000 + 1, START / 1000 + 5]);
            sent.forEach((s) => assertSignatureVerifies(s));
            assert.ok(sent.every((s) => s.body === sent[0].body));
            assert.deepEqual(
                calls.map((c) => [c.attempt, c.outcome, c.code]),
                [
                    [1, "api-error", "RequestLimitExceeded"],
                    [2, "api-error", "RequestLimitExceeded.UinLimitExceeded"],
                    [3, "success", undefined],
                ],
            );
        });

        it("gives up after maxAttempts with the last error", async () => {
            const throttled = { Error: { Code: "RequestLimitExceeded", Message: "slow down" } };
            const sent = fakeApi(CVM, [throttled, throttled, throttled, throttled, { ImageNumQuota: 1 }]);
            const error = await client()
                .c.request(quota())
                .catch((e: unknown) => e);
            assert.ok(error instanceof TencentCloudApiError);
            assert.equal(error.code, "RequestLimitExceeded");
            assert.equal(sent.length, 4);
            assert.match(error.message, /retries were exhausted/);
        });

        it("retries InternalError and network errors for idempotent calls", async () => {
            const sent = fakeApi(CVM, [
                { Error: { Code: "InternalError", Message: "oops" } },
                { error: netError("ECONNRESET") },
                { Error: { Code: "ServiceUnavailable", Message: "busy" } },
                { ImageNumQuota: 2 },
            ]);
            const { c, calls } = client();
            assert.equal((await c.request(quota())).ImageNumQuota, 2);
            assert.equal(sent.length, 3); // the reset request never reached the reply function
            assert.deepEqual(
                calls.map((call) => [call.attempt, call.outcome]),
                [
                    [1, "api-error"],
                    [2, "transport-error"],
                    [3, "api-error"],
                    [4, "success"],
                ],
            );
            assert.ok(nock.isDone());
        });

        it("does not retry InternalError for non-idempotent calls", async () => {
            const sent = fakeApi(CVM, [
                { Error: { Code: "InternalError", Message: "oops" } },
                { ImageNumQuota: 2 },
            ]);
            const error = await client()
                .c.request({ ...quota(), idempotent: false })
                .catch((e: unknown) => e);
            assert.ok(error instanceof TencentCloudApiError);
            assert.equal(error.code, "InternalError");
            assert.equal(sent.length, 1);
        });

        it("does not resend a non-idempotent call whose reply was lost", async () => {
            fakeApi(CVM, [{ error: netError("ECONNRESET") }, { ImageNumQuota: 2 }]);
            const { c, calls } = client();
            const error = await c.request({ ...quota(), idempotent: false }).catch((e: unknown) => e);
            assert.ok(error instanceof TransportError);
            assert.equal(calls.length, 1);
            assert.equal(nock.pendingMocks().length, 1);
        });

        it("resends a non-idempotent call that never reached the service (connection refused)", async () => {
            fakeApi(CVM, [{ error: netError("ECONNREFUSED") }, { ImageNumQuota: 2 }]);
            const { c, calls } = client();
            assert.equal((await c.request({ ...quota(), idempotent: false })).ImageNumQuota, 2);
            assert.deepEqual(
                calls.map((c) => c.outcome),
                ["transport-error", "success"],
            );
        });

        it("does not retry a client error such as InvalidParameter", async () => {
            const sent = fakeApi(CVM, [
                { Error: { Code: "InvalidParameter", Message: "no" } },
                { ImageNumQuota: 2 },
            ]);
            await assert.rejects(client().c.request(quota()), TencentCloudApiError);
            assert.equal(sent.length, 1);
        });
    });
});
