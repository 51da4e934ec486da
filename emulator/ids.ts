/** Resource IDs: `<prefix>-` + 8 lowercase alphanumerics, random or derived from a stable seed string. */
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function encode(bytes: Uint8Array): string {
    let out = "";
    for (let i = 0; i < 8; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
    return out;
}

/** A random ID such as `img-3k9x0abc`. */
export function randomId(prefix: string): string {
    return `${prefix}-${encode(randomBytes(8))}`;
}

/** A deterministic ID derived from `seed`, so the built-in seed has the same IDs on every start. */
export function stableId(prefix: string, seed: string): string {
    return `${prefix}-${encode(createHash("sha256").update(seed).digest())}`;
}

/** The well-formed shapes of the IDs the service accepts. */
export const ID_PATTERNS = {
    image: /^img-[a-z0-9]{8}$/,
    instance: /^ins-[a-z0-9]{8}$/,
    disk: /^disk-[a-z0-9]{8}$/,
    snapshot: /^snap-[a-z0-9]{8}$/,
} as const;
