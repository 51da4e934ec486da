/**
 * What an ImageRetention does to the images of its region, as a pure function of the images and a few
 * facts: select the account's own custom images by family, name prefix and tags; keep the newest
 * `keepLatest`, and those younger than `keepDays`; of the rest, never touch one that this stack's
 * resources manage or use, one an instance runs, one with a protect tag, one still shared (unless
 * `unshareBeforeDelete`), or one that is busy; delete or deprecate the others. Every selected image
 * gets one entry saying what happens to it and why.
 */
import type { Image } from "../backend/types";
import type { RetentionAction } from "../model/imageRetention";

/** The policy as the plan reads it (the checked inputs of an ImageRetention). */
export interface RetentionPolicy {
    family?: string;
    namePrefix?: string;
    tags?: Record<string, string>;
    keepLatest: number;
    keepDays?: number;
    action: RetentionAction;
    unshareBeforeDelete?: boolean;
    protectTags?: Record<string, string>;
}

/** What the plan knows besides the images. */
export interface RetentionFacts {
    /** Milliseconds since the epoch (the age of an image for `keepDays`). */
    now: number;
    /** Image ID → the instances of the region that run it. */
    inUse: ReadonlyMap<string, readonly string[]>;
    /** Image ID → the accounts it is shared with (only images asked about are present). */
    sharedWith: ReadonlyMap<string, readonly string[]>;
    /** The resource of this stack that manages or uses the image (`CustomImage "web"`), if any. */
    stackUse(image: Image): string | undefined;
}

export type RetentionDecision = "keep" | RetentionAction;

/** What happens to one selected image, and why. */
export interface RetentionEntry {
    imageId: string;
    imageName: string;
    createdTime: string;
    decision: RetentionDecision;
    reason: string;
    /** The accounts whose shares are cancelled first (a delete with `unshareBeforeDelete`). */
    unshare?: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The states in which an image may be deleted (a busy image cannot be; a failed one is useless). */
const DELETABLE_STATES = new Set(["NORMAL", "CREATEFAILED", "IMPORTFAILED"]);

/** The account's own custom images of the region that the policy selects. */
export function selectImages(images: readonly Image[], policy: RetentionPolicy): Image[] {
    return images.filter(
        (image) =>
            image.imageType === "PRIVATE_IMAGE" &&
            (policy.family === undefined || image.imageFamily === policy.family) &&
            (policy.namePrefix === undefined || image.imageName.startsWith(policy.namePrefix)) &&
            Object.entries(policy.tags ?? {}).every(([key, value]) => image.tags[key] === value),
    );
}

/** Newest first: by creation time, then by ID (so that equal times still give one order). */
function newestFirst(a: Image, b: Image): number {
    const byTime = Date.parse(b.createdTime) - Date.parse(a.createdTime);
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return a.imageId < b.imageId ? 1 : a.imageId > b.imageId ? -1 : 0;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Why the image is kept although it is past the newest and the young ones; undefined when it is not. */
function protection(image: Image, policy: RetentionPolicy, facts: RetentionFacts): string | undefined {
    const user = facts.stackUse(image);
    if (user) return `${user} of this stack manages or uses it`;
    const tag = Object.entries(policy.protectTags ?? {}).find(([key, value]) => image.tags[key] === value);
    if (tag) return `it carries the protect tag ${tag[0]}=${tag[1]}`;
    const instances = facts.inUse.get(image.imageId) ?? [];
    if (instances.length > 0) return `instance ${instances.join(", ")} runs it`;
    if (policy.action === "deprecate") {
        if (image.imageDeprecated === true) return "it is deprecated already";
        if (image.imageState !== "NORMAL")
            return `it is ${image.imageState}: only NORMAL images are deprecated`;
        return undefined;
    }
    if (!DELETABLE_STATES.has(image.imageState)) {
        return `it is ${image.imageState}: it can be deleted once the task ends`;
    }
    const accounts = facts.sharedWith.get(image.imageId) ?? [];
    if (accounts.length > 0 && policy.unshareBeforeDelete !== true) {
        return `it is shared with ${accounts.join(", ")} (set unshareBeforeDelete: true to unshare and delete it)`;
    }
    return undefined;
}

/** One entry per selected image, newest first. */
export function planRetention(
    images: readonly Image[],
    policy: RetentionPolicy,
    facts: RetentionFacts,
): RetentionEntry[] {
    return selectImages(images, policy)
        .sort(newestFirst)
        .map((image, index): RetentionEntry => {
            const base = {
                imageId: image.imageId,
                imageName: image.imageName,
                createdTime: image.createdTime,
            };
            if (index < policy.keepLatest) {
                return { ...base, decision: "keep", reason: `one of the newest ${policy.keepLatest}` };
            }
            const ageDays = (facts.now - Date.parse(image.createdTime)) / DAY_MS;
            if (policy.keepDays !== undefined && !(ageDays >= policy.keepDays)) {
                return {
                    ...base,
                    decision: "keep",
                    reason: `younger than ${plural(policy.keepDays, "day")}`,
                };
            }
            const kept = protection(image, policy, facts);
            if (kept) return { ...base, decision: "keep", reason: kept };
            const why =
                `older than the newest ${policy.keepLatest}` +
                (policy.keepDays !== undefined ? ` and than ${plural(policy.keepDays, "day")}` : "");
            const accounts = facts.sharedWith.get(image.imageId) ?? [];
            if (policy.action === "delete" && accounts.length > 0) {
                return {
                    ...base,
                    decision: "delete",
                    reason: `${why}; unshared first`,
                    unshare: [...accounts],
                };
            }
            return { ...base, decision: policy.action, reason: why };
        });
}

/** The entries the plan acts on (deletes or deprecates). */
export function actions(entries: readonly RetentionEntry[]): RetentionEntry[] {
    return entries.filter((e) => e.decision !== "keep");
}

/** The plan as the preview shows it: one line per selected image. */
export function planLines(entries: readonly RetentionEntry[]): string[] {
    return entries.map(
        // Single quotes: the engine's diff display escapes double quotes inside strings.
        (e) => `${e.decision} ${e.imageId} '${e.imageName}' (created ${e.createdTime}): ${e.reason}`,
    );
}
