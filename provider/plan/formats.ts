/**
 * The format and length rules of Tencent Cloud CVM images and the things they refer to, as published
 * (see /work/shared/reference/tencentcloud-cvm-image-api.md §4). Constants and pure predicates only:
 * the input schemas and the rules build their messages from these.
 */

/** Image IDs: `img-` and 8 lowercase letters or digits, e.g. `img-gvbnzy6f`. */
export const IMAGE_ID_PATTERN = /^img-[a-z0-9]{8}$/;
/** Instance IDs: `ins-` and 8 lowercase letters or digits, e.g. `ins-2v3sqe2t`. */
export const INSTANCE_ID_PATTERN = /^ins-[a-z0-9]{8}$/;
/** Cloud disk IDs: `disk-` and 8 lowercase letters or digits. */
export const DISK_ID_PATTERN = /^disk-[a-z0-9]{8}$/;
/** Snapshot IDs: `snap-` and 8 lowercase letters or digits. */
export const SNAPSHOT_ID_PATTERN = /^snap-[a-z0-9]{8}$/;

/**
 * Root-account IDs (UINs) as digit strings. The documentation gives no length; examples have 7 to 12
 * digits, so the provider accepts 5 to 20 to refuse only what is clearly not an account ID.
 */
export const ACCOUNT_ID_PATTERN = /^[0-9]{5,20}$/;

/** A region ID's shape (`ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`); existence is a live rule. */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z0-9]+){1,3}$/;

/** Longest image name (CreateImage, ModifyImageAttribute, SyncImages, ImportImage). */
export const MAX_IMAGE_NAME_LENGTH = 60;
/**
 * Image family names (CreateImage, ImportImage, ModifyImageAttribute `ImageFamily`). The spec
 * documents the refusal (`InvalidParameterValue.InvalidImageFamily`, "invalid format of image family
 * name") but not the format; the provider takes it as 1 to 60 ASCII letters, digits, `.`, `_` and
 * `-`, starting with a letter (the spec's example `business-daily-update` fits).
 */
export const IMAGE_FAMILY_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,59}$/;
/** The image-family rule in words, for messages. */
export const IMAGE_FAMILY_RULE =
    "1 to 60 letters, digits, '.', '_' or '-', starting with a letter (e.g. web-prod)";

/** Longest image description. */
export const MAX_DESCRIPTION_LENGTH = 256;

/** Most tags on one resource (the service's limit). */
export const MAX_TAGS = 50;
/** Tags this package adds to every image it makes (see provider/markers.ts). */
export const MARKER_TAG_COUNT = 2;
/** Most tags a user may give one image: the service's limit less the package's marker tags. */
export const MAX_USER_TAGS = MAX_TAGS - MARKER_TAG_COUNT;
/** Longest tag key, in characters. */
export const MAX_TAG_KEY_LENGTH = 127;
/** Longest tag value, in characters. */
export const MAX_TAG_VALUE_LENGTH = 255;
/** The special characters a tag key or value may contain besides letters, digits and inner spaces. */
export const TAG_SPECIAL_CHARACTERS = "+ - = . _ : / @ ( ) [ ] , ; > <";
const TAG_CHARACTERS = /^[\p{L}\p{N} +\-=._:/@()[\],;><]*$/u;
/** Tag key prefixes reserved by Tencent Cloud (case-sensitive, as documented). */
export const RESERVED_TAG_KEY_PREFIXES = ["qcs:", "project", "项目"] as const;

/** The regions the image APIs accept (reference §4.1, 18 regions). */
export const KNOWN_REGIONS = [
    "ap-guangzhou",
    "ap-shanghai",
    "ap-nanjing",
    "ap-beijing",
    "ap-chengdu",
    "ap-chongqing",
    "ap-hongkong",
    "ap-singapore",
    "ap-bangkok",
    "ap-jakarta",
    "ap-seoul",
    "ap-tokyo",
    "na-siliconvalley",
    "na-ashburn",
    "eu-frankfurt",
    "sa-saopaulo",
    "ap-shanghai-fsi",
    "ap-shenzhen-fsi",
] as const;

/** The regions in mainland China: the only ones with marketplace images. */
export const MAINLAND_CHINA_REGIONS = [
    "ap-guangzhou",
    "ap-shanghai",
    "ap-nanjing",
    "ap-beijing",
    "ap-chengdu",
    "ap-chongqing",
    "ap-shanghai-fsi",
    "ap-shenzhen-fsi",
] as const;

/** ImportImage architectures (input spelling; DescribeImages reports `arm` for `arm_64`). */
export const IMPORT_ARCHITECTURES = ["x86_64", "i386", "arm_64"] as const;
/** ImportImage boot modes; the service defaults to `Legacy BIOS`. */
export const BOOT_MODES = ["Legacy BIOS", "UEFI"] as const;
/** ImportImage licence types; the service defaults to `TencentCloud`. */
export const LICENSE_TYPES = ["TencentCloud", "BYOL"] as const;

/** Longest wait a resource may ask for, in minutes (a day). */
export const MAX_TIMEOUT_MINUTES = 1440;

/** True when `region` is one of the mainland China regions. */
export function isMainlandChina(region: string): boolean {
    return (MAINLAND_CHINA_REGIONS as readonly string[]).includes(region);
}

/** True when `region` is one of the 18 regions the image APIs are documented to accept. */
export function isKnownRegion(region: string): boolean {
    return (KNOWN_REGIONS as readonly string[]).includes(region);
}

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The candidate closest to `name` (case-insensitive, `_` read as `-`), or undefined when none is
 * plausibly what was meant (more than a third of the name would have to change).
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
    const wanted = name.toLowerCase().replace(/_/g, "-").trim();
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(wanted, candidate);
        if (!best || distance < best.distance) best = { candidate, distance };
    }
    if (!best || best.distance > Math.max(2, Math.floor(wanted.length / 3))) return undefined;
    return best.candidate;
}

/** Problems of one tag (key and value), as phrases; empty when the tag is valid. */
export function tagProblems(key: string, value: string): string[] {
    const problems: string[] = [];
    const keyLength = [...key].length;
    const valueLength = [...value].length;
    if (keyLength < 1 || keyLength > MAX_TAG_KEY_LENGTH) {
        problems.push(`tag key "${key}" has ${keyLength} characters; keys have 1 to ${MAX_TAG_KEY_LENGTH}`);
    }
    if (valueLength < 1 || valueLength > MAX_TAG_VALUE_LENGTH) {
        problems.push(
            `tag "${key}" has a value of ${valueLength} characters; values have 1 to ${MAX_TAG_VALUE_LENGTH}`,
        );
    }
    for (const [what, text] of [
        ["key", key],
        ["value", value],
    ] as const) {
        const subject = what === "key" ? `tag key "${key}"` : `the value of tag "${key}"`;
        if (text !== text.trim()) problems.push(`${subject} starts or ends with a space`);
        if (!TAG_CHARACTERS.test(text)) {
            problems.push(
                `${subject} contains a character that is not allowed; use letters, digits, spaces and ${TAG_SPECIAL_CHARACTERS}`,
            );
        }
    }
    const reserved = RESERVED_TAG_KEY_PREFIXES.find((prefix) => key.startsWith(prefix));
    if (reserved) problems.push(`tag key "${key}" starts with "${reserved}", which Tencent Cloud reserves`);
    return problems;
}
