/**
 * The operations of ImageShare: one image shared with a set of accounts, in the image's region.
 *
 * - `additive` (default): the resource manages only the accounts it lists; others are left alone,
 *   and delete cancels only the listed ones.
 * - `authoritative`: the list is the whole truth; other accounts are unshared, and delete cancels
 *   every share.
 *
 * Refresh: `sharedAccountIds` and the returned inputs' `accountIds` are what is live. An account
 * unshared outside Pulumi disappears from them, so the next preview shows it being added back; in
 * authoritative mode an account shared outside Pulumi appears in them, so the next preview shows it
 * being removed. The image gone means the share is gone.
 *
 * ID: `<region>:<imageId>`.
 */
import {
    imageShareDeclaration,
    type ImageShareInputs,
    type ImageShareOutputs,
    type ShareMode,
} from "../model/imageShare";
import { pickInputs } from "../model/property";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";
import { providerCheckImageShare } from "./planChecks";
import { operationError } from "./errors";
import { describeOutcome, settle, SETTLE_ATTEMPTS, SettleRules } from "./settle";
import { diffImageShare } from "./diffs";
import { defineResource, OperationContext, ReadOutcome } from "./lifecycle";
import { whenImageIdle } from "./waits";
import { isNotFoundError } from "../backend/errors";
import { FactReadError } from "../plan/liveFacts";

/** The ID of an ImageShare: `<region>:<imageId>`. */
export function imageShareId(region: string, imageId: string): string {
    return `${region}:${imageId}`;
}

function modeOf(value: { mode?: ShareMode }): ShareMode {
    return value.mode ?? "additive";
}

/** `a` without the members of `b`, in `a`'s order. */
function minus(a: readonly string[], b: readonly string[]): string[] {
    const drop = new Set(b);
    return a.filter((x) => !drop.has(x));
}

/** `a` ∩ `b`, in `a`'s order. */
function intersect(a: readonly string[], b: readonly string[]): string[] {
    const keep = new Set(b);
    return a.filter((x) => keep.has(x));
}

/**
 * The accounts the image is shared with; undefined when the image does not exist. Read now, or with
 * `asTheRunKnows` as this run knows them: the list the plan check read (one
 * DescribeImageSharePermission per image per run), else read now. That list is stale only if someone
 * changed the shares since the check, which the sends settle: an account already shared is looked up
 * and skipped.
 */
async function liveAccounts(
    op: OperationContext,
    region: string,
    imageId: string,
    { asTheRunKnows = false }: { asTheRunKnows?: boolean } = {},
): Promise<string[] | undefined> {
    try {
        const permissions = asTheRunKnows
            ? await op.ctx.facts.sharePermissions(region, imageId)
            : await op.ctx.backend.describeSharePermission(region, imageId);
        return permissions.map((p) => p.accountId);
    } catch (error) {
        if (isNotFoundError(error instanceof FactReadError ? error.cause : error)) return undefined;
        throw error;
    }
}

/** Cancelling: resent for the accounts still shared after an unknown outcome. */
const CANCEL_RULES: SettleRules = {
    settledByLooking: [],
    resendAfterRefusal: false,
    maxSends: SETTLE_ATTEMPTS,
    whenExhausted: "throw",
};

/** Sharing: also settled after an account-already-shared refusal (of the whole request): the rest is resent. */
const SHARE_RULES: SettleRules = {
    ...CANCEL_RULES,
    settledByLooking: ["FailedOperation.AccountAlreadyExists"],
    resendAfterRefusal: true,
};

/**
 * Shares with, or cancels the shares of, these accounts. Idempotent: an account already shared
 * (FailedOperation.AccountAlreadyExists), or a call whose outcome is unknown (lost reply,
 * InternalError), is settled by reading the live list and sending only what is still missing.
 */
async function modify(
    op: OperationContext,
    region: string,
    imageId: string,
    accountIds: string[],
    permission: "SHARE" | "CANCEL",
): Promise<void> {
    if (accountIds.length === 0) return;
    const { backend } = op.ctx;
    const pending = async (): Promise<string[]> => {
        const live = (await liveAccounts(op, region, imageId)) ?? [];
        return permission === "SHARE" ? minus(accountIds, live) : intersect(accountIds, live);
    };
    // Sharing waits for a busy image (one being copied) first; cancelling is sent at once.
    const send = (ids: string[]) =>
        whenImageIdle(
            op,
            region,
            imageId,
            DEFAULT_TIMEOUT_MINUTES.image,
            () => backend.modifySharePermission(region, imageId, ids, permission),
            { lookFirst: permission === "SHARE" },
        );
    await settle<string[], void>(op.say, {
        rules: permission === "SHARE" ? SHARE_RULES : CANCEL_RULES,
        work: accountIds,
        send,
        look: async () => {
            const ids = await pending();
            return ids.length === 0 ? { done: undefined } : { remaining: ids };
        },
        resendLine: (error, ids) =>
            `ModifyImageSharePermission ${permission} failed (${describeOutcome(error)}); still to do: ${ids.join(", ")}: sending it again`,
    });
}

