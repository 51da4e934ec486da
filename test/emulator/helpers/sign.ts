/**
 * A tiny TC3-HMAC-SHA256 signer for raw test requests. Written here, apart from both the emulator's
 * verifier and the provider's signer, so the emulator tests do not trust either (checked against the
 * API reference's vector B in sign.test.ts).
 */
import { createHash, createHmac } from "node:crypto";

/** What to sign. Header values are used as given (lowercased in the canonical form). */
export interface SignInput {
    secretId: string;
    secretKey: string;
    service: string;
    timestamp: number;
    body: string;
    /** Signed headers (lowercase names → values); must include content-type and host. */
    headers: Record<string, string>;
    /** Override the credential date (default: the UTC date of the timestamp). */
    date?: string;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const mac = (k: string | Buffer, s: string) => createHmac("sha256", k).update(s).digest();

/** The Authorization header value. */
export function tc3Authorization(input: SignInput): string {
    const names = Object.keys(input.headers).sort();
    const canonicalHeaders = names.map((n) => `${n}:${input.headers[n].trim().toLowerCase()}\n`).join("");
    const signedHeaders = names.join(";");
    const canonical = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha(input.body)}`;
    const date = input.date ?? new Date(input.timestamp * 1000).toISOString().slice(0, 10);
    const scope = `${date}/${input.service}/tc3_request`;
    const toSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha(canonical)}`;
    const key = mac(mac(mac(`TC3${input.secretKey}`, date), input.service), "tc3_request");
    const signature = createHmac("sha256", key).update(toSign).digest("hex");
    return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
