/**
 * The resource classes a program instantiates, one per property table (../model): each registers its
 * arguments, the hidden logical name and plan count (./programCensus.ts) and its declared outputs
 * with the provider object of ./dynamicProvider.ts (a require of the handlers module, nothing else).
 */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "../model/kinds";
import { registeredProps, type ResourceDeclaration, type ResourceOutputsOf } from "../model/property";
import { customImageDeclaration, type CustomImageArgs } from "../model/customImage";
import { imageShareDeclaration, type ImageShareArgs } from "../model/imageShare";
import { imageCopyDeclaration, type ImageCopyArgs } from "../model/imageCopy";
import { imageRetentionDeclaration, type ImageRetentionArgs } from "../model/imageRetention";
import { dynamicProviderFor, type HandlerKey } from "./dynamicProvider";
import { countConstruction } from "./programCensus";
import { perProgramRun } from "./programRun";

/** A resource class: `new X(name, args, opts)`, whose instances carry an Output of each declared output. */
export type ResourceClass<D extends ResourceDeclaration, A> = new (
    name: string,
    args: A,
    opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & ResourceOutputsOf<D>;

/** The handlers-module key of a kind: `CustomImage` → `customImage`. */
function handlerKeyOf(kind: ResourceDeclaration["kind"]): HandlerKey {
    return `${kind[0].toLowerCase()}${kind.slice(1)}` as HandlerKey;
}

/** The one factory of the resource classes: the class of a property table, registered as its kind. */
function resourceClass<D extends ResourceDeclaration, A extends object>(declaration: D): ResourceClass<D, A> {
    const key = handlerKeyOf(declaration.kind);
    // One provider object per program run (./programRun.ts): the SDK serializes a provider's closure
    // once per object (a cache keyed by identity, holding an Output of the run that made it), and a
    // fresh object per resource cost one each: with 100 resources the engine got its first
    // registration 1.8 s later. Not one per process: the Automation API runs many programs in one
    // process, at once too, and one run's Output must not reach another.
    const providerOfThisRun = perProgramRun(() => dynamicProviderFor(key));
    // The engine sets an Output on the instance for every registered output key (registeredProps).
    const resource = class extends pulumi.dynamic.Resource {
        constructor(name: string, args: A, opts?: pulumi.CustomResourceOptions) {
            const props = registeredProps(declaration, name, args, countConstruction(opts));
            super(providerOfThisRun(), name, props, opts, RESOURCE_MODULE, declaration.kind);
        }
    };
    Object.defineProperty(resource, "name", { value: declaration.kind });
    return resource as unknown as ResourceClass<D, A>;
}

/** A custom image in one region, made from an instance, from snapshots, or imported; or adopted. */
export const CustomImage = resourceClass<typeof customImageDeclaration, CustomImageArgs>(
    customImageDeclaration,
);
/** One image shared with a set of accounts, in the image's region. ID: `<region>:<imageId>`. */
export const ImageShare = resourceClass<typeof imageShareDeclaration, ImageShareArgs>(imageShareDeclaration);
/** One custom image copied to one or more other regions. ID: `<sourceRegion>:<sourceImageId>`. */
export const ImageCopy = resourceClass<typeof imageCopyDeclaration, ImageCopyArgs>(imageCopyDeclaration);
/**
 * A retention policy for the account's own custom images in one region (or every region of its
 * family): keeps the newest, deletes or deprecates the rest on every `up`. ID: `<region>:<name>`.
 */
export const ImageRetention = resourceClass<typeof imageRetentionDeclaration, ImageRetentionArgs>(
    imageRetentionDeclaration,
);

/** A CustomImage resource. */
export type CustomImage = InstanceType<typeof CustomImage>;
/** An ImageShare resource. */
export type ImageShare = InstanceType<typeof ImageShare>;
/** An ImageCopy resource. */
export type ImageCopy = InstanceType<typeof ImageCopy>;
/** An ImageRetention resource. */
export type ImageRetention = InstanceType<typeof ImageRetention>;
