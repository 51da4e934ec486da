/**
 * The plan check of an ImageRetention: its shape, its regions, and its plan against the live images
 * (./retentionPlan.ts), returned as the computed `plan`, `regions` and `pendingImageIds` inputs so
 * that the preview shows what it will do. Its deletions go into the stack-wide ledger, where they
 * make room for the resources checked after it.
 *
 * The order matters, and is the user's to give. A retention declared after the images it counts
 * (or that dependsOn them) sees them as the newest it keeps, so `keepLatest` hold exactly, but the
 * region needs room for them before the old ones go. A retention declared first, that the new images
 * depend on (its deletions happen before their creations: a full region refuses a new image until an
 * old one is gone), keeps `keepLatest − makeRoomFor` of the existing ones, and a resource after it
 * that adds more to the selection than `makeRoomFor` fails its own check. Either way it spares the
 * images of the resources declared before it (a resource after it whose image it would touch fails).
 */
import type { Image } from "../backend/types";
import { imageRetentionDeclaration, type ImageRetentionInputs } from "../model/imageRetention";
import type { ResourceRef } from "../model/kinds";
import { markerNameOf } from "../markers";
import { selectorMatches, type Ledger, type RetentionAct } from "./ledger";
import type { LiveFacts } from "./liveFacts";
import { definePlanCheck } from "./planContext";
import { judgeQuota } from "./quotaCheck";
import { regionOk } from "./regionCheck";
import {
    actions,
    planLines,
    planRetention,
    type RetentionEntry,
    type RetentionPolicy,
} from "./retentionPlan";
import { containsUnknown, UNKNOWN } from "./unknown";

/** Where a retention's plan reads its facts: the run's cached facts (check) or fresh reads (apply). */
export interface RetentionSources {
    images(region: string): Promise<Image[]>;
    imagesInUse(region: string): Promise<Map<string, string[]>>;
    sharedWith(region: string, imageId: string): Promise<string[]>;
}

/** The run's cached live facts as retention sources. */
export function cachedSources(facts: LiveFacts): RetentionSources {
    return {
        images: (region) => facts.ownImages(region),
        imagesInUse: (region) => facts.imagesInUse(region),
        sharedWith: async (region, imageId) =>
            (await facts.sharePermissions(region, imageId)).map((p) => p.accountId),
    };
}

/** What a retention's plan is made of: the policy, where it reads, the run's ledger, and the time. */
export interface RetentionRun {
    policy: RetentionPolicy;
    sources: RetentionSources;
    ledger: Ledger;
    /** The retention itself (its place in the ledger's order). */
    ref: ResourceRef;
    /** Milliseconds since the epoch. */
    now: number;
}

/**
 * The plan of a retention in one region: every selected image with its decision, after the images
 * this plan adds there (from the ledger). Shares are read only for the images it would otherwise
 * delete (one call each).
 */
async function regionEntries(region: string, run: RetentionRun): Promise<RetentionEntry[]> {
    const { policy, sources, ledger, ref, now } = run;
    const [images, inUse] = await Promise.all([sources.images(region), sources.imagesInUse(region)]);
    const stackUse = (image: Image) =>
        ledger.stackUseOf(region, { imageId: image.imageId, markerName: markerNameOf(image) });
    const facts = { now, inUse, sharedWith: new Map<string, string[]>(), stackUse };
    const additions = {
        before: ledger.additionsAround(ref, region, "before"),
        after: ledger.additionsAround(ref, region, "after"),
    };
    const first = planRetention(region, images, policy, facts, additions);
    if (policy.action !== "delete") return first;
    const candidates = actions(first).map((e) => e.imageId);
    const shares = await Promise.all(candidates.map((id) => sources.sharedWith(region, id)));
    const sharedWith = new Map(candidates.map((id, i) => [id, shares[i]]));
    return planRetention(region, images, policy, { ...facts, sharedWith }, additions);
}

/** The plan of a retention in each of its regions, in the order of the regions. */
export async function retentionEntries(
    regions: readonly string[],
    run: RetentionRun,
): Promise<RetentionEntry[]> {
    const each = await Promise.all(regions.map((region) => regionEntries(region, run)));
    return each.flat();
}

/**
 * The regions a retention applies in: its own, and with `allFamilyRegions` every other region where
 * the account has images of its family (one cached listing per region of the run) or where a
 * resource checked before it adds one in this plan.
 */
async function retentionRegions(
    policy: ImageRetentionInputs,
    facts: LiveFacts,
    ledger: Ledger,
    ref: ResourceRef,
): Promise<string[]> {
    if (policy.allFamilyRegions !== true) return [policy.region];
    const others = (await facts.regions()).map((r) => r.region).filter((r) => r !== policy.region);
    const found = await Promise.all(
        others.map(async (region) => {
            const own = await facts.ownImages(region);
            if (own.some((i) => i.imageFamily === policy.family)) return true;
            return ledger
                .additionsAround(ref, region, "before")
                .some((a) => selectorMatches(a, policy) === true);
        }),
    );
    return [policy.region, ...others.filter((_, i) => found[i]).sort()];
}

/** What the ledger learns from a plan: the images it acts on, with their regions and markers. */
export function retentionActs(entries: readonly RetentionEntry[], images: readonly Image[]): RetentionAct[] {
    const byId = new Map(images.map((i) => [i.imageId, i]));
    return actions(entries).map((e) => {
        const image = byId.get(e.imageId);
        const markerName = image ? markerNameOf(image) : undefined;
        return { region: e.region, imageId: e.imageId, ...(markerName ? { markerName } : {}) };
    });
}

/** Checks an ImageRetention: shape, regions, and its plan (recorded in the ledger). */
export const planCheckImageRetention = definePlanCheck<ImageRetentionInputs>(
    imageRetentionDeclaration,
    async ({ inputs, ref, v, failures, ctx }) => {
        ctx.ledger.record(ref, {});
        const regionValid = await regionOk(ctx, ref, "region", "region", v.region, failures);
        if (!regionValid || containsUnknown(v)) {
            // Not known yet (a preview with unknown inputs): the plan is made when they are.
            const later = { plan: UNKNOWN, regions: UNKNOWN, pendingImageIds: UNKNOWN };
            return regionValid ? { ...inputs, ...later } : inputs;
        }
        const policy = v as ImageRetentionInputs;
        const now = (ctx.now ?? Date.now)();
        const regions = await retentionRegions(policy, ctx.facts, ctx.ledger, ref);
        const sources = cachedSources(ctx.facts);
        const entries = await retentionEntries(regions, { policy, sources, ledger: ctx.ledger, ref, now });
        const listed = (await Promise.all(regions.map((r) => ctx.facts.ownImages(r)))).flat();
        const deltas = regions
            .map((region) => ({
                region,
                add: 0,
                remove: actions(entries).filter((e) => e.region === region && e.decision === "delete").length,
            }))
            .filter((d) => d.remove > 0);
        const retention = {
            regions,
            acts: retentionActs(entries, listed),
            selector: policy,
            makeRoomFor: policy.makeRoomFor,
        };
        failures.push(...(await judgeQuota(ctx, ref, "", deltas, new Set(regions), { retention })));
        const computed = {
            plan: planLines(entries, policy.allFamilyRegions === true),
            regions,
            pendingImageIds: actions(entries).map((e) => e.imageId),
        };
        return { ...inputs, ...computed };
    },
);
