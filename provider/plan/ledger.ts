/**
 * The stack-wide ledger of one engine run: what every checked resource adds to or removes from the
 * two limits that span resources — custom images per region, and accounts per shared image. `check`
 * runs one resource at a time in registration order, so each resource records its contribution and is
 * judged against everything recorded so far; the resource that takes a limit past its value fails.
 * Checking the same resource again replaces its contribution (the engine may check twice).
 * Contributions in an unknown region, or to an image whose ID is unknown, are simply not recorded.
 * It also holds the image names each resource's images take in each region, since names are unique
 * per account and region: two resources of one plan may not make images of one name in one region.
 * And it holds what a retention's selector reads of the images each resource adds (name, family,
 * tags): an ImageRetention counts those checked before it among the newest it keeps, and those
 * checked after it against its `makeRoomFor`. Order is the order of first record in the run.
 */
import { describeResource, type ResourceRef } from "../model/kinds";
import { PlanCensus } from "./census";
import { CheckFailure, failure } from "./failures";

/** What one resource does to the custom-image count of one region. */
export interface RegionDelta {
    region: string;
    /** Custom images the plan makes there (new resources, replacements, new copy destinations). */
    add: number;
    /** Custom images the plan deletes there (removed copy destinations, a CustomImage that moved away). */
    remove: number;
}

/** What one ImageShare does to the accounts of one image. */
export interface ShareContribution {
    region: string;
    imageId: string;
    /** The (known) accounts it shares the image with. */
    accounts: string[];
    /** Accounts it shared before and no longer lists (they get unshared). */
    removed: string[];
    /** Authoritative mode: accounts that no ImageShare lists get unshared. */
    authoritative: boolean;
}

/**
 * The images one resource of the plan adds in one region, with what a retention's selector reads of
 * them; a value that is not known yet (a preview) is undefined.
 */
export interface ImageAddition {
    region: string;
    /** How many images it adds there. */
    count: number;
    imageName?: string;
    /** The images' family, `""` for none. */
    family?: string;
    /** The images' user tags. */
    tags?: Record<string, string>;
    /** The marker name its images carry (the resource's logical name, as tagged). */
    markerName: string;
    /** The images with that marker that existed when it was checked (so not made by this plan). */
    existingIds: string[];
}

/** An addition as a retention sees it: with the resource that makes it (as messages name it). */
export interface PlannedAddition extends ImageAddition {
    by: string;
}

/** What a retention's selector is, as the ledger judges additions against it. */
export interface RetentionSelector {
    family?: string;
    namePrefix?: string;
    tags?: Record<string, string>;
}

/** An image that an ImageRetention's plan deletes or deprecates. */
export interface RetentionAct {
    region: string;
    imageId: string;
    /** The logical name in the image's marker tag, when this package made it. */
    markerName?: string;
}

/** What an ImageRetention's plan does in its regions, and the room it makes for later additions. */
export interface RetentionContribution {
    regions: string[];
    acts: RetentionAct[];
    selector: RetentionSelector;
    makeRoomFor: number;
}

/** A name the images of one resource take in one region (a CustomImage's image, an ImageCopy's copy). */
export interface NameClaim {
    region: string;
    imageName: string;
}

/** One resource's whole contribution. */
export interface Contribution {
    regions?: RegionDelta[];
    share?: ShareContribution;
    retention?: RetentionContribution;
    additions?: ImageAddition[];
}

/**
 * An image a resource of the stack manages or uses in a region: by ID (an ImageShare's image, an
 * ImageCopy's source), or by the marker name its images carry (a CustomImage's image, an ImageCopy's copies).
 */
export interface ImageUse {
    region: string;
    imageId?: string;
    markerName?: string;
}

interface Entry extends Contribution {
    ref: ResourceRef;
    /** When the resource was first recorded in this run (its place in the check order). */
    seq: number;
}

/**
 * Whether images are in a retention's selection (the one statement of the selector, for the images
 * that exist and the ones a plan adds): true, false, or undefined when a value the selector reads is
 * not known yet (an addition's unknown family, name or tags).
 */
