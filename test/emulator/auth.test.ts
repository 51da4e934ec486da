import { strict as assert } from "node:assert";
import { MAIN_ACCOUNT, THIRD_ACCOUNT } from "../../emulator/accounts";
import { computeSignature } from "../../emulator/wire/auth";
import { call, errorCode, ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";

const key = MAIN_ACCOUNT;

describe("emulator: TC3 authentication", () => {
    const f = useEmulator();
    const quota = { action: "DescribeImageQuota", key };

    it("verifier reproduces the reference's vector D (date boundary, empty body)", () => {
        const sig = computeSignature({
            secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            date: "2023-12-31",
            timestamp: "1704067199",
            canonicalHeaders: "content-type:application/json\nhost:cvm.tencentcloudapi.com\n",
            signedHeaders: "content-type;host",
            payloadHash: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        });
        assert.equal(sig, "06031b489b9ec784f8ddc115fc0c149bcde4f8d1dabed60c380aeeff4f2fe957");
    });

    it("accepts a correctly signed call and returns a UUID RequestId", async () => {
        const r = await ok(f.endpoint, quota);
        assert.equal(r.ImageNumQuota, 10);
        assert.match(r.RequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    it("accepts a host signed without the port (Node SDK style) and with it", async () => {
        const host = new URL(f.endpoint).hostname;
        await ok(f.endpoint, { ...quota, signHost: host });
        await ok(f.endpoint, { ...quota, signHost: new URL(f.endpoint).host });
    });

    it("accepts x-tc-action in SignedHeaders (lowercased value)", async () => {
        await ok(f.endpoint, { ...quota, extraSigned: { "x-tc-action": "DescribeImageQuota" } });
    });

    it("missing Authorization → AuthFailure.InvalidAuthorization", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, authorization: null }),
            "AuthFailure.InvalidAuthorization",
        );
    });

    it("malformed Authorization → AuthFailure.InvalidAuthorization", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, authorization: "TC3-HMAC-SHA256 Credential=x" }),
            "AuthFailure.InvalidAuthorization",
        );
    });

    it("unknown SecretId → AuthFailure.SecretIdNotFound", async () => {
        assert.equal(
            await errorCode(f.endpoint, {
                ...quota,
                key: { secretId: "AKIDunknown", secretKey: key.secretKey },
            }),
            "AuthFailure.SecretIdNotFound",
        );
    });

    it("wrong secret key → AuthFailure.SignatureFailure", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, key: { secretId: key.secretId, secretKey: "wrong" } }),
            "AuthFailure.SignatureFailure",
        );
    });

    it("body changed after signing → AuthFailure.SignatureFailure", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, bodyAfterSigning: '{"x":1}' }),
            "AuthFailure.SignatureFailure",
        );
    });

    it("wrong signed host → AuthFailure.SignatureFailure", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, signHost: "cvm.tencentcloudapi.com" }),
            "AuthFailure.SignatureFailure",
        );
    });

    it("timestamp more than 300 s off → AuthFailure.SignatureExpire (past and future)", async () => {
        const now = Math.floor(Date.now() / 1000);
        assert.equal(
            await errorCode(f.endpoint, { ...quota, timestamp: now - 301 }),
            "AuthFailure.SignatureExpire",
        );
        assert.equal(
            await errorCode(f.endpoint, { ...quota, timestamp: now + 400 }),
            "AuthFailure.SignatureExpire",
        );
        await ok(f.endpoint, { ...quota, timestamp: now - 200 });
    });

    it("credential date not the UTC date of the timestamp → AuthFailure.SignatureFailure", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, date: "2020-01-01" }),
            "AuthFailure.SignatureFailure",
        );
    });

    it("SignedHeaders without host → AuthFailure.SignatureFailure", async () => {
        const r = await call(f.endpoint, {
            ...quota,
            authorization: `TC3-HMAC-SHA256 Credential=${key.secretId}/${new Date().toISOString().slice(0, 10)}/cvm/tc3_request, SignedHeaders=content-type, Signature=${"0".repeat(64)}`,
        });
        assert.equal(r.Error?.Code, "AuthFailure.SignatureFailure");
    });

    it("service comes from the Credential scope: a cvm action signed as tag → InvalidAction", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, service: "tag", version: "2017-03-12" }),
            "InvalidAction",
        );
    });

    describe("X-TC-Token", () => {
        const temp = THIRD_ACCOUNT.temporary!;

        it("a temporary key with its token is accepted", async () => {
            await ok(f.endpoint, { ...quota, key: temp });
        });

        it("a temporary key with a wrong or missing token → AuthFailure.TokenFailure", async () => {
            assert.equal(
                await errorCode(f.endpoint, { ...quota, key: { ...temp, token: "bad" } }),
                "AuthFailure.TokenFailure",
            );
            assert.equal(
                await errorCode(f.endpoint, {
                    ...quota,
                    key: { secretId: temp.secretId, secretKey: temp.secretKey },
                }),
                "AuthFailure.TokenFailure",
            );
        });

        it("a token with a permanent key → AuthFailure.TokenFailure", async () => {
            assert.equal(
                await errorCode(f.endpoint, { ...quota, key: { ...key, token: "anything" } }),
                "AuthFailure.TokenFailure",
            );
        });
    });
});
