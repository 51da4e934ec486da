/**
 * TC3-HMAC-SHA256 verification, written from the published algorithm (API reference §1.3/§1.5)
 * and independent of the provider's signer, so that a bug in one is caught by the other.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { IncomingHttpHeaders } from "node:http";
import { fail } from "../errors";
import { KeyMatch, Store } from "../models/store";

/** Largest accepted difference between X-TC-Timestamp and the server's clock (seconds). */
export const MAX_CLOCK_SKEW_S = 300;

const AUTH_RE =
    /^TC3-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/;

/** The parts of an Authorization header. */
export interface ParsedAuthorization {
    secretId: string;
    date: string;
    service: string;
    signedHeaders: string[];
    signature: string;
}

/** Parses an Authorization header, else AuthFailure.InvalidAuthorization. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization {
    const m = value ? AUTH_RE.exec(value.trim()) : null;
    if (!m) {
        fail(
            "AuthFailure.InvalidAuthorization",
            "The Authorization header is missing or malformed: expected `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=<list>, Signature=<hex>`.",
        );
    }
    return {
        secretId: m[1],
        date: m[2],
        service: m[3],
        signedHeaders: m[4].split(";"),
        signature: m[5].toLowerCase(),
    };
}

function sha256Hex(data: string | Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, msg: string): Buffer {
    return createHmac("sha256", key).update(msg).digest();
}

/** The signature of a request with the given canonical headers (the §1.3 chain). */
export function computeSignature(input: {
    secretKey: string;
    service: string;
    date: string;
    timestamp: string;
    canonicalHeaders: string;
    signedHeaders: string;
    payloadHash: string;
}): string {
    const canonicalRequest = [
        "POST",
        "/",
        "",
        input.canonicalHeaders,
        input.signedHeaders,
        input.payloadHash,
    ].join("\n");
    const scope = `${input.date}/${input.service}/tc3_request`;
    const stringToSign = ["TC3-HMAC-SHA256", input.timestamp, scope, sha256Hex(canonicalRequest)].join("\n");
    const secretDate = hmac(`TC3${input.secretKey}`, input.date);
    const secretService = hmac(secretDate, input.service);
    const secretSigning = hmac(secretService, "tc3_request");
    return createHmac("sha256", secretSigning).update(stringToSign).digest("hex");
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
}

/** The UTC date (YYYY-MM-DD) of a UNIX timestamp in seconds. */
export function utcDate(timestampS: number): string {
    return new Date(timestampS * 1000).toISOString().slice(0, 10);
}

/** What a verified request proved: who sent it and for which service it was signed. */
export interface VerifiedRequest extends KeyMatch {
    service: string;
}

/**
 * Verifies a request's signature, timestamp and token. `wallNowMs` is the real time (the emulator's
 * test clock offset does not apply to signatures).
 */
export function verifyRequest(
    store: Store,
    headers: IncomingHttpHeaders,
    body: Buffer,
    wallNowMs: number,
): VerifiedRequest {
    const auth = parseAuthorization(headerValue(headers, "authorization"));
    const key = store.findKey(auth.secretId);
    if (!key) fail("AuthFailure.SecretIdNotFound", "The SecretId is not found; check the key's SecretId.");

    const timestamp = headerValue(headers, "x-tc-timestamp");
    if (timestamp === undefined)
        fail("MissingParameter", "The request is missing the X-TC-Timestamp header.");
    if (!/^\d+$/.test(timestamp)) fail("InvalidParameter", "X-TC-Timestamp must be UNIX seconds.");
    const ts = Number(timestamp);
    if (Math.abs(wallNowMs / 1000 - ts) > MAX_CLOCK_SKEW_S) {
        fail(
            "AuthFailure.SignatureExpire",
            `The signature expired: X-TC-Timestamp ${ts} is more than ${MAX_CLOCK_SKEW_S} s from the server time; check the clock.`,
        );
    }
    const signatureFailure = (why: string): never =>
        fail("AuthFailure.SignatureFailure", `The provided credentials could not be validated: ${why}.`);
    if (auth.date !== utcDate(ts)) {
        signatureFailure(
            `the credential date ${auth.date} is not the UTC date of X-TC-Timestamp (${utcDate(ts)})`,
        );
    }
    if (!auth.signedHeaders.includes("content-type") || !auth.signedHeaders.includes("host")) {
        signatureFailure("SignedHeaders must include content-type and host");
    }

    const unsigned = headerValue(headers, "x-tc-content-sha256") === "UNSIGNED-PAYLOAD";
    const payloadHash = sha256Hex(unsigned ? "UNSIGNED-PAYLOAD" : body);
    const host = headerValue(headers, "host") ?? "";
    const hostVariants = [host, host.replace(/:\d+$/, "")].filter((h, i, all) => all.indexOf(h) === i);
    let matched = false;
    for (const hostValue of hostVariants) {
        let canonicalHeaders = "";
        let missing = false;
        for (const name of auth.signedHeaders) {
            const raw = name === "host" ? hostValue : headerValue(headers, name);
            if (raw === undefined) {
                missing = true;
                break;
            }
            canonicalHeaders += `${name}:${raw.trim().toLowerCase()}\n`;
        }
        if (missing) signatureFailure("a header listed in SignedHeaders was not sent");
        const expected = computeSignature({
            secretKey: key.credential.secretKey,
            service: auth.service,
            date: auth.date,
            timestamp,
            canonicalHeaders,
            signedHeaders: auth.signedHeaders.join(";"),
            payloadHash,
        });
        if (timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
            matched = true;
            break;
        }
    }
    if (!matched) signatureFailure("the signature does not match; check the SecretKey and the signing steps");

    const token = headerValue(headers, "x-tc-token");
    if (key.credential.token !== undefined) {
        if (token !== key.credential.token) {
            fail("AuthFailure.TokenFailure", "The X-TC-Token is missing or invalid for this temporary key.");
        }
    } else if (token !== undefined && token !== "") {
        fail(
            "AuthFailure.TokenFailure",
            "An X-TC-Token was sent with a permanent key that has no session token.",
        );
    }
    return { ...key, service: auth.service };
}
