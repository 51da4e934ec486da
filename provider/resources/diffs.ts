/**
 * The diff of each resource: the one diff of its property table (../model/diff.ts), plus, for a
 * CustomImage, the order of a replacement that keeps the image's name, and, for an ImageRetention, a
 * change whenever its plan acts on an image.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../plan/unknown";
import { diffByDeclaration, sameValue } from "../model/diff";
import { customImageDeclaration } from "../model/customImage";
import { imageShareDeclaration } from "../model/imageShare";
import { imageCopyDeclaration } from "../model/imageCopy";
import { imageRetentionDeclaration } from "../model/imageRetention";

type Props = Record<string, unknown>;

/** Diff of a CustomImage: old outputs against new inputs. */
export function diffCustomImage(olds: object, news: object): pulumi.dynamic.DiffResult {
    const o = olds as Props;
    const n = news as Props;
    const result = diffByDeclaration(customImageDeclaration, o, n);
    // Names are unique per account and region: a replacement that keeps both must delete the old
    // image before it can create the new one (the engine then also replaces what depends on it first).
    // An absent new region keeps the old one (see ../model/diff.ts).
    const region = n.region ?? o.region;
    const keepsName =
        !containsUnknown(region) &&
        !containsUnknown(n.imageName) &&
        region === o.region &&
        n.imageName === o.imageName;
    return { ...result, deleteBeforeReplace: (result.replaces?.length ?? 0) > 0 && keepsName };
}

/** Diff of an ImageShare: old outputs against new inputs. */
export function diffImageShare(olds: object, news: object): pulumi.dynamic.DiffResult {
    return diffByDeclaration(imageShareDeclaration, olds, news);
}

/** Diff of an ImageCopy: old outputs against new inputs. */
export function diffImageCopy(olds: object, news: object): pulumi.dynamic.DiffResult {
    return diffByDeclaration(imageCopyDeclaration, olds, news);
}

/**
 * Diff of an ImageRetention: a change of its arguments, a plan that deletes or deprecates anything
 * (every `up` applies the policy to what exists then, so a plan with actions is a change), or a plan
 * that reads differently from the stored one (so that the stored plan says what holds now).
 */
export function diffImageRetention(olds: object, news: object): pulumi.dynamic.DiffResult {
    const result = diffByDeclaration(imageRetentionDeclaration, olds, news);
    const { pendingImageIds: pending, plan } = news as Props;
    const acts = containsUnknown(pending) || (Array.isArray(pending) && pending.length > 0);
    const replanned = Array.isArray(plan) && !sameValue((olds as Props).plan, plan);
    return acts || replanned ? { ...result, changes: true } : result;
}
