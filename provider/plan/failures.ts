/**
 * The failure shape that `check` returns (pulumi.dynamic.CheckFailure), and the one way every plan
 * message is phrased: `<Kind> "<name>": <what is wrong>; <the rule>: <the fix>`.
 */
import { describeResource, type ResourceRef } from "../model/kinds";

/** One problem with one input property, as `pulumi.dynamic.CheckFailure`. */
export interface CheckFailure {
    /** The top-level input property the problem is about ("" when it is about the resource as a whole). */
    property: string;
    /** What is wrong, the rule, and what to do; names the resource. */
    reason: string;
}

/** A failure about `property` of the resource, its reason prefixed with the resource's name. */
export function failure(ref: ResourceRef, property: string, text: string): CheckFailure {
    return { property, reason: `${describeResource(ref)}: ${text}` };
}

/** A value quoted for a message, cut to `max` characters so one long input cannot flood the output. */
export function quote(value: unknown, max = 40): string {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const shown = [...(text ?? String(value))];
    return `"${shown.length > max ? `${shown.slice(0, max - 1).join("")}…` : shown.join("")}"`;
}

/** Drops exact duplicate failures, keeping the order in which the rules found them. */
export function normalizeFailures(failures: CheckFailure[]): CheckFailure[] {
    const seen = new Set<string>();
    return failures.filter((f) => {
        const key = `${f.property}\u0000${f.reason}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
