/** Parses an action's JSON body with its zod schema, mapping failures to the API's parameter errors. */
import { z } from "zod";
import { fail } from "../errors";

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
    let v: unknown = body;
    for (const key of path) {
        if (v === null || typeof v !== "object") return undefined;
        v = (v as Record<PropertyKey, unknown>)[key];
    }
    return v;
}

function dotted(path: readonly PropertyKey[]): string {
    return path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "");
}

/**
 * The parsed parameters, or: UnknownParameter for a field the action does not define,
 * MissingParameter for an absent required field, InvalidParameter for a wrong type or format.
 */
export function parseParams<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    if (issue.code === "unrecognized_keys") {
        const names = issue.keys.map((k) => dotted([...issue.path, k]));
        fail("UnknownParameter", `The parameter ${names.join(", ")} is not recognized by this action.`);
    }
    const name = dotted(issue.path) || "(body)";
    if (issue.code === "invalid_type" && valueAt(body, issue.path) === undefined) {
        fail("MissingParameter", `The request is missing the required parameter \`${name}\`.`);
    }
    fail("InvalidParameter", `The parameter \`${name}\` is invalid: ${issue.message}.`);
}
