/**
 * The resources: CustomImage, ImageShare, ImageCopy (classes and Args), and their handler objects
 * (the provider operations, for tests and tools).
 */
export * from "./customImage";
export * from "./imageShare";
export * from "./imageCopy";
export { customImage as customImageHandlers } from "./customImageHandler";
export { imageShare as imageShareHandlers } from "./imageShareHandler";
export { imageCopy as imageCopyHandlers } from "./imageCopyHandler";
export { diffCustomImage, diffImageShare, diffImageCopy } from "./diffs";
export { imageShareId } from "./imageShareHandler";
export { imageCopyId } from "./imageCopyHandler";
export { MANAGED_BY_TAG, MANAGED_BY_VALUE, RESOURCE_NAME_TAG } from "./images";
export type { ResourceHandlers } from "./lifecycle";
export type { CustomImageOutputs, ImageShareOutputs, ImageCopyOutputs } from "./state";
