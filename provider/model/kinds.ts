/**
 * The vocabulary that the plan checks (../plan) and the resource operations (../resources) share:
 * the resource kinds of the package, how one resource is referred to, and how messages name it.
 */

/** The resource kinds of the package, as they appear in type tokens and messages. */
export type ResourceKind = "CustomImage" | "ImageShare" | "ImageCopy" | "ImageRetention";

/** The module of the resources' type tokens: `pulumi-nodejs:dynamic/tencentcloud-images:<Kind>`. */
export const RESOURCE_MODULE = "tencentcloud-images";

/** One resource: its kind and logical name (the hidden `__logicalName` input). */
export interface ResourceRef {
    kind: ResourceKind;
    /** The logical name; undefined only for state written without `__logicalName`. */
    name?: string;
}

/** `CustomImage "web"` (or `CustomImage` when the name is not known): how messages name a resource. */
export function describeResource(ref: ResourceRef): string {
    return ref.name ? `${ref.kind} "${ref.name}"` : ref.kind;
}

/** The logical name stored in a resource's inputs or outputs, if there is one. */
export function logicalNameOf(props: object | undefined): string | undefined {
    const name = (props as { __logicalName?: unknown } | undefined)?.__logicalName;
    return typeof name === "string" && name !== "" ? name : undefined;
}
