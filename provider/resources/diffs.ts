/**
 * The diff of each resource: old OUTPUTS against new (checked) INPUTS, as property rules for the one
 * generic diff of ./diffEngine.ts. What counts:
 * - lists that are sets (accountIds, destinationRegions, snapshot and disk IDs) compare regardless of
 *   order; absent equals the default (empty tags, no description, `false`, `additive`, the default
 *   timeout);
 * - `__logicalName` and create-time-only switches (`adoptExisting`, `source.forcePoweroff`,
 *   `source.import.force`) never count: they change nothing about an existing resource;
 * - a new value that is (or contains) unknown counts as a change of that property;
 * - an absent new region means "unchanged" (the checks fill in the default region, so this only
 *   happens with state written before they did).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CustomImageInputs, ImageCopyInputs, ImageShareInputs } from "../plan/inputSchemas";
import { containsUnknown } from "../plan/unknown";
import { asMap, asSet, diffByRules, orDefault, PropertyRule } from "./diffEngine";
import { CustomImageOutputs, DEFAULT_TIMEOUT_MINUTES, ImageCopyOutputs, ImageShareOutputs } from "./state";

type Loose<T> = { [K in keyof T]?: unknown };

/** The identity of an image source: what the image is made of (procedure switches left out). */
export function normalizeSource(source: unknown): unknown {
    if (source === null || typeof source !== "object") return source;
    const s = source as Record<string, unknown>;
    if (s.instanceId !== undefined) {
        return { instanceId: s.instanceId, dataDiskIds: asSet(s.dataDiskIds), sysprep: s.sysprep ?? false };
    }
    if (s.snapshotIds !== undefined) return { snapshotIds: asSet(s.snapshotIds) };
    if (s.import !== null && typeof s.import === "object") {
        const { force: _force, ...rest } = s.import as Record<string, unknown>;
        return { import: rest };
    }
    return s;
}

function isImportSource(source: unknown): boolean {
    return source !== null && typeof source === "object" && "import" in source;
}

/** The wait of a new image when `timeoutMinutes` is absent: 120 for imports, 60 otherwise. */
export function defaultImageTimeout(source: unknown): number {
    return isImportSource(source) ? DEFAULT_TIMEOUT_MINUTES.import : DEFAULT_TIMEOUT_MINUTES.image;
}

/** The rules of CustomImage (replace: region, source; in place: the rest). */
export function customImageRules(): PropertyRule<Loose<CustomImageOutputs>, Loose<CustomImageInputs>>[] {
    return [
        { name: "region", kind: "replace", old: (o) => o.region, new: (n) => n.region },
        {
            name: "source",
            kind: "replace",
            old: (o) => o.source,
            new: (n) => n.source,
            normalize: normalizeSource,
        },
        { name: "imageName", kind: "update", old: (o) => o.imageName, new: (n) => n.imageName },
        {
            name: "description",
            kind: "update",
            old: (o) => o.description,
            new: (n) => n.description,
            normalize: orDefault(""),
        },
        { name: "tags", kind: "update", old: (o) => o.tags, new: (n) => n.tags, normalize: asMap },
        {
            name: "deleteSnapshotsOnDelete",
            kind: "update",
            old: (o) => o.deleteSnapshotsOnDelete,
            new: (n) => n.deleteSnapshotsOnDelete,
            normalize: orDefault(false),
        },
        {
            name: "timeoutMinutes",
            kind: "update",
            old: (o) => o.timeoutMinutes ?? defaultImageTimeout(o.source),
            new: (n) => n.timeoutMinutes ?? defaultImageTimeout(n.source),
        },
    ];
}

