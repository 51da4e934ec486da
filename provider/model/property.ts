/**
 * How a resource is declared: one table of its properties and one of its outputs
 * (./customImage.ts, ./imageShare.ts, ./imageCopy.ts). Everything else follows from that table:
 * the `XArgs` type (a `pulumi.Input` of each property, with the JSDoc written on the table's keys),
 * the checked inputs and stored outputs types, the check schema (../plan/shape.ts), the input keys
 * that `read` hands back, the diff (./diff.ts), and the README's resource tables (held equal by
 * test/unit/model/readmeTables.test.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ResourceKind } from "./kinds";

/**
 * What a change of the property does to an existing resource: `replaces` it, is applied `in place`,
 * or matters only at creation (`create-only`: never a change of an existing resource).
 */
export type Change = "replaces" | "in place" | "create-only";

/**
 * Whether the program must give the property: `required`; `optional`; `region`: optional in the
 * program, the check fills it in from the provider's region setting; `defaulted`: optional in the
 * program, the check fills in its `default`.
 */
export type Presence = "required" | "optional" | "region" | "defaulted";

/** How the README's resource table shows the property. */
export interface ReadmeRow {
    /** The Type column. */
    type: string;
    /** The Default column; default: derived from presence and `default`. */
    default?: string;
    /** The Change column; default: derived from `change`. */
    change?: string;
}

/** Phantom types of a property whose types the schema cannot tell (an object with several shapes). */
export interface TypeHint<A, V> {
    readonly __args?: A;
    readonly __value?: V;
}

/** A {@link TypeHint}: `hint<ArgType, CheckedValueType>()`. */
export function hint<A, V>(): TypeHint<A, V> {
    return {};
}

/** A value type as a program may give it: `pulumi.Input` at every level. */
export type DeepInput<T> = T extends readonly (infer E)[]
    ? pulumi.Input<DeepInput<E>>[]
    : T extends object
      ? { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> }
      : T;

/** One row of a resource's property table. */
export interface Property<P extends Presence = Presence, A = unknown, V = unknown> {
    /** The format of a known value (UNKNOWN, at the top level, is allowed by the check schema). */
    readonly schema: z.ZodType;
    readonly presence: P;
    /** What an absent value means (the diff compares absent as this; `defaulted` fills it in). */
    readonly default?: V;
    readonly change: Change;
    /** The canonical form the diff compares (after `default`); `whole` is the inputs or outputs it is in. */
    readonly compareAs?: (value: unknown, whole: Record<string, unknown>) => unknown;
    /** The old value as the diff reads it from the stored outputs; default: the output of the same name. */
    readonly storedAs?: (outputs: Record<string, unknown>) => unknown;
    readonly readme: ReadmeRow;
    readonly types?: TypeHint<A, V>;
}

type HintedArgs<S extends z.ZodType, H> =
    H extends TypeHint<infer A, unknown> ? A : pulumi.Input<DeepInput<z.output<S>>>;
type HintedValue<S extends z.ZodType, H> = H extends TypeHint<unknown, infer V> ? V : z.output<S>;

/** Declares one property; its types come from the schema unless `types` hints them. */
export function property<
    S extends z.ZodType,
    P extends Presence = "optional",
    H extends TypeHint<unknown, unknown> | undefined = undefined,
>(
    spec: Omit<Property<P, HintedArgs<S, H>, HintedValue<S, H>>, "schema" | "presence" | "types"> & {
        schema: S;
        presence?: P;
        types?: H;
    },
): Property<NoInfer<P>, HintedArgs<S, NoInfer<H>>, HintedValue<S, NoInfer<H>>> {
    return { ...spec, presence: (spec.presence ?? "optional") as P } as Property<
        P,
        HintedArgs<S, H>,
        HintedValue<S, H>
    >;
}

/** One output of a resource (what the service reports, beyond the inputs). */
export interface OutputProperty<T> {
    readonly __type?: T;
}

/** Declares one output of type `T`. */
export function output<T>(): OutputProperty<T> {
    return {};
}

/** A resource: its kind, its property table, its outputs, and any rule across properties. */
export interface ResourceDeclaration<
    Ps extends Record<string, Property> = Record<string, Property>,
    Os extends Record<string, OutputProperty<unknown>> = Record<string, OutputProperty<unknown>>,
