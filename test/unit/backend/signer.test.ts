import { strict as assert } from "node:assert";
import {
    deriveSigningKeyFromSecretDate,
    signatureFor,
    signRequest,
    utcDate,
} from "../../../provider/backend/signer";

const SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
// A literal backslash-u escape in the body bytes, not the decoded characters.
const BODY_A = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const PAYLOAD_A = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";

describe("signer (TC3-HMAC-SHA256 published vectors)", () => {
    it("vector A body is the exact 86 bytes", () => {
        assert.equal(Buffer.byteLength(BODY_A, "utf8"), 86);
    });

    it("vector A: every intermediate and the signature", () => {
        const s = signRequest({
            secretId: SECRET_ID,
            secretKey: SECRET_KEY,
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            action: "DescribeInstances",
            timestamp: 1551113065,
            body: BODY_A,
            contentType: "application/json; charset=utf-8",
        });
        assert.equal(s.date, "2019-02-25");
        assert.equal(s.hashedPayload, PAYLOAD_A);
        assert.equal(
            s.canonicalRequest,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" +
                PAYLOAD_A,
        );
        assert.equal(
            s.hashedCanonicalRequest,
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
        );
        assert.equal(
            s.stringToSign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n" +
                "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
        );
        assert.equal(s.secretDate, "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a");
        assert.equal(s.secretService, "3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050");
        assert.equal(s.secretSigning, "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1");
        assert.equal(s.signature, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
        assert.equal(
            s.authorization,
            `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, ` +
                "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
        );
    });

    describe("vector A2 (x-tc-action signed)", () => {
        const s = () =>
            signRequest({
                secretId: SECRET_ID,
                secretKey: SECRET_KEY,
                service: "cvm",
                host: "cvm.tencentcloudapi.com",
                action: "DescribeInstances",
                timestamp: 1551113065,
                body: BODY_A,
                contentType: "application/json; charset=utf-8",
                signedHeaders: ["x-tc-action"],
            });

        it("canonical request lowercases the action value and hashes as published", () => {
            const signed = s();
            assert.equal(
                signed.canonicalRequest,
                "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n" +
                    "x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n" +
                    PAYLOAD_A,
            );
            assert.equal(
                signed.hashedCanonicalRequest,
                "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
            );
        });

        it("the chain from the published SecretDate gives the published signature", () => {
            const signed = s();
            const secretDate = Buffer.from(
                "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0",
                "hex",
            );
            const { secretService, secretSigning } = deriveSigningKeyFromSecretDate(secretDate, "cvm");
            assert.equal(
                secretService.toString("hex"),
                "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f",
            );
            assert.equal(
                secretSigning.toString("hex"),
                "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af",
            );
            assert.equal(
                signatureFor(secretSigning, signed.stringToSign),
                "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
            );
        });

        it("with the EXAMPLE key signs to 644be983…", () => {
            const signed = s();
            assert.equal(signed.signedHeaders, "content-type;host;x-tc-action");
            assert.equal(
                signed.signature,
                "644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26",
            );
        });
    });

    it("vector B (SDK style, DescribeImages)", () => {
        const s = signRequest({
            secretId: SECRET_ID,
            secretKey: SECRET_KEY,
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            action: "DescribeImages",
            timestamp: 1700000000,
            body: '{"ImageIds":["img-6pb6lrmy"]}',
            contentType: "application/json",
        });
        assert.equal(s.date, "2023-11-14");
        assert.equal(s.hashedPayload, "24cf1f81eb8e441fed75ac2df37283fc7686f5f1c10d4ba8b47a2b96c6c3bdf4");
        assert.equal(
            s.hashedCanonicalRequest,
            "aa06c3abe9d6ad1fbf840d46c3b93ba0ee28ffa8a5b11fa5cabacc586e889e52",
        );
        assert.equal(s.secretSigning, "ccd0b3184f12b1f5b0384f27ec2857fcd01320d87e7e525005c345883331ab99");
        assert.equal(
            s.authorization,
            `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2023-11-14/cvm/tc3_request, SignedHeaders=content-type;host, ` +
                "Signature=2029cf5bfeed853b14b00d51f9ebe77c9ddad637feb71477bc2e862061468445",
        );
    });

    it("vector C (x-tc-action signed, regional host)", () => {
        const s = signRequest({
            secretId: SECRET_ID,
            secretKey: SECRET_KEY,
            service: "cvm",
            host: "cvm.ap-guangzhou.tencentcloudapi.com",
            action: "CreateImage",
            timestamp: 1700000000,
            body: '{"InstanceId":"ins-6pb6lrmy","ImageName":"myImage"}',
            contentType: "application/json; charset=utf-8",
            signedHeaders: ["x-tc-action"],
        });
        assert.equal(s.hashedPayload, "96440f46ada658d05af7811a3c86b56708c0a674530dcabc9d31ee90fe892ba6");
        assert.equal(
            s.canonicalHeaders,
            "content-type:application/json; charset=utf-8\nhost:cvm.ap-guangzhou.tencentcloudapi.com\n" +
                "x-tc-action:createimage\n",
        );
        assert.equal(
            s.hashedCanonicalRequest,
            "d9c0abe8ec7405c71c0cfd76f0c0744678a0825f19b66a389ab4a0fc157060b2",
        );
        assert.equal(s.signature, "0d7d0bac5a4f30f3e3230ece1ae8e06cf94cc379bae249aaef74685d6892694a");
    });

    it("vector D (empty body, UTC date boundary)", () => {
        const s = signRequest({
            secretId: SECRET_ID,
            secretKey: SECRET_KEY,
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            action: "DescribeImageQuota",
            timestamp: 1704067199,
            body: "{}",
            contentType: "application/json",
        });
        assert.equal(s.hashedPayload, "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assert.equal(
            s.hashedCanonicalRequest,
            "b7511c2a57e10458e52fe57af7b28c25796fc538db71eef3b256d94528d8834d",
        );
        assert.equal(s.credentialScope, "2023-12-31/cvm/tc3_request");
        assert.equal(s.signature, "06031b489b9ec784f8ddc115fc0c149bcde4f8d1dabed60c380aeeff4f2fe957");
    });

    it("uses the UTC date, one second either side of midnight", () => {
        assert.equal(utcDate(1704067199), "2023-12-31");
        assert.equal(utcDate(1704067200), "2024-01-01");
    });

    it("trims and lowercases header values, and signs with the given service", () => {
        const a = signRequest({
            secretId: SECRET_ID,
            secretKey: SECRET_KEY,
            service: "tag",
            host: "  TAG.tencentcloudapi.com ",
            action: "ModifyResourceTags",
            timestamp: 1700000000,
            body: "{}",
            contentType: "Application/JSON",
        });
        assert.equal(a.canonicalHeaders, "content-type:application/json\nhost:tag.tencentcloudapi.com\n");
        assert.equal(a.credentialScope, "2023-11-14/tag/tc3_request");
    });

    it("refuses to sign a header it does not know the value of", () => {
        assert.throws(
            () =>
                signRequest({
                    secretId: SECRET_ID,
                    secretKey: SECRET_KEY,
                    service: "cvm",
                    host: "cvm.tencentcloudapi.com",
                    action: "DescribeImages",
                    timestamp: 1700000000,
                    body: "{}",
                    contentType: "application/json",
                    signedHeaders: ["x-tc-region"],
                }),
            /x-tc-region/,
        );
    });
});