export function selectorMatches(
    addition: Pick<ImageAddition, "imageName" | "family" | "tags">,
    selector: RetentionSelector,
): boolean | undefined {
    const checks: (boolean | undefined)[] = [];
    if (selector.family !== undefined) {
        checks.push(addition.family === undefined ? undefined : addition.family === selector.family);
    }
    if (selector.namePrefix !== undefined) {
        const name = addition.imageName;
        checks.push(name === undefined ? undefined : name.startsWith(selector.namePrefix));
    }
    const wanted = Object.entries(selector.tags ?? {});
    if (wanted.length > 0) {
        const tags = addition.tags;
        checks.push(tags === undefined ? undefined : wanted.every(([key, value]) => tags[key] === value));
    }
    if (checks.includes(false)) return false;
    return checks.includes(undefined) ? undefined : true;
}

function keyOf(ref: ResourceRef): string {
    return `${ref.kind}\u0000${ref.name}`;
}

/** The ledger of one engine run. Pure bookkeeping: the live numbers are passed in by the caller. */
export class Ledger {
    private readonly entries = new Map<string, Entry>();
    private readonly uses = new Map<string, { ref: ResourceRef; uses: ImageUse[] }>();
    private readonly headroomShown = new Map<string, string>();
    private readonly names = new Map<string, { ref: ResourceRef; claims: NameClaim[] }>();
    private nextSeq = 0;
    /** Which resources of the run were checked, and when that is all of the plan (./census.ts). */
    readonly census = new PlanCensus();

    /**
     * Records a resource's contribution, replacing any earlier one of the same resource (which keeps
     * its place in the order).
     */
    record(ref: ResourceRef, contribution: Contribution): void {
        const seq = this.entries.get(keyOf(ref))?.seq ?? this.nextSeq++;
        this.entries.set(keyOf(ref), { ref, ...contribution, seq });
    }

    /**
     * The additions in `region` of the resources recorded before (`"before"`) or after (`"after"`) the
     * resource `ref` (an ImageRetention); all others' count as before when `ref` is not recorded yet.
     */
    additionsAround(ref: ResourceRef, region: string, side: "before" | "after"): PlannedAddition[] {
        const own = this.entries.get(keyOf(ref));
        const at = own?.seq ?? Infinity;
        return [...this.entries.values()]
            .filter((e) => e !== own && (side === "before" ? e.seq < at : e.seq > at))
            .flatMap((e) =>
                (e.additions ?? [])
                    .filter((a) => a.region === region)
                    .map((a) => ({ ...a, by: describeResource(e.ref) })),
            );
    }

    /**
     * The failures of the resource `ref`, whose additions were just recorded, for every ImageRetention
     * recorded before it whose selection they join in one of its regions, when the additions of the
     * selection recorded after that retention there are more than its `makeRoomFor`.
     */
    judgeRoom(ref: ResourceRef, property: string): CheckFailure[] {
        const own = this.entries.get(keyOf(ref));
        if (!own?.additions?.length) return [];
        const failures: CheckFailure[] = [];
        for (const entry of this.entries.values()) {
            const retention = entry.retention;
            if (!retention || entry.seq > own.seq || entry === own) continue;
            for (const region of retention.regions) {
                const mine = own.additions.filter(
                    (a) => a.region === region && selectorMatches(a, retention.selector) === true,
                );
                if (mine.length === 0) continue;
                const later = this.additionsAround(entry.ref, region, "after").filter(
                    (a) => selectorMatches(a, retention.selector) === true,
                );
                const total = later.reduce((n, a) => n + a.count, 0);
                if (total <= retention.makeRoomFor) continue;
                const name = describeResource(entry.ref);
                const adders = [...new Set(later.map((a) => a.by))].sort().join(", ");
                failures.push(
                    failure(
                        ref,
                        property,
                        `${name} makes room for ${retention.makeRoomFor} new image${retention.makeRoomFor === 1 ? "" : "s"} ` +
                            `of its selection in ${region}, but the resources checked after it add ${total} there in ` +
                            `this plan (${adders}); it keeps keepLatest − makeRoomFor of the images that exist, so ` +
                            `more than keepLatest would remain after the plan: set makeRoomFor: ${total} on ${name}, ` +
                            `or declare this resource before the retention`,
                    ),
                );
            }
        }
        return failures;
    }

