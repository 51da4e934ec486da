/**
 * The one mechanism behind the three resource providers: a resource describes its operations as a
 * {@link ResourceSpec}, and {@link defineResource} turns that into handlers shaped like
 * `pulumi.dynamic.ResourceProvider` methods. The wrapper gets the context when a method runs (never
 * earlier), names the resource and operation in every error, and keeps the `id` and `properties` of a
 * partial create/update so the engine records what exists.
 */
import type * as pulumi from "@pulumi/pulumi";
import { processContext, type ProcessContext } from "../processContext";
import { describeResource, logicalNameOf, type ResourceKind, type ResourceRef } from "../model/kinds";
import { Operation, wrapOperationError } from "./errors";
import { announce, progressReporter, ProgressObservation } from "./progress";

/** What one running operation knows: which resource, which operation, and the context. */
export interface OperationContext {
    readonly ref: ResourceRef;
    readonly op: Operation;
    readonly ctx: ProcessContext;
    /** `CustomImage "web"`. */
    readonly label: string;
    /** Prints one line now: `tencentcloud-images: CustomImage "web": <message>`. */
    readonly say: (message: string) => void;
    /** A throttled progress reporter for a wait on `what` (e.g. `img-1 in ap-guangzhou`) until `target`. */
    progress(what: string, target: string): (observation: ProgressObservation) => void;
}

/** Stored outputs always carry the hidden logical name. */
export interface Named {
    __logicalName?: string;
}

/** What `read` returns: `id` "" when gone; else the refreshed outputs and the inputs they imply. */
export interface ReadOutcome<O> {
    id: string;
    props?: O;
    inputs?: Record<string, unknown>;
}

/** A resource's operations, on checked inputs `I` and stored outputs `O`. */
export interface ResourceSpec<I extends Named, O extends Named> {
    kind: ResourceKind;
    /** Validates and defaults the inputs (the plan checks). */
    check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
    /** Pure: old outputs against new inputs. */
    diff(olds: O, news: I): pulumi.dynamic.DiffResult;
    create(inputs: I, op: OperationContext): Promise<{ id: string; outs: O }>;
    /** Returns `{ id: "" }` when the resource is gone. */
    read(id: string, props: O, op: OperationContext): Promise<ReadOutcome<O>>;
    update(id: string, olds: O, news: I, op: OperationContext): Promise<O>;
    delete(id: string, props: O, op: OperationContext): Promise<void>;
}

/** The handlers of one resource: the `ResourceProvider` methods minus `configure`. */
export interface ResourceHandlers {
    readonly kind: ResourceKind;
    check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
    diff(
        id: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props?: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
    update(
        id: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Record<string, unknown>): Promise<void>;
}

function operationContext(ref: ResourceRef, op: Operation): OperationContext {
    const ctx = processContext();
    const label = describeResource(ref);
    return {
        ref,
        op,
        ctx,
        label,
        say: (message) => announce(ctx.log, label, message),
        progress: (what, target) =>
            progressReporter(`${label}: ${what}`, target, { log: ctx.log, now: ctx.now }),
    };
}

/** Runs an engine operation in its context, counted among the process's running operations. */
function operate<T>(ref: ResourceRef, op: Operation, body: (op: OperationContext) => Promise<T>): Promise<T> {
    const context = operationContext(ref, op);
    return context.ctx.slots.occupy(() => body(context));
}

/** Runs `body` for one operation, turning any failure into a worded ResourceOperationError. */
async function run<T>(
    kind: ResourceKind,
    op: Operation,
    props: Record<string, unknown> | undefined,
    body: (ref: ResourceRef) => Promise<T> | T,
): Promise<T> {
    const ref: ResourceRef = { kind, name: logicalNameOf(props) };
    try {
        return await body(ref);
    } catch (error) {
        throw wrapOperationError(ref, op, error);
    }
}

/**
 * A copy without `undefined` values, at any depth. The dynamic-provider host turns results into
 * protobuf Structs, which have no "undefined": an optional input left unset (a CustomImage with no
 * description) made refresh fail with "Unexpected struct type".
 */
export function withoutUndefined<T>(value: T): T {
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(withoutUndefined) as T;
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, withoutUndefined(v)]),
        ) as T;
    }
    return value;
}

/** Builds the handlers of a resource from its spec. */
export function defineResource<I extends Named, O extends Named>(spec: ResourceSpec<I, O>): ResourceHandlers {
    const { kind } = spec;
    return {
        kind,
        check: (olds, news) => run(kind, "check", news, () => spec.check(olds, news)),
        diff: (_id, olds, news) => run(kind, "diff", news, () => spec.diff(olds as O, news as I)),
        create: (inputs) =>
            run(kind, "create", inputs, (ref) =>
                operate(ref, "create", async (op) => withoutUndefined(await spec.create(inputs as I, op))),
            ),
        read: (id, props = {}) =>
            run(kind, "read", props, (ref) =>
                operate(ref, "read", async (op) => withoutUndefined(await spec.read(id, props as O, op))),
            ),
        update: (id, olds, news) =>
            run(kind, "update", news, (ref) =>
                operate(ref, "update", async (op) => ({
                    outs: withoutUndefined(await spec.update(id, olds as O, news as I, op)),
                })),
            ),
        delete: (id, props) =>
            run(kind, "delete", props, (ref) =>
                operate(ref, "delete", (op) => spec.delete(id, props as O, op)),
            ),
    };
}
