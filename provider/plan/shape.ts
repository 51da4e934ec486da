/**
 * The check's view of a resource's property table (../model): the defaults it fills in, and the
 * schema its inputs must fit. An unknown value, at the top level or anywhere inside, is never judged.
 */
import { z } from "zod";
import type { ProviderSettings } from "../config";
import type { ResourceDeclaration } from "../model/property";
import { logicalNameOf, type ResourceRef } from "../model/kinds";
import type { CheckFailure } from "./failures";
import { logicalName, orUnknown } from "./fieldSchemas";
import { issuesToFailures } from "./schemaFailures";
import type { Unknowable } from "./unknown";

type Inputs = Record<string, unknown>;

/** The inputs with what the check fills in: the region setting, and the defaults of `defaulted` properties. */
export function withDefaults(
    declaration: ResourceDeclaration,
    news: Inputs,
    settings: Pick<ProviderSettings, "region">,
): Inputs {
    const inputs: Inputs = { ...news };
    for (const [key, p] of Object.entries(declaration.properties)) {
        if (inputs[key] !== undefined) continue;
        if (p.presence === "region" && settings.region) inputs[key] = settings.region;
        if (p.presence === "defaulted") inputs[key] = p.default;
    }
    return inputs;
}

const schemas = new WeakMap<ResourceDeclaration, z.ZodType>();

/** The schema of the (defaulted) inputs: each property's format, or UNKNOWN; extra keys allowed. */
export function checkSchemaOf(declaration: ResourceDeclaration): z.ZodType {
    let schema = schemas.get(declaration);
    if (!schema) {
        const shape = Object.fromEntries(
            Object.entries(declaration.properties).map(([key, p]) => {
                const value = orUnknown(p.schema);
                return [key, p.presence === "optional" ? value.optional() : value];
            }),
        );
        const object = z.looseObject({ __logicalName: logicalName, ...shape });
        const refine = declaration.refine;
        schema = refine ? object.superRefine((value, ctx) => refine(value, ctx)) : object;
        schemas.set(declaration, schema);
    }
    return schema;
}

/** The resource a check is about; "(unnamed)" when the inputs carry no logical name. */
export function planRefOf(declaration: ResourceDeclaration, inputs: unknown): Required<ResourceRef> {
    return { kind: declaration.kind, name: logicalNameOf(inputs as object) ?? "(unnamed)" };
}

/** The outcome of validating one resource's inputs: the preview view of the inputs, or all failures. */
export type ShapeResult<T> = { ok: true; value: Unknowable<T> } | { ok: false; failures: CheckFailure[] };

/** Validates the shape of one resource's inputs (defaults already applied); collects every failure. */
export function validateShape<T>(declaration: ResourceDeclaration, input: unknown): ShapeResult<T> {
    const parsed = checkSchemaOf(declaration).safeParse(input);
    if (parsed.success) return { ok: true, value: parsed.data as Unknowable<T> };
    return { ok: false, failures: issuesToFailures(planRefOf(declaration, input), input, parsed.error) };
}