/** Diff of a CustomImage: old outputs against new inputs. */
export function diffCustomImage(olds: object, news: object): pulumi.dynamic.DiffResult {
    const o = olds as Loose<CustomImageOutputs>;
    const n = news as Loose<CustomImageInputs>;
    // An absent new region keeps the old one (see the module comment).
    const withRegion = n.region === undefined ? { ...n, region: o.region } : n;
    const result = diffByRules(customImageRules(), o, withRegion);
    // Names are unique per account and region: a replacement that keeps both must delete the old
    // image before it can create the new one (the engine then also replaces what depends on it first).
    const keepsName =
        !containsUnknown(withRegion.region) &&
        !containsUnknown(n.imageName) &&
        withRegion.region === o.region &&
        n.imageName === o.imageName;
    return { ...result, deleteBeforeReplace: (result.replaces?.length ?? 0) > 0 && keepsName };
}

/** The rules of ImageShare (replace: imageId, region; in place: accountIds, mode). */
export function imageShareRules(): PropertyRule<Loose<ImageShareOutputs>, Loose<ImageShareInputs>>[] {
    return [
        { name: "imageId", kind: "replace", old: (o) => o.imageId, new: (n) => n.imageId },
        { name: "region", kind: "replace", old: (o) => o.region, new: (n) => n.region },
        {
            name: "accountIds",
            kind: "update",
            old: (o) => o.accountIds,
            new: (n) => n.accountIds,
            normalize: asSet,
        },
        {
            name: "mode",
            kind: "update",
            old: (o) => o.mode,
            new: (n) => n.mode,
            normalize: orDefault("additive"),
        },
    ];
}

/** Diff of an ImageShare: old outputs against new inputs. */
export function diffImageShare(olds: object, news: object): pulumi.dynamic.DiffResult {
    const o = olds as Loose<ImageShareOutputs>;
    const n = news as Loose<ImageShareInputs>;
    // An absent new region keeps the old one (see the module comment).
    const withRegion = n.region === undefined ? { ...n, region: o.region } : n;
    return diffByRules(imageShareRules(), o, withRegion);
}

/** The destination regions an ImageCopy has copies in (its `images` map), else the stored list. */
export function copiedRegions(olds: Loose<ImageCopyOutputs>): unknown {
    const images = olds.images;
    if (images !== null && typeof images === "object") return Object.keys(images);
    return olds.destinationRegions;
}

/** The rules of ImageCopy (replace: sourceImageId, sourceRegion; in place: the rest). */
export function imageCopyRules(): PropertyRule<Loose<ImageCopyOutputs>, Loose<ImageCopyInputs>>[] {
    return [
        { name: "sourceImageId", kind: "replace", old: (o) => o.sourceImageId, new: (n) => n.sourceImageId },
        { name: "sourceRegion", kind: "replace", old: (o) => o.sourceRegion, new: (n) => n.sourceRegion },
        {
            name: "destinationRegions",
            kind: "update",
            old: copiedRegions,
            new: (n) => n.destinationRegions,
            normalize: asSet,
        },
        { name: "imageName", kind: "update", old: (o) => o.imageName, new: (n) => n.imageName },
        {
            name: "retainCopiesOnDelete",
            kind: "update",
            old: (o) => o.retainCopiesOnDelete,
            new: (n) => n.retainCopiesOnDelete,
            normalize: orDefault(false),
        },
        {
            name: "deleteSnapshotsOnDelete",
            kind: "update",
            old: (o) => o.deleteSnapshotsOnDelete,
            new: (n) => n.deleteSnapshotsOnDelete,
            normalize: orDefault(false),
        },
        {
            name: "timeoutMinutes",
            kind: "update",
            old: (o) => o.timeoutMinutes,
            new: (n) => n.timeoutMinutes,
            normalize: orDefault(DEFAULT_TIMEOUT_MINUTES.copy),
        },
    ];
}

/** Diff of an ImageCopy: old outputs against new inputs. */
export function diffImageCopy(olds: object, news: object): pulumi.dynamic.DiffResult {
    const o = olds as Loose<ImageCopyOutputs>;
    const n = news as Loose<ImageCopyInputs>;
    const withRegion = n.sourceRegion === undefined ? { ...n, sourceRegion: o.sourceRegion } : n;
    return diffByRules(imageCopyRules(), o, withRegion);
}
