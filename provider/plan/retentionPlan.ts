/**
 * What an ImageRetention does to the images of its region, as a pure function of the images and a few
 * facts: select the account's own custom images by family, name prefix and tags; keep the newest
 * `keepLatest`, and those younger than `keepDays`; of the rest, never touch one that this stack's
 * resources manage or use, one an instance runs, one with a protect tag, one still shared (unless
 * `unshareBeforeDelete`), or one that is busy; delete or deprecate the others. Every selected image
 * gets one entry saying what happens to it and why.
 *
 * The images this plan adds to the selection count once each: those of resources checked before the
 * retention are the newest it keeps (listed when made, else entries of their own), and `makeRoomFor`
 * holds room for those of the resources after it, so that `keepLatest` remain after the plan.
 */
import type { Image } from "../backend/types";
import type { RetentionAction } from "../model/imageRetention";
import { markerNameOf } from "../markers";
import { selectorMatches, type PlannedAddition } from "./ledger";

/** The policy as the plan reads it (the checked inputs of an ImageRetention). */
export interface RetentionPolicy {
    family?: string;
    namePrefix?: string;
    tags?: Record<string, string>;
    keepLatest: number;
    /** Images of the selection that the resources after the retention add (default 0). */
    makeRoomFor?: number;
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

/** The additions of this plan in the region: of the resources checked before the retention, and after. */
export interface PlannedAdditions {
    before: readonly PlannedAddition[];
    after: readonly PlannedAddition[];
}

/** What happens to one selected image (or one this plan will make), and why. */
export interface RetentionEntry {
    region: string;
    /** Undefined for an image this plan has not made yet. */
    imageId?: string;
    imageName: string;
    createdTime?: string;
    decision: RetentionDecision;
    /** For an image not made yet: how the line starts (`keep (new in this plan)`). */
    label?: string;
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
            // An existing image's family is known: absent means none.
            selectorMatches(
                { imageName: image.imageName, family: image.imageFamily ?? "", tags: image.tags },
                policy,
            ) === true,
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

/** How many existing images it keeps, and the phrase that says so. */
function keptExisting(policy: RetentionPolicy, newCount: number): { keep: number; phrase: string } {
    const room = policy.makeRoomFor ?? 0;
    const keep = Math.max(0, policy.keepLatest - room - newCount);
    if (keep === policy.keepLatest) return { keep, phrase: `the newest ${keep}` };
    const terms = [
        `keepLatest ${policy.keepLatest}`,
        ...(room > 0 ? [`makeRoomFor ${room}`] : []),
        ...(newCount > 0 ? [`${newCount} new in this plan`] : []),
    ];
    return { keep, phrase: `the newest ${keep} that exist (${terms.join(" − ")})` };
}

/**
 * The images this plan adds to the selection: the entries of those checked before the retention
 * (listed once made, else pending), the listed ones of those checked after it, and how many of the
 * former count among the newest kept. An addition whose selected values are not known yet gets an
 * entry that says so and is not counted.
 */
function plannedEntries(
    region: string,
    images: readonly Image[],
    selected: readonly Image[],
    additions: PlannedAdditions,
    policy: RetentionPolicy,
): { entries: RetentionEntry[]; listedNew: Set<string>; newCount: number } {
    const entries: RetentionEntry[] = [];
    const listedNew = new Set<string>();
    let newCount = 0;
    const madeBy = (a: PlannedAddition) =>
        images.filter((i) => markerNameOf(i) === a.markerName && !a.existingIds.includes(i.imageId));
    const listedEntry = (image: Image, reason: string): RetentionEntry => ({
        region,
        imageId: image.imageId,
        imageName: image.imageName,
        createdTime: image.createdTime,
        decision: "keep",
        reason,
    });
    for (const a of additions.before) {
        const made = madeBy(a);
        for (const image of made.filter((i) => selected.includes(i))) {
            listedNew.add(image.imageId);
            newCount++;
            entries.push(listedEntry(image, `new in this plan: ${a.by} made it`));
        }
        const matches = selectorMatches(a, policy);
        if (matches === false) continue;
        const name = a.imageName ?? "(name not known yet)";
        for (let i = made.length; i < a.count; i++) {
            if (matches === true) {
                newCount++;
                entries.push({
                    region,
                    imageName: name,
                    decision: "keep",
                    label: "keep (new in this plan)",
                    reason: `${a.by} makes it`,
                });
            } else {
                entries.push({
                    region,
                    imageName: name,
                    decision: "keep",
                    label: "unknown (new in this plan)",
                    reason:
                        `${a.by} makes it; whether it is in the selection is not known until its inputs are ` +
                        `(pulumi up), so it is not counted among the newest kept`,
                });
            }
        }
    }
    for (const a of additions.after) {
        for (const image of madeBy(a).filter((i) => selected.includes(i))) {
            listedNew.add(image.imageId);
            entries.push(listedEntry(image, `new in this plan: ${a.by} made it (makeRoomFor)`));
        }
    }
    return { entries, listedNew, newCount };
}

/**
 * One entry per selected image of the region, newest first, after the entries of the images this
 * plan adds: of those that exist, it keeps `keepLatest − makeRoomFor − (new ones checked before it)`.
 */
export function planRetention(
    region: string,
    images: readonly Image[],
    policy: RetentionPolicy,
    facts: RetentionFacts,
    additions: PlannedAdditions = { before: [], after: [] },
): RetentionEntry[] {
    const selected = selectImages(images, policy);
    const planned = plannedEntries(region, images, selected, additions, policy);
    const { keep, phrase } = keptExisting(policy, planned.newCount);
    const existing = selected.filter((i) => !planned.listedNew.has(i.imageId)).sort(newestFirst);
    return [
        ...planned.entries,
        ...existing.map((image, index): RetentionEntry => {
            const base = {
                region,
                imageId: image.imageId,
                imageName: image.imageName,
                createdTime: image.createdTime,
            };
            if (index < keep) {
                return { ...base, decision: "keep", reason: `one of ${phrase}` };
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
                `older than ${phrase}` +
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
        }),
    ];
}

/** An entry that deletes or deprecates an image (which therefore exists, with an ID). */
export type RetentionActEntry = RetentionEntry & { imageId: string };

/** The entries the plan acts on (deletes or deprecates). */
export function actions(entries: readonly RetentionEntry[]): RetentionActEntry[] {
    return entries.filter((e): e is RetentionActEntry => e.decision !== "keep" && e.imageId !== undefined);
}

/**
 * The plan as the preview shows it: one line per selected image (and per image this plan makes),
 * each led by its region when the policy spans regions.
 */
export function planLines(entries: readonly RetentionEntry[], withRegion = false): string[] {
    // Single quotes: the engine's diff display escapes double quotes inside strings.
    return entries.map((e) => {
        const head = e.label ?? `${e.decision} ${e.imageId} '${e.imageName}' (created ${e.createdTime})`;
        const line = e.label ? `${head} '${e.imageName}': ${e.reason}` : `${head}: ${e.reason}`;
        return withRegion ? `${e.region}: ${line}` : line;
    });
}
