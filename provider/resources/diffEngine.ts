/**
 * One generic diff for the three resources: each resource lists its properties, how to read the old
 * value from the stored OUTPUTS and the new one from the checked INPUTS, how to normalise both (so
 * order, absence-vs-default and the like do not count), and whether a change is in place or forces
 * a replacement. Pure: no I/O, no settings.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../plan/unknown";

/** One property of a resource as the diff sees it. */
export interface PropertyRule<O, I> {
    /** The input property name reported in `replaces`. */
    name: string;
    /** `replace`: a change forces a new resource; `update`: applied in place. */
    kind: "replace" | "update";
    /** The old value, from the stored outputs. */
    old: (olds: O) => unknown;
    /** The new value, from the checked inputs (may contain the unknown sentinel in preview). */
    new: (news: I) => unknown;
    /** Canonical form of a (known) value; default: the value itself. */
    normalize?: (value: unknown) => unknown;
}

/** Deep equality over JSON-like data with object keys compared regardless of order. */
export function sameValue(a: unknown, b: unknown): boolean {
    return stableStringify(a) === stableStringify(b);
}

/** JSON with sorted object keys and `undefined` members dropped. */
export function stableStringify(value: unknown): string {
    if (value === undefined) return "undefined";
    return JSON.stringify(value, (_key, v: unknown) => {
        if (v !== null && typeof v === "object" && !Array.isArray(v)) {
            const entries = Object.entries(v as Record<string, unknown>)
                .filter(([, x]) => x !== undefined)
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            return Object.fromEntries(entries);
        }
        return v;
    });
}

/** The names of the properties whose value changed (an unknown new value always counts as changed). */
export function changedProperties<O, I>(rules: PropertyRule<O, I>[], olds: O, news: I): PropertyRule<O, I>[] {
    return rules.filter((rule) => {
        const next = rule.new(news);
        if (containsUnknown(next)) return true;
        const normalize = rule.normalize ?? ((v: unknown) => v);
        return !sameValue(normalize(rule.old(olds)), normalize(next));
    });
}

/**
 * The DiffResult of a resource: `changes` when anything changed, `replaces` listing the changed
 * replace-properties (with `changes: true`, as the engine requires), never delete-before-replace
 * (the replacement is created first, so dependants can move over before the old one goes).
 */
export function diffByRules<O, I>(rules: PropertyRule<O, I>[], olds: O, news: I): pulumi.dynamic.DiffResult {
    const changed = changedProperties(rules, olds, news);
    const replaces = changed.filter((rule) => rule.kind === "replace").map((rule) => rule.name);
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}

// ---- normalisers -------------------------------------------------------------------------------

/** A list compared as a set: sorted, duplicates dropped; absent = empty. */
export function asSet(value: unknown): unknown {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return value;
    return [...new Set(value.map((v) => String(v)))].sort();
}

/** Absent (undefined/null) counts as `fallback`. */
export function orDefault(fallback: unknown): (value: unknown) => unknown {
    return (value) => (value === undefined || value === null ? fallback : value);
}

/** A string map; absent = empty. */
export function asMap(value: unknown): unknown {
    return value === undefined || value === null ? {} : value;
}
