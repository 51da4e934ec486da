/**
 * The `pulumi.dynamic.ResourceProvider` objects handed to `new pulumi.dynamic.Resource(...)`.
 *
 * The methods are deliberately thin: each only references the `handlers` module object (and the
 * resource's key, a plain string). The closure serializer therefore captures `handlers` as
 * `require("<package>/dist/provider/resources/handlers")` when the package is installed, and the
 * serialized provider contains no settings, clients or credentials. Everything else (settings,
 * backend, waiter) is looked up by the handlers when a method runs.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as handlers from "./handlers";

/** The resources served by {@link dynamicProviderFor}: keys of the handlers module. */
export type HandlerKey = "customImage" | "imageShare" | "imageCopy" | "imageRetention";

/** Inputs and outputs as the engine hands them over. */
type Props = Record<string, unknown>;

/** The provider object of one resource. */
export function dynamicProviderFor(key: HandlerKey): pulumi.dynamic.ResourceProvider {
    return {
        configure: (req) => handlers.configure(req),
        check: (olds: Props, news: Props) => handlers[key].check(olds, news),
        diff: (id: string, olds: Props, news: Props) => handlers[key].diff(id, olds, news),
        create: (inputs: Props) => handlers[key].create(inputs),
        read: (id: string, props?: Props) => handlers[key].read(id, props),
        update: (id: string, olds: Props, news: Props) => handlers[key].update(id, olds, news),
        delete: (id: string, props: Props) => handlers[key].delete(id, props),
    };
}
