/**
 * Values that are not known yet. In `pulumi preview` the engine hands a dynamic provider the string
 * below wherever an input depends on an output that does not exist yet (a new image's ID, say).
 * Such a value means "cannot judge yet": the plan rules skip it instead of treating it as data.
 */

/** The sentinel the Pulumi engine sends for a value that is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9" as const;

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** True when `v` is the engine's "not known yet" sentinel. */
export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN;
}

/** True when `v`, or anything inside it (array elements, object values, at any depth), is unknown. */
export function containsUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/** True when `v` is neither unknown nor contains an unknown value: a rule may judge it. */
export function isFullyKnown(v: unknown): boolean {
    return !containsUnknown(v);
}

/**
 * The preview view of a type: any value, at any depth, may be {@link UNKNOWN}. (For string fields
 * this adds nothing to `string`; test with `isUnknown` before using a value.)
 */
export type Unknowable<T> =
    | Unknown
    | (T extends (infer E)[]
          ? Unknowable<E>[]
          : T extends object
            ? { [K in keyof T]: T[K] extends undefined ? T[K] : Unknowable<T[K]> }
            : T);

/** True when the value is given and known. */
export function known<T>(value: T): value is Exclude<T, undefined> {
    return value !== undefined && !isUnknown(value);
}

/** Indexed known string entries of a list that may itself, or in part, be unknown. */
export function knownEntries(list: unknown): { index: number; value: string }[] {
    if (!Array.isArray(list)) return [];
    return list
        .map((value: unknown, index) => ({ index, value }))
        .filter(
            (e): e is { index: number; value: string } => typeof e.value === "string" && !isUnknown(e.value),
        );
}
