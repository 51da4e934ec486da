/**
 * pulumi-tencentcloud-images: Tencent Cloud CVM images as Pulumi resources, with plan-time checks of
 * quotas and region/ownership rules, and lookups of public, marketplace, custom and shared images.
 *
 * This file is the public API and nothing else.
 */
export { CustomImage, ImageShare, ImageCopy, ImageRetention } from "./resources/classes";
export type { CustomImageArgs, CustomImageOutputs } from "./model/customImage";
export type {
    CustomImageSourceArgs,
    CustomImageInstanceSource,
    CustomImageSnapshotSource,
    CustomImageImportSource,
} from "./model/imageSource";
export type { ImageShareArgs, ImageShareOutputs } from "./model/imageShare";
export type { ImageCopyArgs, ImageCopyOutputs } from "./model/imageCopy";
export type { ImageRetentionArgs, ImageRetentionOutputs, RetentionAction } from "./model/imageRetention";

export { getImages, getImage, getImagesOutput, getImageOutput } from "./lookup";
export type {
    GetImagesArgs,
    GetImagesResult,
    GetImageResult,
    ImageSummary,
    GetImagesOutputArgs,
} from "./lookup";
export {
    NoImageMatchedError,
    SeveralImagesMatchedError,
    LookupArgumentError,
    MarketplaceRegionError,
} from "./lookup";

export { resolveSettings, CONFIG_NAMESPACE, SETTING_ENV_VARS } from "./config";
export type { ProviderSettings } from "./config";
export { TencentCloudApiError, TransportError } from "./backend/errors";
export type { ImageType, ImageState, KnownImageType, KnownImageState, Image } from "./backend/types";
