/**
 * The service's rules that more than one action applies. Each throws an ApiError with the code the
 * real service documents for the action (see README "Rules and error codes").
 */
import { fail } from "../errors";
import { ID_PATTERNS } from "../ids";
import { imageState } from "./lifecycle";
import { Store, VisibleImage } from "./store";

/** Longest image name and description (characters). */
export const MAX_NAME = 60;
export const MAX_DESCRIPTION = 256;

/** InvalidImageId.Malformed unless `imageId` is `img-` + 8 lowercase alphanumerics. */
export function assertImageIdFormat(imageId: string): void {
    if (!ID_PATTERNS.image.test(imageId)) {
        fail(
            "InvalidImageId.Malformed",
            `The image ID \`${imageId}\` is malformed: expected img- and 8 characters.`,
        );
    }
}

/** The image the account sees in the region, else InvalidImageId.NotFound (after the format check). */
export function requireVisibleImage(
    store: Store,
    accountId: string,
    region: string,
    imageId: string,
): VisibleImage {
    assertImageIdFormat(imageId);
    const found = store.findImage(accountId, region, imageId);
    if (!found)
        fail("InvalidImageId.NotFound", `The image \`${imageId}\` does not exist in region ${region}.`);
    return found;
}

/** InvalidParameterValue.TooLarge for names over 60 or descriptions over 256 characters; empty names too. */
export function assertNameAndDescription(name: string | undefined, description: string | undefined): void {
    if (name !== undefined && (name.length === 0 || name.length > MAX_NAME)) {
        fail(
            "InvalidParameterValue.TooLarge",
            `ImageName must be 1 to ${MAX_NAME} characters (got ${name.length}).`,
        );
    }
    if (description !== undefined && description.length > MAX_DESCRIPTION) {
        fail(
            "InvalidParameterValue.TooLarge",
            `ImageDescription must be at most ${MAX_DESCRIPTION} characters (got ${description.length}).`,
        );
    }
}

/**
 * The emulator's image-family format. The spec documents the code (`InvalidParameterValue.
 * InvalidImageFamily`, "invalid format of image family name") but not the rule, so this one is a
 * stated stand-in that takes the spec's example (`business-daily-update`): 1 to 60 characters (as an
 * image name), ASCII letters, digits, `-`, `_` and `.`, starting with a letter. "" means no family.
 */
export const IMAGE_FAMILY_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,59}$/;

/** InvalidParameterValue.InvalidImageFamily unless `family` is absent, "" or of the format above. */
export function assertImageFamily(family: string | undefined): void {
    if (family === undefined || family === "" || IMAGE_FAMILY_PATTERN.test(family)) return;
    fail(
        "InvalidParameterValue.InvalidImageFamily",
        `ImageFamily \`${family}\` is not a valid family name: 1 to 60 letters, digits, '-', '_' or '.', starting with a letter.`,
    );
}

/** InvalidImageName.Duplicate when another custom image of the account in the region has this name. */
export function assertUniqueName(
    store: Store,
    accountId: string,
    region: string,
    name: string,
    exceptImageId?: string,
): void {
    const clash = Object.values(store.regionData(accountId, region).images).find(
        (i) => i.imageName === name && i.imageId !== exceptImageId,
    );
    if (clash) {
        fail(
            "InvalidImageName.Duplicate",
            `An image named \`${name}\` already exists in ${region} (${clash.imageId}); image names must be unique.`,
        );
    }
}

/** ImageQuotaLimitExceeded when `adding` more custom images would pass the account's quota in the region. */
export function assertQuota(store: Store, accountId: string, region: string, adding = 1): void {
    const quota = store.imageQuota(accountId, region);
    const used = store.customImageCount(accountId, region);
    if (used + adding > quota) {
        fail(
            "ImageQuotaLimitExceeded",
            `The custom-image quota of ${quota} in ${region} is reached (${used} in use); delete images or raise the quota.`,
        );
    }
}

/** The current state of an image, for messages and checks. */
export function stateOf(store: Store, found: VisibleImage): string {
    return imageState(found.image, store.now());
}

/** Normalises tags given as TagSpecification / [{Key,Value}] into a record, applying the tag limits. */
export function tagsFromSpecification(
    specs: { ResourceType: string; Tags: { Key: string; Value: string }[] }[] | undefined,
): Record<string, string> {
    const tags: Record<string, string> = {};
    for (const spec of specs ?? []) {
        if (spec.ResourceType !== "image") {
            fail(
                "InvalidParameterValue",
                `TagSpecification.ResourceType must be "image" (got "${spec.ResourceType}").`,
            );
        }
        for (const tag of spec.Tags) {
            assertTag(tag.Key, tag.Value);
            tags[tag.Key] = tag.Value;
        }
    }
    assertTagCount(tags);
    return tags;
}

const RESERVED_PREFIXES = ["qcs:", "project", "项目"];

/** The Tag service's limits on one key and value. */
export function assertTag(key: string, value: string): void {
    if (key.length < 1 || key.length > 127) {
        fail("InvalidParameterValue.TagKeyLengthExceeded", `Tag key \`${key}\` must be 1 to 127 characters.`);
    }
    if (value.length > 255) {
        fail(
            "InvalidParameterValue.TagValueLengthExceeded",
            `The value of tag \`${key}\` exceeds 255 characters.`,
        );
    }
    if (RESERVED_PREFIXES.some((p) => key.toLowerCase().startsWith(p))) {
        fail(
            "InvalidParameterValue.ReservedTagKey",
            `Tag key \`${key}\` uses a reserved prefix (qcs:, project).`,
        );
    }
    if (key !== key.trim() || value !== value.trim()) {
        fail(
            "InvalidParameterValue.TagKeyCharacterIllegal",
            `Tag \`${key}\` has leading or trailing spaces.`,
        );
    }
}

/** At most 50 tags per resource. */
export function assertTagCount(tags: Record<string, string>): void {
    if (Object.keys(tags).length > 50) {
        fail("LimitExceeded.ResourceAttachedTags", "A resource can have at most 50 tags.");
    }
}
