/** The plan check of an ImageShare: shape, region, the image's kind and owner, and the image's account limit. */
import { imageShareDeclaration, type ImageShareInputs } from "../model/imageShare";
import { imageShareContribution, sharesNewAccounts } from "./contributions";
import { recordUses } from "./imageUses";
import { readOwnImage } from "./ownImageCheck";
import { definePlanCheck } from "./planContext";
import { regionOk } from "./regionCheck";
import { byolShareFailures } from "./rules/ownership";
import { selfShareFailures, shareCountFailures } from "./rules/share";
import { known } from "./unknown";

/** Checks an ImageShare: shape, region, the image's kind and owner, and the image's account limit. */
export const planCheckImageShare = definePlanCheck<ImageShareInputs>(
    imageShareDeclaration,
    async ({ olds, inputs, ref, v, failures, ctx }) => {
        const accountIds: unknown[] = Array.isArray(v.accountIds) ? v.accountIds : [];
        failures.push(...shareCountFailures(ref, accountIds, ctx.settings.maxShareAccounts));

        const contribution = imageShareContribution(olds, inputs);
        ctx.ledger.record(ref, {});
        if ((await regionOk(ctx, ref, "region", "region", v.region, failures)) && known(v.imageId)) {
            const region = v.region;
            const imageId = v.imageId;
            failures.push(...recordUses(ctx, ref, [{ region, imageId }]));
            const image = await readOwnImage(ctx, ref, "imageId", region, imageId, "share", failures);
            if (image?.imageType === "PRIVATE_IMAGE") {
                failures.push(...byolShareFailures(ref, "imageId", image));
                failures.push(...selfShareFailures(ref, accountIds, imageId, image.imageCreator));
                if (contribution) ctx.ledger.record(ref, { share: contribution });
                // Accounts it listed before were judged when they were added: only new ones can go over.
                if (contribution && sharesNewAccounts(olds, inputs)) {
                    const existing = (await ctx.facts.sharePermissions(region, imageId)).map(
                        (p) => p.accountId,
                    );
                    const over = ctx.ledger.judgeShare(
                        ref,
                        "accountIds",
                        region,
                        imageId,
                        existing,
                        ctx.settings.maxShareAccounts,
                    );
                    if (over) failures.push(over);
                }
            }
        }
    },
);
