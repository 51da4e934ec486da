/** `ImageCopy`: one custom image copied to one or more other regions. Declared in ../model/imageCopy.ts. */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "../model/kinds";
import { imageCopyDeclaration } from "../model/imageCopy";
import type { ImageCopyArgs } from "../model/imageCopy";
import { registeredProps, type ResourceOutputsOf } from "../model/property";
import { dynamicProviderFor } from "./dynamicProvider";

/** The outputs of an ImageCopy (see the declaration for each). */
export interface ImageCopy extends ResourceOutputsOf<typeof imageCopyDeclaration> {}

/** One image copied to other regions. ID: `<sourceRegion>:<sourceImageId>`. */
export class ImageCopy extends pulumi.dynamic.Resource {
    constructor(name: string, args: ImageCopyArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dynamicProviderFor("imageCopy"),
            name,
            registeredProps(imageCopyDeclaration, name, args),
            opts,
            RESOURCE_MODULE,
            imageCopyDeclaration.kind,
        );
    }
}
