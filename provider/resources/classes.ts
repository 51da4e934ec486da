/**
 * The resource classes a program instantiates, one per property table (../model): each registers its
 * arguments, the hidden logical name and its declared outputs with the provider object of
 * ./dynamicProvider.ts (a require of the handlers module, nothing else).
 */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "../model/kinds";
import { registeredProps, type ResourceDeclaration, type ResourceOutputsOf } from "../model/property";
import { customImageDeclaration, type CustomImageArgs } from "../model/customImage";
import { imageShareDeclaration, type ImageShareArgs } from "../model/imageShare";
import { imageCopyDeclaration, type ImageCopyArgs } from "../model/imageCopy";
import { imageRetentionDeclaration, type ImageRetentionArgs } from "../model/imageRetention";
import { dynamicProviderFor, type HandlerKey } from "./dynamicProvider";

/** A resource class: `new X(name, args, opts)`, whose instances carry an Output of each declared output. */
export type ResourceClass<D extends ResourceDeclaration, A> = new (
    name: string,
    args: A,
    opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & ResourceOutputsOf<D>;

function resourceClass<D extends ResourceDeclaration, A extends object>(
    declaration: D,
    key: HandlerKey,
): ResourceClass<D, A> {
    // The engine sets an Output on the instance for every registered output key (registeredProps).
    const resource = class extends pulumi.dynamic.Resource {
        constructor(name: string, args: A, opts?: pulumi.CustomResourceOptions) {
            const props = registeredProps(declaration, name, args);
            super(dynamicProviderFor(key), name, props, opts, RESOURCE_MODULE, declaration.kind);
        }
    };
    Object.defineProperty(resource, "name", { value: declaration.kind });
    return resource as unknown as ResourceClass<D, A>;
}

/** A custom image in one region, made from an instance, from snapshots, or imported; or adopted. */
export const CustomImage = resourceClass<typeof customImageDeclaration, CustomImageArgs>(
    customImageDeclaration,
    "customImage",
);
/** A CustomImage resource. */
export type CustomImage = InstanceType<typeof CustomImage>;

/** One image shared with a set of accounts, in the image's region. ID: `<region>:<imageId>`. */
export const ImageShare = resourceClass<typeof imageShareDeclaration, ImageShareArgs>(
    imageShareDeclaration,
    "imageShare",
);
/** An ImageShare resource. */
export type ImageShare = InstanceType<typeof ImageShare>;

/** One custom image copied to one or more other regions. ID: `<sourceRegion>:<sourceImageId>`. */
export const ImageCopy = resourceClass<typeof imageCopyDeclaration, ImageCopyArgs>(
    imageCopyDeclaration,
    "imageCopy",
);
/** An ImageCopy resource. */
export type ImageCopy = InstanceType<typeof ImageCopy>;

/**
 * A retention policy for the account's own custom images in one region: keeps the newest, deletes or
 * deprecates the rest on every `up`. Declare it before the resources it makes room for, and give them
 * `dependsOn: [retention]`. ID: `<region>:<name>`.
 */
export const ImageRetention = resourceClass<typeof imageRetentionDeclaration, ImageRetentionArgs>(
    imageRetentionDeclaration,
    "imageRetention",
);
/** An ImageRetention resource. */
export type ImageRetention = InstanceType<typeof ImageRetention>;
