/**
 * The root account of the caller, from STS `GetCallerIdentity` (`AccountId`: "当前调用者所属主账号Uin"),
 * asked once per process per credentials and endpoint. The Tag service names an image
 * `qcs::cvm:<region>:uin/<root account>:image/<id>`; the image's `ImageCreator` is no substitute,
 * since a sub-account or a role may have created it.
 */
import { API_SERVICES } from "./apiServices";
import { ApiClient } from "./client";
import { getCallerIdentityReply } from "./replySchemas";

const rootAccounts = new Map<string, Promise<string>>();

/** The caller's root account ID; a failed look-up is not remembered, so the next call asks again. */
export function rootAccountId(client: ApiClient): Promise<string> {
    const key = client.callerKey;
    let known = rootAccounts.get(key);
    if (!known) {
        // No abort signal: the answer is shared by every caller with these credentials.
        known = client
            .request({
                service: "sts",
                version: API_SERVICES.sts,
                action: "GetCallerIdentity",
                body: {},
                reply: getCallerIdentityReply,
                idempotent: true,
            })
            .then((reply) => reply.AccountId);
        rootAccounts.set(key, known);
        known.catch(() => rootAccounts.delete(key));
    }
    return known;
}
