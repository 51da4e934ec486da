/** The registry of actions, keyed by service and action name. */
import { ActionHandler } from "./types";
import describeSnapshots from "./cbs/describeSnapshots";
import createImage from "./cvm/createImage";
import deleteImages from "./cvm/deleteImages";
import describeImageFromFamily from "./cvm/describeImageFromFamily";
import describeImageQuota from "./cvm/describeImageQuota";
import describeImages from "./cvm/describeImages";
import describeImageSharePermission from "./cvm/describeImageSharePermission";
import describeImportImageOs from "./cvm/describeImportImageOs";
import describeInstances from "./cvm/describeInstances";
import describeRegions from "./cvm/describeRegions";
import importImage from "./cvm/importImage";
import modifyImageAttribute from "./cvm/modifyImageAttribute";
import modifyImageSharePermission from "./cvm/modifyImageSharePermission";
import syncImages from "./cvm/syncImages";
import describeProductRegions from "./region/describeRegions";
import getCallerIdentity from "./sts/getCallerIdentity";
import describeResourceTags from "./tag/describeResourceTags";
import describeResourceTagsByResourceIds from "./tag/describeResourceTagsByResourceIds";
import modifyResourceTags from "./tag/modifyResourceTags";
import tagResources from "./tag/tagResources";
import unTagResources from "./tag/unTagResources";

/** The API version each service speaks. */
export const SERVICE_VERSIONS: Readonly<Record<string, string>> = {
    cvm: "2017-03-12",
    cbs: "2017-03-12",
    tag: "2018-08-13",
    sts: "2018-08-13",
    region: "2022-06-27",
};

const ALL = [
    createImage,
    describeImages,
    deleteImages,
    modifyImageAttribute,
    modifyImageSharePermission,
    describeImageSharePermission,
    syncImages,
    importImage,
    describeImageQuota,
    describeRegions,
    describeImportImageOs,
    describeInstances,
    describeImageFromFamily,
    modifyResourceTags,
    describeResourceTagsByResourceIds,
    describeResourceTags,
    tagResources,
    unTagResources,
    describeSnapshots,
    getCallerIdentity,
    describeProductRegions,
] as ActionHandler[];

/** The handler of (service, action), if the emulator implements it. */
export function findHandler(service: string, action: string): ActionHandler | undefined {
    return ALL.find((h) => h.service === service && h.action === action);
}

/** Every implemented action as `service:Action`. */
export function listActions(): string[] {
    return ALL.map((h) => `${h.service}:${h.action}`);
}
