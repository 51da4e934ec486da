/**
 * ModifyImageSharePermission: SHARE or CANCEL the account's own NORMAL custom image with other
 * accounts, in the image's region. All accounts are checked before any change is made.
 */
import { z } from "zod";
import { fail } from "../../errors";
import { imageState } from "../../models/lifecycle";
import { defineHandler } from "../types";
import { requireOwnImage } from "./ownedImage";

const params = z.strictObject({
    ImageId: z.string(),
    AccountIds: z.array(z.string()).min(1),
    Permission: z.string(),
});

export default defineHandler({
    service: "cvm",
    action: "ModifyImageSharePermission",
    params,
    region: "required",
    mutates: true,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        if (p.Permission !== "SHARE" && p.Permission !== "CANCEL") {
            fail("InvalidParameterValue", `Permission must be SHARE or CANCEL (got "${p.Permission}").`);
        }
        const { image } = requireOwnImage(store, accountId, region, p.ImageId);
        const state = imageState(image, now);
        if (state !== "NORMAL") {
            fail(
                "InvalidParameterValue.InvalidImageState",
                `${p.ImageId} is ${state}; only a NORMAL image can be shared. Retry when it is NORMAL.`,
            );
        }
        const accounts = [...new Set(p.AccountIds)];
        for (const id of accounts) {
            if (id === accountId) {
                fail("FailedOperation.AccountIsYourSelf", "An image cannot be shared with its own account.");
            }
            if (store.rootOfSubAccount(id) !== undefined) {
                fail(
                    "FailedOperation.NotMasterAccount",
                    `${id} is a sub-account; images are shared with root accounts (give the root account's ID).`,
                );
            }
            if (!/^\d+$/.test(id) || !store.accountExists(id)) {
                fail(
                    "InvalidAccountId.NotFound",
                    `The account \`${id}\` does not exist; give root-account IDs (digits).`,
                );
            }
        }
        const shared = new Set(image.shares.map((s) => s.accountId));
        if (p.Permission === "SHARE") {
            const already = accounts.find((id) => shared.has(id));
            if (already) {
                fail(
                    "FailedOperation.AccountAlreadyExists",
                    `${p.ImageId} is already shared with account ${already}.`,
                );
            }
            const limit = store.state.config.shareLimit;
            if (shared.size + accounts.length > limit) {
                fail(
                    "OverQuota",
                    `${p.ImageId} would be shared with ${shared.size + accounts.length} accounts; the limit is ${limit}.`,
                );
            }
            for (const id of accounts) image.shares.push({ accountId: id, createdAt: now });
        } else {
            // Cancelling an account the image is not shared with is a no-op (undocumented; idempotent here).
            image.shares = image.shares.filter((s) => !accounts.includes(s.accountId));
        }
        return {};
    },
});
