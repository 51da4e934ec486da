/**
 * What one resource's change does to the stack-wide limits, from its old and new inputs alone (pure):
 * which regions gain or lose a custom image, and which accounts an ImageShare adds or drops. Unknown
 * values never count as a change they might not be, except where they decide a replacement: an unknown
 * source or source image may be a new one, so it counts as a replacement (as the engine's diff would).
 */
import type { ShareContribution, RegionDelta } from "./ledger";
import { containsUnknown, isUnknown } from "./unknown";
import { sameValue } from "../model/diff";

type Inputs = Record<string, unknown>;

/** True when the old inputs are those of a resource that does not exist yet (an empty object). */
export function isNewResource(olds: Inputs | undefined): boolean {
    return !olds || Object.keys(olds).filter((k) => k !== "__provider").length === 0;
}

function knownString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

function knownStrings(value: unknown): { known: string[]; complete: boolean } {
    if (!Array.isArray(value)) return { known: [], complete: false };
    const known = value.filter((v): v is string => typeof v === "string" && !isUnknown(v));
    return { known, complete: known.length === value.length };
}

/**
 * The custom-image deltas of a CustomImage: +1 in its region when it is new or replaced (region or
 * source changed), −1 in its old region when it moves. `adopts` says a new resource takes over an
 * existing image instead of making one (then it adds nothing).
 */
export function customImageDeltas(olds: Inputs | undefined, news: Inputs, adopts = false): RegionDelta[] {
    const region = knownString(news.region);
    if (!region) return [];
    if (isNewResource(olds)) return adopts ? [] : [{ region, add: 1, remove: 0 }];
    const oldRegion = knownString(olds!.region);
    if (oldRegion !== undefined && oldRegion !== region) {
        return [
            { region, add: 1, remove: 0 },
            { region: oldRegion, add: 0, remove: 1 },
        ];
    }
    // A new source in the same region replaces the image: one made, one deleted. (An unknown
    // source may or may not be a new one; either way the region's count ends where it started.)
    if (!containsUnknown(news.source) && !sameValue(olds!.source, news.source)) {
        return [{ region, add: 1, remove: 1 }];
    }
    return [];
}

/**
 * The custom-image deltas of an ImageCopy: +1 in every destination it adds (all of them when it is
 * new or replaced), −1 in every destination an update removes (all old ones when it is replaced).
 */
export function imageCopyDeltas(olds: Inputs | undefined, news: Inputs): RegionDelta[] {
    const { known: destinations, complete } = knownStrings(news.destinationRegions);
    if (isNewResource(olds)) return destinations.map((region) => ({ region, add: 1, remove: 0 }));
    const before = knownStrings(olds!.destinationRegions).known;
    // A known new source replaces every copy: all destinations get a new one, all old ones go.
    // An unknown source (e.g. the source image is being updated in this preview) may or may not be
    // new; in regions kept either way the count ends where it started, so it is judged as an update.
    const sourceChanged =
        !isUnknown(news.sourceImageId) &&
        !isUnknown(news.sourceRegion) &&
        (olds!.sourceImageId !== news.sourceImageId || olds!.sourceRegion !== news.sourceRegion);
    if (sourceChanged) {
        return [
            ...destinations.map((region) => ({ region, add: 1, remove: 0 })),
            ...before.map((region) => ({ region, add: 0, remove: 1 })),
        ];
    }
    const deltas: RegionDelta[] = destinations
        .filter((region) => !before.includes(region))
        .map((region) => ({ region, add: 1, remove: 0 }));
    // An unknown destination may be one of the old ones: then nothing is known to be removed.
    if (complete) {
        for (const region of before.filter((r) => !destinations.includes(r))) {
            deltas.push({ region, add: 0, remove: 1 });
        }
    }
    return deltas;
}

/**
 * The share contribution of an ImageShare, or undefined when its image or region is not known yet.
 * Accounts the same share listed before (same image and region) and no longer lists count as removed.
 */
export function imageShareContribution(
    olds: Inputs | undefined,
    news: Inputs,
): ShareContribution | undefined {
    const imageId = knownString(news.imageId);
    const region = knownString(news.region);
    if (!imageId || !region) return undefined;
    const { known: accounts, complete } = knownStrings(news.accountIds);
    const sameImage = !isNewResource(olds) && olds!.imageId === imageId && olds!.region === region;
    const removed =
        sameImage && complete
            ? knownStrings(olds!.accountIds).known.filter((a) => !accounts.includes(a))
            : [];
    return { region, imageId, accounts, removed, authoritative: news.mode === "authoritative" };
}

/**
 * True when the ImageShare may share its image with an account it did not list before: it is new,
 * names another image or region, or lists an account (or a value not known yet) that its old inputs
 * did not. A share that only keeps or drops accounts cannot take its image past the account limit, so
 * its check needs no share list (a preview with nothing to do then reads none).
 */
export function sharesNewAccounts(olds: Inputs | undefined, news: Inputs): boolean {
    if (isNewResource(olds)) return true;
    if (olds!.imageId !== news.imageId || olds!.region !== news.region) return true;
    const before = knownStrings(olds!.accountIds);
    const now = knownStrings(news.accountIds);
    return !now.complete || now.known.some((a) => !before.known.includes(a));
}
