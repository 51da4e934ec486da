/**
 * The Tag service's six-segment resource names, `qcs::<service>:<region>:uin/<account>:<type>/<id>`,
 * and what they point at. Every Tag action that names an image goes through here, so the rules on the
 * account segment live in one place: it is the ROOT account's ID (a sub-account's UIN or another
 * account's is refused), or empty, as terraform-provider-tencentcloud sends it.
 */
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
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
 * The caller's own custom image a resource name points at. Refused: a name that is not a CVM image
 * (ResourceDescriptionError), an unknown region (RegionInvalid), an account segment that is neither
 * empty nor the caller's root account, such as a sub-account's UIN (UinInvalid), and an image that
 * is not one of the root account's custom images there (ResourceNotFound).
 */
export function resolveImageResource(ctx: HandlerContext, name: string): ImageRecord {
    const parsed = parseResourceName(name);
    if (parsed.service !== "cvm" || parsed.resourceType !== "image") {
        fail(
            "InvalidParameterValue.ResourceDescriptionError",
            `The resource \`${name}\` is not a CVM image: the emulator tags images only (${FORM}).`,
        );
    }
    if (!isKnownRegion(parsed.region)) {
        fail("InvalidParameterValue.RegionInvalid", `The region \`${parsed.region}\` does not exist.`);
    }
    if (parsed.uin !== "" && parsed.uin !== ctx.accountId) {
        const root = ctx.store.rootOfSubAccount(parsed.uin);
        fail(
            "InvalidParameterValue.UinInvalid",
            root === ctx.accountId
                ? `The resource names ${parsed.uin}, a sub-account; the account segment must be the root account's ID ${ctx.accountId}.`
                : `The resource's account ${parsed.uin} is not the caller's root account ${ctx.accountId}.`,
        );
    }
    const image = ID_PATTERNS.image.test(parsed.resourceId)
        ? ctx.store.regionData(ctx.accountId, parsed.region).images[parsed.resourceId]
        : undefined;
    if (!image) {
        fail(
            "ResourceNotFound",
            `The image ${parsed.resourceId} is not one of your custom images in ${parsed.region}.`,
        );
    }
    return image;
}
