/**
 * The plan check of an ImageRetention: its shape, its region, and its plan against the live images
 * (./retentionPlan.ts), returned as the computed `plan` and `pendingImageIds` inputs so that the
 * preview shows what it will do. Its deletions go into the stack-wide ledger, where they make room
 * for the resources checked after it.
 *
 * The order matters, and is the user's to give: a retention frees room for the resources declared
 * after it (which should depend on it, so that its deletions happen before their creations: a full
 * region refuses a new image until an old one is gone), and it spares the images of the resources
 * declared before it (a resource declared after it whose image it would touch fails its own check).
 */
import type { Image } from "../backend/types";
import { imageRetentionDeclaration, type ImageRetentionInputs } from "../model/imageRetention";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, RESOURCE_NAME_TAG } from "../markers";
import type { Ledger, RetentionAct } from "./ledger";
import type { LiveFacts } from "./liveFacts";
import { definePlanCheck } from "./planContext";
import { judgeQuota } from "./quotaCheck";
import { regionOk } from "./regionCheck";
import {
    actions,
    planLines,
    planRetention,
    selectImages,
    type RetentionEntry,
    type RetentionPolicy,
} from "./retentionPlan";
import { containsUnknown, UNKNOWN } from "./unknown";

/** The marker name an image carries when this package made it. */
export function markerNameOf(image: Pick<Image, "tags">): string | undefined {
    return image.tags[MANAGED_BY_TAG] === MANAGED_BY_VALUE ? image.tags[RESOURCE_NAME_TAG] : undefined;
}

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

/**
 * The plan of a retention in its region: every selected image with its decision. Shares are read
 * only for the images it would otherwise delete (one call each).
 */
export async function retentionEntries(
    region: string,
    policy: RetentionPolicy,
    sources: RetentionSources,
    ledger: Ledger,
    now: number,
): Promise<RetentionEntry[]> {
    const [images, inUse] = await Promise.all([sources.images(region), sources.imagesInUse(region)]);
    const stackUse = (image: Image) =>
        ledger.stackUseOf(region, { imageId: image.imageId, markerName: markerNameOf(image) });
    const facts = { now, inUse, sharedWith: new Map<string, string[]>(), stackUse };
    const first = planRetention(images, policy, facts);
    if (policy.action !== "delete") return first;
    const candidates = actions(first).map((e) => e.imageId);
    const shares = await Promise.all(candidates.map((id) => sources.sharedWith(region, id)));
    const sharedWith = new Map(candidates.map((id, i) => [id, shares[i]]));
    return planRetention(images, policy, { ...facts, sharedWith });
}

/** What the ledger learns from a plan: the images it acts on, with their markers. */
export function retentionActs(entries: readonly RetentionEntry[], images: readonly Image[]): RetentionAct[] {
    const byId = new Map(images.map((i) => [i.imageId, i]));
    return actions(entries).map((e) => {
        const image = byId.get(e.imageId);
        const markerName = image ? markerNameOf(image) : undefined;
        return markerName ? { imageId: e.imageId, markerName } : { imageId: e.imageId };
    });
}

/** Checks an ImageRetention: shape, region, and its plan (recorded in the ledger). */
export const planCheckImageRetention = definePlanCheck<ImageRetentionInputs>(
    imageRetentionDeclaration,
    async ({ inputs, ref, v, failures, ctx }) => {
        ctx.ledger.record(ref, {});
        const regionValid = await regionOk(ctx, ref, "region", "region", v.region, failures);
        if (!regionValid || containsUnknown(v)) {
            // Not known yet (a preview with unknown inputs): the plan is made when they are.
            return regionValid ? { ...inputs, plan: UNKNOWN, pendingImageIds: UNKNOWN } : inputs;
        }
        const region = v.region;
        const policy = v as ImageRetentionInputs;
        const now = (ctx.now ?? Date.now)();
        const entries = await retentionEntries(region, policy, cachedSources(ctx.facts), ctx.ledger, now);
        const selected = selectImages(await ctx.facts.ownImages(region), policy);
        const deletes = actions(entries).filter((e) => e.decision === "delete").length;
        const deltas = deletes > 0 ? [{ region, add: 0, remove: deletes }] : [];
        const retention = { region, acts: retentionActs(entries, selected) };
        failures.push(...(await judgeQuota(ctx, ref, "", deltas, new Set([region]), { retention })));
        const computed = {
            plan: planLines(entries),
            pendingImageIds: actions(entries).map((e) => e.imageId),
        };
        return { ...inputs, ...computed };
    },
);
