/**
 * STS GetCallerIdentity: who signed the request. AccountId is always the root account, whichever
 * key signed; UserId, PrincipalId, Arn and Type follow the official examples for a CAM user's key
 * and for a role session's temporary key (the root account's own key reads as a CAM user whose UIN
 * is the account's).
 */
import { z } from "zod";
import { CallerIdentity } from "../../accounts";
import { defineHandler } from "../types";

function identity(accountId: string, caller: CallerIdentity): Record<string, string> {
    if (caller.kind === "role") {
        return {
            Arn: `qcs::sts:${accountId}:assumed-role/${caller.roleId}`,
            AccountId: accountId,
            UserId: `${caller.roleId}:${caller.roleSessionName}`,
            PrincipalId: accountId,
            Type: "CAMRole",
        };
    }
    return {
        Arn: `qcs::cam:${accountId}:uin/${caller.uin}`,
        AccountId: accountId,
        UserId: caller.uin,
        PrincipalId: caller.uin,
        Type: "CAMUser",
    };
}

export default defineHandler({
    service: "sts",
    action: "GetCallerIdentity",
    params: z.strictObject({}),
    region: "optional",
    mutates: false,
    run(ctx) {
        return identity(ctx.accountId, ctx.caller);
    },
});
