/**
 * The one diff of the resources, read off their property tables (./property.ts): old OUTPUTS against
 * new (checked) INPUTS. What counts:
 * - each property is compared in its canonical form (`compareAs`), absent counting as its `default`;
 * - `__logicalName` and `create-only` properties never count: they change nothing that exists;
 * - a new value that is (or contains) unknown counts as a change of that property;
 * - an absent new value of a `region` property means "unchanged" (the checks fill in the region
 *   setting, so this only happens with state written before they did).
 * Pure: no I/O, no settings.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../plan/unknown";
import type { ResourceDeclaration } from "./property";

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

type Props = Record<string, unknown>;

/** The names of the properties whose value changed, in table order. */
export function changedProperties(declaration: ResourceDeclaration, olds: object, news: object): string[] {
    const o = olds as Props;
    const n = news as Props;
    return Object.entries(declaration.properties)
        .filter(([, p]) => p.change !== "create-only")
        .filter(([name, p]) => {
            const before = p.storedAs ? p.storedAs(o) : o[name];
            const after = n[name] === undefined && p.presence === "region" ? before : n[name];
            if (containsUnknown(after)) return true;
            const canonical = (value: unknown, whole: Props) => {
                const given = value ?? p.default;
                return p.compareAs ? p.compareAs(given, whole) : given;
            };
            return !sameValue(canonical(before, o), canonical(after, n));
        })
        .map(([name]) => name);
}

/**
 * The DiffResult of a resource: `changes` when anything changed, `replaces` listing the changed
 * properties that replace (with `changes: true`, as the engine requires), never delete-before-replace
 * (the replacement is created first, so dependants can move over before the old one goes).
 */
export function diffByDeclaration(
    declaration: ResourceDeclaration,
    olds: object,
    news: object,
): pulumi.dynamic.DiffResult {
    const changed = changedProperties(declaration, olds, news);
    const replaces = changed.filter((name) => declaration.properties[name].change === "replaces");
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}

// ---- canonical forms -------------------------------------------------------------------------

/** A list compared as a set: sorted, duplicates dropped; absent = empty. */
export function asSet(value: unknown): unknown {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return value;
    return [...new Set(value.map((v) => String(v)))].sort();
}
