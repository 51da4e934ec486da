/**
 * Zod issues of one resource's inputs turned into check failures: one per problem, each naming the
 * resource, the property (its full path in the reason, its top-level name as `property`), the value,
 * the rule and the fix.
 */
import type { z } from "zod";
import type { ResourceRef } from "../model/kinds";
import { CheckFailure, failure, quote } from "./failures";
import { UNKNOWN } from "./unknown";

/** What the user should do when a required property is missing. */
const REQUIRED_HINTS: Record<string, string> = {
    region: "set region on the resource, or the provider setting (pulumi config set tencentcloud-images:region ap-guangzhou, or env TENCENTCLOUD_REGION)",
    sourceRegion:
        "set sourceRegion on the resource, or the provider setting (pulumi config set tencentcloud-images:region ap-guangzhou, or env TENCENTCLOUD_REGION)",
    __logicalName:
        "the resource class passes its logical name as __logicalName; use the package's resource classes",
};

export function valueAt(input: unknown, path: PropertyKey[]): unknown {
    let current = input;
    for (const key of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

function pathText(path: PropertyKey[]): string {
    return path
        .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
        .join("");
}

function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Issues of a union of UNKNOWN and a schema are the schema's issues: unwrap them, fixing paths. */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): z.core.$ZodIssue[] {
    const out: z.core.$ZodIssue[] = [];
    for (const issue of issues) {
        const path = [...prefix, ...issue.path];
        if (issue.code === "invalid_union") {
            const branches = issue.errors.filter(
                (branch) =>
                    !(
                        branch.length === 1 &&
                        branch[0].code === "invalid_value" &&
                        branch[0].path.length === 0 &&
                        branch[0].values.includes(UNKNOWN)
                    ),
            );
            if (branches.length === 1) {
                out.push(...flatten(branches[0], path));
                continue;
            }
        }
        out.push({ ...issue, path });
    }
    return out;
}

function reasonOf(issue: z.core.$ZodIssue, input: unknown): string {
    const where = pathText(issue.path);
    const value = valueAt(input, issue.path);
    switch (issue.code) {
        case "custom":
            return (issue.params as { whole?: boolean } | undefined)?.whole
                ? issue.message
                : `${where} ${quote(value)} ${issue.message}`;
        case "invalid_format":
            return `${where} ${quote(value)} ${issue.message}`;
        case "too_big":
            if (issue.origin === "string") {
                return `${where} ${quote(value)} is ${String(value).length} characters; Tencent Cloud allows at most ${issue.maximum}: shorten it`;
            }
            if (issue.origin === "array") {
                return `${where} has ${(value as unknown[]).length} entries; at most ${issue.maximum} are allowed: remove some`;
            }
            return `${where} is ${String(value)}; at most ${issue.maximum} is allowed: lower it`;
        case "too_small":
            if (issue.origin === "string") return `${where} is empty: give it a value`;
            if (issue.origin === "array") return `${where} is empty: list at least ${issue.minimum}`;
            return `${where} is ${String(value)}; at least ${issue.minimum} is required: raise it`;
        case "invalid_type":
            if (value === undefined) {
                return `${where} is required: ${REQUIRED_HINTS[where] ?? "set it"}`;
            }
            if (issue.expected === "int") return `${where} is ${JSON.stringify(value)}: use a whole number`;
            return `${where} must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}, not ${describeType(value)}: change it`;
        case "invalid_value":
            // zod reports a missing enum property as a bad value; say it is missing, not "undefined".
            if (value === undefined) {
                return `${where} is required: set it to one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
            }
            return `${where} ${quote(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}: use one of them`;
        case "unrecognized_keys":
            return `${where || "the inputs"} ha${issue.keys.length === 1 ? "s an unknown property" : "ve unknown properties"} ${issue.keys.join(", ")}: remove ${issue.keys.length === 1 ? "it" : "them"} or fix the spelling`;
        default:
            return `${where} ${quote(value)}: ${issue.message}`;
    }
}

/**
 * Turns a zod error of one resource's inputs into check failures: one per problem, each naming the
 * resource, the property (full path in the reason, top-level name as `property`), the rule and the fix.
 */
export function issuesToFailures(ref: ResourceRef, input: unknown, error: z.ZodError): CheckFailure[] {
    return flatten(error.issues).map((issue) =>
        failure(ref, issue.path.length > 0 ? String(issue.path[0]) : "", reasonOf(issue, input)),
    );
}
