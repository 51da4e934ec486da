/** `ImageShare`, declared once: one image shared with a set of accounts, in the image's region. */
import { z } from "zod";
import * as fields from "../plan/fieldSchemas";
import { asSet } from "./diff";
import { ownImageIdProperty, regionProperty } from "./commonProperties";
import { declareResource, output, property } from "./property";
import type { ArgsOf, InputsOf, OutputValuesOf } from "./property";

/** How an ImageShare treats accounts it does not list. */
export const SHARE_MODES = ["additive", "authoritative"] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

export const imageShareDeclaration = declareResource({
    kind: "ImageShare",
    properties: {
        /** The image to share (the account's own custom image). Changing it replaces the share. */
        imageId: ownImageIdProperty(),
        /** The image's region. Default: the provider setting `tencentcloud-images:region`. Changing it replaces the share. */
        region: regionProperty("the image's region"),
        /** Root-account IDs (digit strings, no duplicates; order does not matter). Updated in place. */
        accountIds: property({
            schema: fields.distinctList(fields.accountId, "account").min(1),
            presence: "required",
            change: "in place",
            compareAs: asSet,
            readme: {
                type: "root-account IDs (digit strings), no duplicates, order does not matter",
                change: "in place (only the difference is applied)",
            },
        }),
        /**
         * `"additive"` (default): manage only the listed accounts, leave other shares alone.
         * `"authoritative"`: the list is the whole truth; other accounts are unshared. Updated in place.
         */
        mode: property({
            schema: z.enum(SHARE_MODES),
            presence: "defaulted",
            default: "additive",
            change: "in place",
            readme: {
                type: '`"additive"`: manage only the listed accounts; `"authoritative"`: the list is the whole truth, other accounts are unshared',
            },
        }),
    },
    outputs: {
        /** The accounts this resource manages, as read back from the service. */
        sharedAccountIds: output<string[]>(),
        /** Every account the image is shared with (including shares this resource does not manage). */
        allAccountIds: output<string[]>(),
    },
});

/** The arguments of an ImageShare. */
export interface ImageShareArgs extends ArgsOf<typeof imageShareDeclaration> {}
/** The checked inputs of an ImageShare (region and mode filled in). */
export interface ImageShareInputs extends InputsOf<typeof imageShareDeclaration> {}
/** The stored outputs of an ImageShare. */
export interface ImageShareOutputs extends ImageShareInputs, OutputValuesOf<typeof imageShareDeclaration> {}