> {
    readonly kind: ResourceKind;
    readonly properties: Ps;
    readonly outputs: Os;
    /** A rule across properties, run by the check schema on the (defaulted) inputs. */
    readonly refine?: (inputs: Record<string, unknown>, ctx: z.RefinementCtx) => void;
}

/** Declares a resource (identity: it only fixes the types). */
export function declareResource<
    Ps extends Record<string, Property>,
    Os extends Record<string, OutputProperty<unknown>>,
>(declaration: ResourceDeclaration<Ps, Os>): ResourceDeclaration<Ps, Os> {
    return declaration;
}

// ---- the types that follow from a table ----------------------------------------------------------

type KeysWhere<Ps, P extends Presence> = {
    [K in keyof Ps]: Ps[K] extends Property<infer Q> ? (Q extends P ? K : never) : never;
}[keyof Ps];

type ArgTypes<Ps> = { [K in keyof Ps]: Ps[K] extends Property<Presence, infer A> ? A : never };
type ValueTypes<Ps> = { [K in keyof Ps]: Ps[K] extends Property<Presence, unknown, infer V> ? V : never };

/** The arguments a program gives: required properties required, the rest optional. */
export type ArgsOf<D extends ResourceDeclaration> = ArgTypes<
    Pick<D["properties"], KeysWhere<D["properties"], "required">>
> &
    Partial<ArgTypes<Pick<D["properties"], KeysWhere<D["properties"], "optional" | "region" | "defaulted">>>>;

/** The checked inputs (defaults filled in) that create and update get. */
export type InputsOf<D extends ResourceDeclaration> = {
    /** The logical name of the resource (hidden input, set by the resource class). */
    __logicalName: string;
} & ValueTypes<Pick<D["properties"], KeysWhere<D["properties"], "required" | "region" | "defaulted">>> &
    Partial<ValueTypes<Pick<D["properties"], KeysWhere<D["properties"], "optional">>>>;

/** The outputs beyond the inputs, as stored. */
export type OutputValuesOf<D extends ResourceDeclaration> = {
    [K in keyof D["outputs"]]: D["outputs"][K] extends OutputProperty<infer T> ? T : never;
};

/** The outputs as the resource class shows them. */
export type ResourceOutputsOf<D extends ResourceDeclaration> = {
    readonly [K in keyof D["outputs"]]: D["outputs"][K] extends OutputProperty<infer T>
        ? pulumi.Output<T>
        : never;
};

// ---- the values that follow from a table -------------------------------------------------------

/**
 * The hidden input that carries the program's count of this package's resources (never stored: the
 * check takes it out, ../plan/census.ts).
 */
export const PLAN_COUNT_KEY = "__planCount";

/** The input properties of the resource as stored (what `read` hands back as `inputs`). */
export function inputKeysOf(declaration: ResourceDeclaration): string[] {
    return ["__logicalName", ...Object.keys(declaration.properties)];
}

/** The input part of stored outputs: only the declared input keys that are set. */
export function pickInputs(declaration: ResourceDeclaration, props: object): Record<string, unknown> {
    const record = props as Record<string, unknown>;
    return Object.fromEntries(
        inputKeysOf(declaration)
            .filter((key) => record[key] !== undefined)
            .map((key) => [key, record[key]]),
    );
}

/**
 * The property map a resource class registers: the program's arguments, the hidden logical name,
 * the hidden plan count when there is one (the check takes it out: ../plan/census.ts), and every
 * output (an output that is also an argument keeps the argument's value), so that the engine gives
 * the resource object an Output of each.
 */
export function registeredProps(
    declaration: ResourceDeclaration,
    name: string,
    args: object,
    planCount?: Promise<number>,
): Record<string, unknown> {
    const given = args as Record<string, unknown>;
    const outputs = Object.keys(declaration.outputs).map((key): [string, unknown] => [
        key,
        key in declaration.properties ? given[key] : undefined,
    ]);
    const count = planCount ? { [PLAN_COUNT_KEY]: planCount } : {};
    return { ...given, __logicalName: name, ...count, ...Object.fromEntries(outputs) };
}
