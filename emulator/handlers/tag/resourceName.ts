/**
 * The Tag service's six-segment resource names, `qcs::<service>:<region>:uin/<account>:<prefix>/<id>`,
 * and the image they name. The account part is the root account of the caller or empty: the
 * Terraform provider sends `uin/:image/<id>`, and the real service takes the account from the key.
 */
import { fail } from "../../errors";
import { ID_PATTERNS } from "../../ids";
import { ImageRecord } from "../../models/types";
import { Store } from "../../models/store";
import { isKnownRegion } from "../../regions";

/** The parts of a resource name. */
export interface TagResourceName {
    service: string;
    region: string;
    /** The account ID, or "" when the name leaves it out. */
    account: string;
    prefix: string;
    resourceId: string;
}

const RESOURCE_NAME_RE = /^qcs::([a-z0-9_-]+):([a-z0-9-]*):uin\/(\d*):([A-Za-z0-9_-]+)\/(.+)$/;

/**
 * The parts of `name`: InvalidParameterValue.ResourceDescriptionError unless it is a six-segment
 * name, InvalidParameterValue.RegionInvalid for an unknown region, InvalidParameterValue.UinInvalid
 * when the account part is neither empty nor the caller's root account.
 */
export function parseResourceName(name: string, rootAccountId: string): TagResourceName {
    const m = RESOURCE_NAME_RE.exec(name);
    if (!m) {
        fail(
            "InvalidParameterValue.ResourceDescriptionError",
            `Resource \`${name}\` is not of the form qcs::<service>:<region>:uin/<account>:<prefix>/<id>.`,
        );
    }
    const [, service, region, account, prefix, resourceId] = m;
    if (region !== "" && !isKnownRegion(region))
        fail("InvalidParameterValue.RegionInvalid", `The region \`${region}\` does not exist.`);
    if (account !== "" && account !== rootAccountId) {
        fail(
            "InvalidParameterValue.UinInvalid",
            `The resource's account ${account} is not the caller's root account ${rootAccountId}.`,
        );
    }
    return { service, region, account, prefix, resourceId };
}

/** The caller's own custom image a parsed name designates, if it names one (`cvm`, `image`). */
export function namedOwnImage(
    store: Store,
    accountId: string,
    name: TagResourceName,
): ImageRecord | undefined {
    if (name.service !== "cvm" || name.prefix !== "image" || name.region === "") return undefined;
    if (!ID_PATTERNS.image.test(name.resourceId)) return undefined;
    return store.regionData(accountId, name.region).images[name.resourceId];
}
