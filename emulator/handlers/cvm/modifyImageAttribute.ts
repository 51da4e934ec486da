/** ModifyImageAttribute: rename or re-describe the account's own custom image (NORMAL only). */
import { z } from "zod";
import { fail } from "../../errors";
import { imageState } from "../../models/lifecycle";
import {
    assertImageFamily,
    assertNameAndDescription,
    assertUniqueName,
    requireVisibleImage,
} from "../../models/rules";
import { defineHandler } from "../types";

const params = z.strictObject({
    ImageId: z.string(),
    ImageName: z.string().optional(),
    ImageDescription: z.string().optional(),
    ImageFamily: z.string().optional(),
    ImageDeprecated: z.boolean().optional(),
});

export default defineHandler({
    service: "cvm",
    action: "ModifyImageAttribute",
    params,
    region: "required",
    mutates: true,
    run(ctx, p) {
        const { store, accountId, region, now } = ctx;
        const found = requireVisibleImage(store, accountId, region, p.ImageId);
        if (found.relation === "shared") {
            fail(
                "UnsupportedOperation.SharedImageModifyUnsupported",
                `${p.ImageId} is shared with you by another account; only its owner can modify it.`,
            );
        }
        if (found.relation === "public") {
            fail(
                "InvalidParameterValue.InvalidImageId",
                `${p.ImageId} is a public or marketplace image and cannot be modified.`,
            );
        }
        const state = imageState(found.image, now);
        if (state !== "NORMAL") {
            fail(
                "InvalidImageId.IncorrectState",
                `${p.ImageId} is ${state}; only a NORMAL image can be modified.`,
            );
        }
        assertNameAndDescription(p.ImageName, p.ImageDescription);
        assertImageFamily(p.ImageFamily);
        if (p.ImageName !== undefined) assertUniqueName(store, accountId, region, p.ImageName, p.ImageId);
        const image = found.image;
        if (p.ImageName !== undefined) image.imageName = p.ImageName;
        if (p.ImageDescription !== undefined) image.imageDescription = p.ImageDescription;
        if (p.ImageFamily !== undefined) image.imageFamily = p.ImageFamily;
        if (p.ImageDeprecated !== undefined) image.imageDeprecated = p.ImageDeprecated;
        return {};
    },
});
