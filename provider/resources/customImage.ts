/**
 * `CustomImage`: a custom image in one region, made from an instance, from snapshots, or imported
 * from an image file; or an existing image taken over with `adoptExisting`. Declared in
 * ../model/customImage.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "../model/kinds";
import { customImageDeclaration } from "../model/customImage";
import type { CustomImageArgs } from "../model/customImage";
import { registeredProps, type ResourceOutputsOf } from "../model/property";
import { dynamicProviderFor } from "./dynamicProvider";

/** The outputs of a CustomImage (see the declaration for each). */
export interface CustomImage extends ResourceOutputsOf<typeof customImageDeclaration> {}

/** A custom image in one region. */
export class CustomImage extends pulumi.dynamic.Resource {
    constructor(name: string, args: CustomImageArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dynamicProviderFor("customImage"),
            name,
            registeredProps(customImageDeclaration, name, args),
            opts,
            RESOURCE_MODULE,
            customImageDeclaration.kind,
        );
    }
}
