/**
 * getImages: the images of one region that match the arguments, newest first. Runs in the program
 * (a dynamic provider cannot offer functions to the engine), with the provider's configuration rules.
 */
import * as pulumi from "@pulumi/pulumi";
import { BatchedImageReads } from "../backend/imageReads";
import { Image, ImageBackend } from "../backend/types";
import { processContextFor } from "../processContext";
import {
    CONFIG_NAMESPACE,
    ProviderSettings,
    resolveSettings,
    SETTING_ENV_VARS,
    settingSource,
} from "../config";
import { filterImages, ImageSummary } from "./filterImages";
import { assertMarketplaceRegion, unsafeMostRecentWarning } from "./guards";
import { GetImagesArgs, LookupCriteria, parseLookupArgs } from "./lookupArgs";
import { serverFilter } from "./serverFilter";

/** What {@link getImages} returns. */
export interface GetImagesResult {
    /** The region searched. */
    region: string;
    /** The matching images, newest first (only the newest when `mostRecent`). */
    images: ImageSummary[];
    /** Their IDs, in the same order. */
    ids: string[];
}

/** Options of the lookup functions; all optional, mostly for tests. */
export interface LookupOptions {
    /**
     * The backend to call. Default: the process's (../processContext.ts) for the settings, the one the
     * resources of this process use too: one rate limiter, one coalesced read by ID per region.
     */
    backend?: ImageBackend;
    /** The settings. Default: stack config `tencentcloud-images:<key>` inside a Pulumi program, else env. */
    settings?: ProviderSettings;
    /** Where warnings go. Default: `pulumi.log.warn` inside a Pulumi program, else `console.warn`. */
    warn?: (message: string) => void;
}

/** True when running inside a Pulumi program (an engine or a mock monitor is present). */
export function inPulumiProgram(): boolean {
    return pulumi.runtime.hasEngine() || pulumi.runtime.hasMonitor();
}

/**
 * The settings as the provider reads them: stack config inside a Pulumi program, then env. Outside
 * a program there is no stack, so only the environment counts.
 */
export function lookupSettings(): ProviderSettings {
    if (!inPulumiProgram()) return resolveSettings(settingSource());
    return settingsFromStackConfig(new pulumi.Config(CONFIG_NAMESPACE));
}

/**
 * The settings from a stack's `tencentcloud-images` config namespace (`config.get("region")` is
 * `tencentcloud-images:region`), each falling back to its environment variable.
 */
export function settingsFromStackConfig(config: { get(key: string): string | undefined }): ProviderSettings {
    const prefix = `${CONFIG_NAMESPACE}:`;
    return resolveSettings(
        settingSource({
            get: (key) => (key.startsWith(prefix) ? config.get(key.slice(prefix.length)) : undefined),
        }),
    );
}

function defaultWarn(message: string): void {
    if (inPulumiProgram()) void pulumi.log.warn(message);
    else console.warn(message);
}

/** The result of a lookup before it is shaped for one of the functions. */
export interface LookupOutcome {
    region: string;
    criteria: LookupCriteria;
    /** Every match, newest first (not cut to one by `mostRecent`). */
    matches: ImageSummary[];
}

/**
 * Validates the arguments, applies the guards, reads the images (the family's chosen image for a
 * `family` lookup; by ID when `imageIds` is given, since the API refuses IDs and filters together;
 * else with the server-side filters, every page) and filters the rest client-side. `fn` names the calling function in messages.
 */
export async function lookupImages(
    args: GetImagesArgs | undefined,
    fn: string,
    options: LookupOptions = {},
): Promise<LookupOutcome> {
    const criteria = parseLookupArgs(args, fn);
    let settings = options.settings;
    const settingsNow = () => (settings ??= lookupSettings());
    const region = criteria.region ?? settingsNow().region;
    if (!region) {
        throw new Error(
            `${fn}: no region: pass region, or set ${CONFIG_NAMESPACE}:region ` +
                `(pulumi config set ${CONFIG_NAMESPACE}:region ap-guangzhou) or ${SETTING_ENV_VARS.region}.`,
        );
    }
    assertMarketplaceRegion(fn, region, criteria);
    const warning = unsafeMostRecentWarning(fn, criteria);
    if (warning) (options.warn ?? defaultWarn)(warning);

    const { backend, reads } = options.backend
        ? { backend: options.backend, reads: new BatchedImageReads(options.backend) }
        : processContextFor(settingsNow());
    let images: Image[];
    if (criteria.family !== undefined && !criteria.includeDeprecated) {
        images = await familyImage(backend, region, criteria.family);
    } else if (criteria.imageIds) {
        images = [...(await reads.images(region, criteria.imageIds)).values()];
    } else {
        images = await backend.listImages(region, serverFilter(criteria));
    }
    return { region, criteria, matches: filterImages(images, criteria) };
}

/**
 * The family's image as the service chooses it (DescribeImageFromFamily: its newest non-deprecated
 * one), as a list of at most one. It is the family's by the service's word, even if the reply leaves
 * `ImageFamily` out.
 */
async function familyImage(backend: ImageBackend, region: string, family: string): Promise<Image[]> {
    const chosen = await backend.describeImageFromFamily(region, family);
    return chosen ? [{ ...chosen, imageFamily: chosen.imageFamily ?? family }] : [];
}

/**
 * The images of one region that match `args`, newest first (created time, then image ID).
 * With `mostRecent: true`, only the newest. An empty result is not an error (see {@link getImage}).
 *
 * Defaults: region from the provider setting; every image type; states `["NORMAL"]`; no other filter.
 * Settings come from stack config `tencentcloud-images:<key>` inside a Pulumi program, else env.
 */
export async function getImages(
    args: GetImagesArgs = {},
    options: LookupOptions = {},
): Promise<GetImagesResult> {
    const { region, criteria, matches } = await lookupImages(args, "getImages", options);
    const images = criteria.mostRecent ? matches.slice(0, 1) : matches;
    return { region, images, ids: images.map((i) => i.imageId) };
}