/** The outputs from the inputs and the live list. */
function shareOutputs(inputs: ImageShareInputs, live: string[]): ImageShareOutputs {
    const mode = modeOf(inputs);
    const managed = mode === "authoritative" ? live : intersect(inputs.accountIds, live);
    return { ...inputs, mode, sharedAccountIds: [...managed].sort(), allAccountIds: [...live].sort() };
}

/**
 * Applies the difference between the live shares and the wanted ones. `previouslyManaged` are the
 * accounts the resource managed before (additive: those dropped from the list are cancelled).
 */
async function apply(
    op: OperationContext,
    inputs: ImageShareInputs,
    previouslyManaged: string[],
): Promise<ImageShareOutputs> {
    const { region, imageId, accountIds } = inputs;
    const live = await liveAccounts(op, region, imageId, { asTheRunKnows: true });
    if (live === undefined) {
        throw operationError(
            op.ref,
            op.op,
            `image ${imageId} does not exist in ${region}`,
            "check imageId and region (a share is stated in the image's own region)",
        );
    }
    const toShare = minus(accountIds, live);
    const toCancel =
        modeOf(inputs) === "authoritative"
            ? minus(live, accountIds)
            : intersect(minus(previouslyManaged, accountIds), live);
    let changed = false;
    try {
        if (toShare.length > 0) op.say(`sharing ${imageId} with ${toShare.join(", ")}`);
        await modify(op, region, imageId, toShare, "SHARE");
        changed = toShare.length > 0;
        if (toCancel.length > 0) op.say(`cancelling the share of ${imageId} with ${toCancel.join(", ")}`);
        await modify(op, region, imageId, toCancel, "CANCEL");
    } catch (error) {
        op.ctx.facts.forgetSharePermissions(region, imageId);
        if (!changed || op.op !== "create") throw error;
        // Shares were made: keep the resource (with what is live) so the next `pulumi up` finishes.
        const after = (await liveAccounts(op, region, imageId).catch(() => undefined)) ?? [];
        throw operationError(
            op.ref,
            op.op,
            error instanceof Error ? error.message : String(error),
            "run `pulumi up` again to finish",
            error,
        ).withPartialState(imageShareId(region, imageId), shareOutputs(inputs, after));
    }
    if (toShare.length + toCancel.length === 0) return shareOutputs(inputs, live);
    // Every send succeeded (or was settled by looking): the run's list changes with them, and the
    // outputs are that list, which also holds what other shares of the image sent before these.
    op.ctx.facts.noteSharesChanged(region, imageId, toShare, toCancel);
    return shareOutputs(inputs, (await liveAccounts(op, region, imageId, { asTheRunKnows: true })) ?? []);
}

async function create(
    inputs: ImageShareInputs,
    op: OperationContext,
): Promise<{ id: string; outs: ImageShareOutputs }> {
    try {
        const outs = await apply(op, inputs, []);
        return { id: imageShareId(inputs.region, inputs.imageId), outs };
    } finally {
        // Announced by the check; a create that sent nothing (or failed first) never asked for a turn.
        op.ctx.turns.withdraw(inputs.region, inputs.imageId, op.label);
    }
}

async function read(
    id: string,
    props: ImageShareOutputs,
    op: OperationContext,
): Promise<ReadOutcome<ImageShareOutputs>> {
    const { region, imageId } = props;
    // As this run sees it: the region's one listing (shared by every read of the refresh), else by ID.
    const image = await op.ctx.facts.image(region, imageId);
    const live = image ? await liveAccounts(op, region, imageId) : undefined;
    if (live === undefined) return { id: "" };
    const mode = modeOf(props);
    const stored = props.accountIds ?? [];
    // Keep the stored order; in authoritative mode accounts shared elsewhere are appended.
    const accountIds =
        mode === "authoritative"
            ? [...intersect(stored, live), ...minus(live, stored).sort()]
            : intersect(stored, live);
    const refreshed: ImageShareOutputs = {
        ...props,
        accountIds,
        sharedAccountIds: (mode === "authoritative" ? [...live] : intersect(stored, live)).sort(),
        allAccountIds: [...live].sort(),
    };
    return { id, props: refreshed, inputs: pickInputs(imageShareDeclaration, refreshed) };
}

async function update(
    _id: string,
    olds: ImageShareOutputs,
    news: ImageShareInputs,
    op: OperationContext,
): Promise<ImageShareOutputs> {
    return apply(op, news, olds.accountIds ?? []);
}

async function remove(_id: string, props: ImageShareOutputs, op: OperationContext): Promise<void> {
    const { region, imageId } = props;
    const live = await liveAccounts(op, region, imageId);
    if (live === undefined) return;
    const toCancel = modeOf(props) === "authoritative" ? live : intersect(props.accountIds ?? [], live);
    if (toCancel.length === 0) return;
    op.say(`cancelling the share of ${imageId} with ${toCancel.join(", ")}`);
    try {
        await modify(op, region, imageId, toCancel, "CANCEL");
    } catch (error) {
        if (isNotFoundError(error)) return;
        throw error;
    }
}

/** The handlers of ImageShare. */
export const imageShare = defineResource<ImageShareInputs, ImageShareOutputs>({
    kind: imageShareDeclaration.kind,
    check: providerCheckImageShare,
    diff: diffImageShare,
    create,
    read,
    update,
    delete: remove,
});