    /** Forgets a resource's contribution. */
    forget(ref: ResourceRef): void {
        this.entries.delete(keyOf(ref));
        this.uses.delete(keyOf(ref));
        this.names.delete(keyOf(ref));
    }

    /**
     * Records the image names a resource's images take, replacing its earlier claims, and returns one
     * failure per claim that another resource of the plan already made (naming both). `subject` says
     * what of the resource takes the name (`imageName`, `the copies' name`), `fix` what to change.
     */
    claimNames(
        ref: ResourceRef,
        property: string,
        claims: readonly NameClaim[],
        subject: string,
        fix: string,
    ): CheckFailure[] {
        const key = keyOf(ref);
        this.names.set(key, { ref, claims: [...claims] });
        const failures: CheckFailure[] = [];
        for (const claim of claims) {
            const others = [...this.names.entries()]
                .filter(([other, entry]) => {
                    if (other === key) return false;
                    return entry.claims.some(
                        (c) => c.region === claim.region && c.imageName === claim.imageName,
                    );
                })
                .map(([, entry]) => describeResource(entry.ref))
                .sort();
            if (others.length === 0) continue;
            failures.push(
                failure(
                    ref,
                    property,
                    `${subject} "${claim.imageName}" in ${claim.region} is also the name ${others.join(", ")} ` +
                        `gives an image there in this plan; image names are unique per account and region, so the ` +
                        `second image would be refused half-way through pulumi up: ${fix}`,
                ),
            );
        }
        return failures;
    }

    /** Records the images a resource manages or uses, replacing any earlier record of it. */
    recordUses(ref: ResourceRef, uses: ImageUse[]): void {
        this.uses.set(keyOf(ref), { ref, uses });
    }

    /**
     * The resource of this run that manages or uses the image (as messages name it), if any. An image
     * is recognised by its ID, or by this package's marker naming the resource.
     */
    stackUseOf(region: string, image: { imageId: string; markerName?: string }): string | undefined {
        for (const { ref, uses } of this.uses.values()) {
            const hit = uses.some(
                (use) =>
                    use.region === region &&
                    ((use.imageId !== undefined && use.imageId === image.imageId) ||
                        (use.markerName !== undefined && use.markerName === image.markerName)),
            );
            if (hit) return describeResource(ref);
        }
        return undefined;
    }

    /**
     * The ImageRetentions recorded so far whose plan deletes or deprecates an image that `uses` names:
     * one line each, e.g. `ImageRetention "keep-3" deletes img-1 in ap-guangzhou`.
     */
    retentionConflicts(uses: readonly ImageUse[]): string[] {
        const found: string[] = [];
        for (const entry of this.entries.values()) {
            const retention = entry.retention;
            if (!retention) continue;
            for (const act of retention.acts) {
                const hit = uses.some(
                    (use) =>
                        use.region === act.region &&
                        ((use.imageId !== undefined && use.imageId === act.imageId) ||
                            (use.markerName !== undefined && use.markerName === act.markerName)),
                );
                if (hit) found.push(`${describeResource(entry.ref)} acts on ${act.imageId} in ${act.region}`);
            }
        }
        return found;
    }

    /**
     * The plan's additions and removals in a region, and the resources that add and that remove there
     * (each sorted).
     */
    regionTotals(region: string): { added: number; removed: number; adders: string[]; removers: string[] } {
        let added = 0;
        let removed = 0;
        const adders: string[] = [];
        const removers: string[] = [];
        for (const entry of this.entries.values()) {
            for (const delta of entry.regions ?? []) {
                if (delta.region !== region) continue;
                added += delta.add;
                removed += delta.remove;
                if (delta.add > 0) adders.push(describeResource(entry.ref));
                if (delta.remove > 0) removers.push(describeResource(entry.ref));
            }
        }
        const sorted = (list: string[]) => [...new Set(list)].sort();
        return { added, removed, adders: sorted(adders), removers: sorted(removers) };
    }

