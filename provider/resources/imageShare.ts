/** `ImageShare`: one image shared with a set of accounts, in the image's region. Declared in ../model/imageShare.ts. */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "../model/kinds";
import { imageShareDeclaration } from "../model/imageShare";
import type { ImageShareArgs } from "../model/imageShare";
import { registeredProps, type ResourceOutputsOf } from "../model/property";
import { dynamicProviderFor } from "./dynamicProvider";

/** The outputs of an ImageShare (see the declaration for each). */
export interface ImageShare extends ResourceOutputsOf<typeof imageShareDeclaration> {}

/** One image shared with a set of accounts. ID: `<region>:<imageId>`. */
export class ImageShare extends pulumi.dynamic.Resource {
    constructor(name: string, args: ImageShareArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dynamicProviderFor("imageShare"),
            name,
            registeredProps(imageShareDeclaration, name, args),
            opts,
            RESOURCE_MODULE,
            imageShareDeclaration.kind,
        );
    }
}
