/** `ImageShare`: one image shared with a set of accounts, in the image's region. */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProviderFor } from "./dynamicProvider";
import { RESOURCE_MODULE } from "./naming";

/** The arguments of an {@link ImageShare}. */
export interface ImageShareArgs {
    /** The image to share (the account's own custom image). Changing it replaces the share. */
    imageId: pulumi.Input<string>;
    /** The image's region. Default: the provider setting `tencentcloud-images:region`. Changing it replaces the share. */
    region?: pulumi.Input<string>;
    /** Root-account IDs (digit strings, no duplicates; order does not matter). Updated in place. */
    accountIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * `"additive"` (default): manage only the listed accounts, leave other shares alone.
     * `"authoritative"`: the list is the whole truth; other accounts are unshared. Updated in place.
     */
    mode?: pulumi.Input<"additive" | "authoritative">;
}

/** One image shared with a set of accounts. ID: `<region>:<imageId>`. */
export class ImageShare extends pulumi.dynamic.Resource {
    /** The accounts this resource manages, as read back from the service. */
    declare readonly sharedAccountIds: pulumi.Output<string[]>;
    /** Every account the image is shared with (including shares this resource does not manage). */
    declare readonly allAccountIds: pulumi.Output<string[]>;

    constructor(name: string, args: ImageShareArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dynamicProviderFor("imageShare"),
            name,
            { ...args, __logicalName: name, sharedAccountIds: undefined, allAccountIds: undefined },
            opts,
            RESOURCE_MODULE,
            "ImageShare",
        );
    }
}
