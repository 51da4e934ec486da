/** What every action handler is given and what it declares. */
import { z } from "zod";
import { CallerIdentity } from "../accounts";
import { Store } from "../models/store";

/** The request a handler runs for: who, where, and the store. */
export interface HandlerContext {
    store: Store;
    /** The root account the request acts for (a sub-account's or a role session's root account). */
    accountId: string;
    /** Who signed the request (the root account, one of its CAM users, or a role session). */
    caller: CallerIdentity;
    /** X-TC-Region ("" for region-less actions). */
    region: string;
    /** The emulator's clock at the start of the call (epoch ms). */
    now: number;
    /** `zh-CN` or `en-US` (X-TC-Language; default zh-CN). */
    language: string;
}

/** One action of one service. */
export interface ActionHandler<S extends z.ZodType = z.ZodType> {
    service: "cvm" | "tag" | "cbs" | "sts" | "region";
    action: string;
    /** Validates the JSON body (strict: unknown fields are UnknownParameter). */
    params: S;
    /** Whether X-TC-Region is required ("optional" for region-less services and actions). */
    region: "required" | "optional" | "none";
    /** Whether the action changes state (the state is persisted after it). */
    mutates: boolean;
    /** Runs the action; returns the reply fields without RequestId. Throws ApiError to fail. */
    run(ctx: HandlerContext, params: z.output<S>): Record<string, unknown>;
}

/** Declares a handler with its parameter type inferred from its schema. */
export function defineHandler<S extends z.ZodType>(h: ActionHandler<S>): ActionHandler<S> {
    return h;
}
