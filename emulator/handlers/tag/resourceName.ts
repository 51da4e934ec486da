/**
 * The Tag service's six-segment resource names, `qcs::<service>:<region>:uin/<account>:<type>/<id>`,
 * and what they point at. Every Tag action that names an image goes through here, so the rules on the
 * account segment live in one place: it is the ROOT account's ID (a sub-account's UIN or another
 * account's is refused), or empty, as terraform-provider-tencentcloud sends it.
 */
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { Store } from "../../models/store";
import { ImageRecord } from "../../models/types";
import { isKnownRegion } from "../../regions";
import { HandlerContext } from "../types";

/** The segments of a resource name. `uin` is "" when the name leaves the account out. */
export interface ResourceName {
    service: string;
    region: string;
    uin: string;
    resourceType: string;
    resourceId: string;
}

const RESOURCE_NAME_RE = /^qcs::([a-z0-9_]+):([a-z0-9-]*):uin\/(\d*):([a-z_]+)\/([^/]+)$/;
const FORM = "qcs::cvm:<region>:uin/<root account ID>:image/<image ID>";

/** The segments of a six-segment name, else InvalidParameterValue.ResourceDescriptionError. */
export function parseResourceName(name: string): ResourceName {
    const m = RESOURCE_NAME_RE.exec(name);
    if (!m) {
        fail(
            "InvalidParameterValue.ResourceDescriptionError",
            `The resource \`${name}\` is not a six-segment resource name such as ${FORM}.`,
        );
    }
    const [, service, region, uin, resourceType, resourceId] = m;
    return { service, region, uin, resourceType, resourceId };
}

/**
 * The segments of a name the caller (root account `rootAccountId`) may use: refused are an unknown
 * region (RegionInvalid) and an account segment that is neither empty nor the caller's root account,
 * such as a sub-account's UIN (UinInvalid).
 */
export function parseCallersResourceName(store: Store, rootAccountId: string, name: string): ResourceName {
    const parsed = parseResourceName(name);
    if (parsed.region !== "" && !isKnownRegion(parsed.region)) {
        fail("InvalidParameterValue.RegionInvalid", `The region \`${parsed.region}\` does not exist.`);
    }
    if (parsed.uin !== "" && parsed.uin !== rootAccountId) {
        const root = store.rootOfSubAccount(parsed.uin);
        fail(
            "InvalidParameterValue.UinInvalid",
            root === rootAccountId
                ? `The resource names ${parsed.uin}, a sub-account; the account segment must be the root account's ID ${rootAccountId}.`
                : `The resource's account ${parsed.uin} is not the caller's root account ${rootAccountId}.`,
        );
    }
    return parsed;
}

/** The caller's own custom image a parsed name designates, if it names one (`cvm`, `image`). */
export function namedOwnImage(
    store: Store,
    rootAccountId: string,
    name: Pick<ResourceName, "service" | "region" | "resourceType" | "resourceId">,
): ImageRecord | undefined {
    if (name.service !== "cvm" || name.resourceType !== "image" || name.region === "") return undefined;
    if (!ID_PATTERNS.image.test(name.resourceId)) return undefined;
    return store.regionData(rootAccountId, name.region).images[name.resourceId];
}

/**
 * The caller's own custom image a resource name points at: the refusals of parseCallersResourceName,
 * and ResourceDescriptionError for a name that is not a CVM image, ResourceNotFound for an image
 * that is not one of the root account's custom images there.
 */
export function resolveImageResource(ctx: HandlerContext, name: string): ImageRecord {
    const parsed = parseCallersResourceName(ctx.store, ctx.accountId, name);
    if (parsed.service !== "cvm" || parsed.resourceType !== "image" || parsed.region === "") {
        fail(
            "InvalidParameterValue.ResourceDescriptionError",
            `The resource \`${name}\` is not a CVM image: the emulator tags images only (${FORM}).`,
        );
    }
    const image = namedOwnImage(ctx.store, ctx.accountId, parsed);
    if (!image) {
        fail(
            "ResourceNotFound",
            `The image ${parsed.resourceId} is not one of your custom images in ${parsed.region}.`,
        );
    }
    return image;
}