    /**
     * The regions whose headroom the plan has to say, sorted: every region a recorded resource adds to
     * or deletes in, and every region a line was said of before (a resource checked again may have
     * left it, whose line then says so).
     */
    headroomRegions(): string[] {
        const touched = [...this.entries.values()].flatMap((e) =>
            (e.regions ?? []).filter((d) => d.add > 0 || d.remove > 0).map((d) => d.region),
        );
        return [...new Set([...touched, ...this.headroomShown.keys()])].sort();
    }

    /**
     * The quota headroom of a region after the plan, e.g.
     * `ap-guangzhou: 9 of 10 custom images after this plan (+2 by CustomImage "web", −3 by ImageRetention "keep-3")`;
     * undefined when it is the line last returned for the region (so each figure is said once).
     */
    headroomLine(region: string, existing: number, quota: number): string | undefined {
        const { added, removed, adders, removers } = this.regionTotals(region);
        const parts = [
            ...(added > 0 ? [`+${added} by ${adders.join(", ")}`] : []),
            ...(removed > 0 ? [`−${removed} by ${removers.join(", ")}`] : []),
        ];
        const total = existing + added - removed;
        const line =
            `${region}: ${total} of ${quota} custom images after this plan` +
            (parts.length > 0 ? ` (${parts.join(", ")})` : " (no change)") +
            (total > quota ? ": over the quota" : "");
        if (this.headroomShown.get(region) === line) return undefined;
        this.headroomShown.set(region, line);
        return line;
    }

    /**
     * The quota failure of `region` for the resource being checked, or undefined when the region stays
     * within its quota. `existing` is the live number of custom images there, `quota` the live quota.
     */
    judgeRegion(
        ref: ResourceRef,
        property: string,
        region: string,
        existing: number,
        quota: number,
    ): CheckFailure | undefined {
        const { added, removed, adders, removers } = this.regionTotals(region);
        const total = existing + added - removed;
        if (total <= quota) return undefined;
        const deleters = removers.length > 0 ? ` (${removers.join(", ")})` : "";
        const retentions = removers.some((r) => r.startsWith("ImageRetention "));
        return failure(
            ref,
            property,
            `region ${region} would hold ${total} custom images but its quota is ${quota}: ` +
                `${existing} exist, this plan adds ${added} (${adders.join(", ")}) and deletes ${removed}${deleters}; ` +
                `every custom image of a region counts against its quota: delete custom images you no longer ` +
                `need in ${region}, ask Tencent Cloud to raise the quota, or create fewer images there` +
                (retentions ? ", or let the ImageRetention keep fewer images (keepLatest, keepDays)" : ""),
        );
    }

    /**
     * The share-limit failure of one image for the resource being checked, or undefined when the
     * image stays within `limit` accounts. `existingAccounts` are the accounts it is shared with now.
     */
    judgeShare(
        ref: ResourceRef,
        property: string,
        region: string,
        imageId: string,
        existingAccounts: readonly string[],
        limit: number,
    ): CheckFailure | undefined {
        const shares = [...this.entries.values()].filter(
            (e) => e.share && e.share.region === region && e.share.imageId === imageId,
        );
        const planned = new Set(shares.flatMap((e) => e.share!.accounts));
        const removed = new Set(shares.flatMap((e) => e.share!.removed));
        const authoritative = shares.some((e) => e.share!.authoritative);
        const kept = authoritative ? [] : existingAccounts.filter((a) => planned.has(a) || !removed.has(a));
        const all = new Set([...kept, ...planned]);
        if (all.size <= limit) return undefined;
        const adding = [...planned].filter((a) => !kept.includes(a)).length;
        const sharers = [...new Set(shares.map((e) => describeResource(e.ref)))].sort();
        return failure(
            ref,
            property,
            `${imageId} in ${region} would be shared with ${all.size} accounts but the limit is ${limit}: ` +
                `it is shared with ${kept.length} that stay, this plan adds ${adding} (${sharers.join(", ")}); ` +
                `remove accounts from accountIds, unshare accounts that no longer need the image, or, if ` +
                `your account allows more, raise the provider setting tencentcloud-images:maxShareAccounts`,
        );
    }
}
