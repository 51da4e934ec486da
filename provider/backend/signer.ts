/**
 * TC3-HMAC-SHA256, the request signature of Tencent Cloud API 3.0, as one small pure unit.
 *
 * Every intermediate step is exported so the tests can check each published test vector step by
 * step (payload hash, canonical request, string to sign, the derived-key chain, the signature).
 */
import { createHash, createHmac } from "node:crypto";

/** The signature algorithm name, as it appears in the string to sign and the Authorization header. */
export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

/** What a signature covers. `body` must be the exact string that will be sent. */
export interface SignRequestInput {
    secretId: string;
    secretKey: string;
    /** The service of the credential scope, e.g. `cvm`, `tag`, `cbs` (not derived from the host). */
    service: string;
    /** The Host header value that will be sent (and therefore signed). */
    host: string;
    /** The API action, e.g. `DescribeImages`; signed only when `x-tc-action` is in `signedHeaders`. */
    action: string;
    /** UNIX seconds (X-TC-Timestamp). */
    timestamp: number;
    /** The exact request body. */
    body: string;
    /** The Content-Type header value that will be sent, e.g. `application/json`. */
    contentType: string;
    /**
     * Which headers to sign; `content-type` and `host` are always included. Default
     * `["content-type", "host"]`; add `"x-tc-action"` to sign the action too (current doc revision).
     */
    signedHeaders?: string[];
}

/** The signature and every intermediate value it was derived from. */
export interface SignedRequest {
    /** The Authorization header value. */
    authorization: string;
    /** The lowercase hex signature. */
    signature: string;
    /** `<date>/<service>/tc3_request`. */
    credentialScope: string;
    /** UTC `YYYY-MM-DD` of the timestamp. */
    date: string;
    hashedPayload: string;
    canonicalHeaders: string;
    signedHeaders: string;
    canonicalRequest: string;
    hashedCanonicalRequest: string;
    stringToSign: string;
    /** The derived keys, hex-encoded (raw bytes are chained; hex is only for inspection). */
    secretDate: string;
    secretService: string;
    secretSigning: string;
}

/** Lowercase hex SHA-256 of a UTF-8 string. */
export function sha256Hex(data: string): string {
    return createHash("sha256").update(data, "utf8").digest("hex");
}

/** Raw HMAC-SHA256. */
export function hmacSha256(key: string | Buffer, message: string): Buffer {
    return createHmac("sha256", key).update(message, "utf8").digest();
}

/** The UTC date (`YYYY-MM-DD`) of a UNIX timestamp in seconds. Local time would break near midnight. */
export function utcDate(timestamp: number): string {
    return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** `<date>/<service>/tc3_request`. */
export function credentialScope(date: string, service: string): string {
    return `${date}/${service}/tc3_request`;
}

/** The hashed request payload: lowercase hex SHA-256 of the exact body bytes. */
export function hashedPayload(body: string): string {
    return sha256Hex(body);
}

/**
 * Canonical headers and the signed-headers list. Names are lowercased and ASCII-sorted; values are
 * trimmed and lowercased (the spec says so; the Node SDK skips lowercasing, harmless for lowercase values).
 */
export function canonicalHeaders(headers: Record<string, string>): {
    canonicalHeaders: string;
    signedHeaders: string;
} {
    const entries = Object.entries(headers)
        .map(([name, value]) => [name.toLowerCase(), value.trim().toLowerCase()] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
        canonicalHeaders: entries.map(([name, value]) => `${name}:${value}\n`).join(""),
        signedHeaders: entries.map(([name]) => name).join(";"),
    };
}

/** The canonical request of a POST to `/` (no query string). */
export function canonicalRequest(
    canonicalHeadersText: string,
    signedHeaders: string,
    payloadHash: string,
): string {
    return ["POST", "/", "", canonicalHeadersText, signedHeaders, payloadHash].join("\n");
}

/** The string to sign. */
export function stringToSign(timestamp: number, scope: string, hashedCanonicalRequest: string): string {
    return [TC3_ALGORITHM, String(timestamp), scope, hashedCanonicalRequest].join("\n");
}

/** SecretDate = HMAC("TC3" + SecretKey, date). */
export function deriveSecretDate(secretKey: string, date: string): Buffer {
    return hmacSha256(`TC3${secretKey}`, date);
}

/** SecretService = HMAC(SecretDate, service); SecretSigning = HMAC(SecretService, "tc3_request"). */
export function deriveSigningKeyFromSecretDate(
    secretDate: Buffer,
    service: string,
): { secretService: Buffer; secretSigning: Buffer } {
    const secretService = hmacSha256(secretDate, service);
    const secretSigning = hmacSha256(secretService, "tc3_request");
    return { secretService, secretSigning };
}

/** Signature = lowercase hex HMAC(SecretSigning, StringToSign). */
export function signatureFor(secretSigning: Buffer, toSign: string): string {
    return createHmac("sha256", secretSigning).update(toSign, "utf8").digest("hex");
}

/** The Authorization header value. */
export function authorizationHeader(
    secretId: string,
    scope: string,
    signedHeaders: string,
    signature: string,
): string {
    return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const ALWAYS_SIGNED = ["content-type", "host"];

/** Signs one POST request with TC3-HMAC-SHA256. Pure: same input, same output. */
export function signRequest(input: SignRequestInput): SignedRequest {
    const names = new Set([...ALWAYS_SIGNED, ...(input.signedHeaders ?? []).map((n) => n.toLowerCase())]);
    const values: Record<string, string> = {};
    for (const name of names) {
        if (name === "content-type") values[name] = input.contentType;
        else if (name === "host") values[name] = input.host;
        else if (name === "x-tc-action") values[name] = input.action;
        else
            throw new Error(
                `signRequest: cannot sign header "${name}" (only content-type, host, x-tc-action)`,
            );
    }
    const date = utcDate(input.timestamp);
    const scope = credentialScope(date, input.service);
    const payloadHash = hashedPayload(input.body);
    const headers = canonicalHeaders(values);
    const canonical = canonicalRequest(headers.canonicalHeaders, headers.signedHeaders, payloadHash);
    const hashedCanonical = sha256Hex(canonical);
    const toSign = stringToSign(input.timestamp, scope, hashedCanonical);
    const secretDate = deriveSecretDate(input.secretKey, date);
    const { secretService, secretSigning } = deriveSigningKeyFromSecretDate(secretDate, input.service);
    const signature = signatureFor(secretSigning, toSign);
    return {
        authorization: authorizationHeader(input.secretId, scope, headers.signedHeaders, signature),
        signature,
        credentialScope: scope,
        date,
        hashedPayload: payloadHash,
        canonicalHeaders: headers.canonicalHeaders,
        signedHeaders: headers.signedHeaders,
        canonicalRequest: canonical,
        hashedCanonicalRequest: hashedCanonical,
        stringToSign: toSign,
        secretDate: secretDate.toString("hex"),
        secretService: secretService.toString("hex"),
        secretSigning: secretSigning.toString("hex"),
    };
}
