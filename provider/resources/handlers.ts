/**
 * The module the serialized providers reference. Each provider method is a one-line call into this
 * module (see ./dynamicProvider.ts), so when the package is installed under node_modules the closure
 * serializer stores `require("pulumi-tencentcloud-images/dist/provider/resources/handlers")` instead
 * of code, and `__provider` in the state holds no settings and no credentials.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureProcess } from "../processContext";

export { customImage } from "./customImageHandler";
export { imageShare } from "./imageShareHandler";
export { imageCopy } from "./imageCopyHandler";
export { imageRetention } from "./imageRetentionHandler";

/** `configure(req)`: keeps the stack config (in memory) for the settings of later calls. */
export function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureProcess(req.config);
    return Promise.resolve();
}
