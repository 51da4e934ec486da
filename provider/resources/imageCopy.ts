/** `ImageCopy`: one custom image copied to one or more other regions. */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProviderFor } from "./dynamicProvider";
import { RESOURCE_MODULE } from "./naming";

/** The arguments of an {@link ImageCopy}. */
export interface ImageCopyArgs {
    /** The image to copy (the account's own custom image). Changing it replaces the copies. */
    sourceImageId: pulumi.Input<string>;
    /** The source image's region. Default: the provider setting `tencentcloud-images:region`. Changing it replaces the copies. */
    sourceRegion?: pulumi.Input<string>;
    /** Where to copy to (no duplicates, not the source region). Adding or removing a region copies or deletes only that region. */
    destinationRegions: pulumi.Input<pulumi.Input<string>[]>;
    /** The copies' name. Default: the source image's name. Updated in place (the copies are renamed). */
    imageName?: pulumi.Input<string>;
    /** Keep the copies when they are removed from the stack (they are only forgotten). Default `false`. */
    retainCopiesOnDelete?: pulumi.Input<boolean>;
    /** Also delete the copies' snapshots when deleting them. Default `false`. */
    deleteSnapshotsOnDelete?: pulumi.Input<boolean>;
    /** How long to wait for every copy to become NORMAL. Default 60 minutes. */
    timeoutMinutes?: pulumi.Input<number>;
}

/** One image copied to other regions. ID: `<sourceRegion>:<sourceImageId>`. */
export class ImageCopy extends pulumi.dynamic.Resource {
    /** Destination region → the copy's image ID. */
    declare readonly images: pulumi.Output<Record<string, string>>;
    /** Destination region → the copy's state when last read (`NORMAL` once ready). */
    declare readonly imageStates: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: ImageCopyArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dynamicProviderFor("imageCopy"),
            name,
            { ...args, __logicalName: name, images: undefined, imageStates: undefined },
            opts,
            RESOURCE_MODULE,
            "ImageCopy",
        );
    }
}
