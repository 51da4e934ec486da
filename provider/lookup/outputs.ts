/**
 * The Output forms of the lookups: arguments may be outputs of other resources, and the result is an
 * Output. While any argument is unknown (in preview), the result is unknown and nothing is read.
 */
import * as pulumi from "@pulumi/pulumi";
import { KnownImageState, KnownImageType } from "../backend/types";
import { getImage, GetImageResult } from "./getImage";
import { getImages, GetImagesResult, LookupOptions } from "./getImages";
import { GetImagesArgs } from "./lookupArgs";

/** {@link GetImagesArgs} where every argument (and every list element or tag value) may be an Input. */
export interface GetImagesOutputArgs {
    /** See {@link GetImagesArgs.region}. Default: the provider setting `region`. */
    region?: pulumi.Input<string>;
    /** See {@link GetImagesArgs.imageTypes}. Default: every kind. */
    imageTypes?: pulumi.Input<pulumi.Input<KnownImageType>[]>;
    /** See {@link GetImagesArgs.imageType}. */
    imageType?: pulumi.Input<KnownImageType>;
    /** See {@link GetImagesArgs.platform}. Default: any. */
    platform?: pulumi.Input<string>;
    /** See {@link GetImagesArgs.osName}. Default: any. */
    osName?: pulumi.Input<string>;
    /** See {@link GetImagesArgs.architecture}. Default: any. */
    architecture?: pulumi.Input<string>;
    /** See {@link GetImagesArgs.nameRegex}. Default: any. */
    nameRegex?: pulumi.Input<string>;
    /** See {@link GetImagesArgs.tags}. Default: none required. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** See {@link GetImagesArgs.imageIds}. Default: any. */
    imageIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** See {@link GetImagesArgs.states}. Default: `["NORMAL"]`. */
    states?: pulumi.Input<pulumi.Input<KnownImageState>[]>;
    /** See {@link GetImagesArgs.family}. Default: any. */
    family?: pulumi.Input<string>;
    /** See {@link GetImagesArgs.includeDeprecated}. Default: false. */
    includeDeprecated?: pulumi.Input<boolean>;
    /** See {@link GetImagesArgs.mostRecent}. Default: false. */
    mostRecent?: pulumi.Input<boolean>;
    /** See {@link GetImagesArgs.allowUnsafeMostRecent}. Default: false. */
    allowUnsafeMostRecent?: pulumi.Input<boolean>;
}

/** {@link getImages} with Input arguments and an Output result. */
export function getImagesOutput(
    args: GetImagesOutputArgs = {},
    options: LookupOptions = {},
): pulumi.Output<GetImagesResult> {
    return pulumi.output(args).apply((plain) => getImages(plain as GetImagesArgs, options));
}

/** {@link getImage} with Input arguments and an Output result. */
export function getImageOutput(
    args: GetImagesOutputArgs = {},
    options: LookupOptions = {},
): pulumi.Output<GetImageResult> {
    return pulumi.output(args).apply((plain) => getImage(plain as GetImagesArgs, options));
}
