/**
 * The program's side of the plan census (../plan/census.ts): each resource of this package that a
 * program constructs gets, as its hidden input `__planCount`, a promise of how many the program has
 * constructed so far, resolved once a turn of the event loop (a macrotask) passes with no new
 * construction. So every resource of the program's synchronous body (and of one apply) carries one
 * total, and the provider knows when it has checked them all. The counts are per program run: the
 * Automation API runs many programs in one process, each under its own root stack resource.
 * A resource read by ID (`opts.id`) is never checked, so it is not counted.
 */
import type * as pulumi from "@pulumi/pulumi";
import { perProgramRun } from "./programRun";

/** The count of one program run. */
interface Census {
    constructed: number;
    /** The total that the constructions since the last resolution wait for. */
    pending?: { total: Promise<number>; resolve: (total: number) => void };
}

const censusOfThisRun = perProgramRun<Census>(() => ({ constructed: 0 }));

/** Resolves the pending total once a macrotask passes in which nothing more was constructed. */
function settleWhenQuiet(census: Census, seen: number): void {
    setImmediate(() => {
        if (census.constructed !== seen) return settleWhenQuiet(census, census.constructed);
        const pending = census.pending;
        census.pending = undefined;
        pending?.resolve(census.constructed);
    });
}

/**
 * Counts one constructed resource of this package; the promise of the program's count (the hidden
 * input), or undefined for a resource read by ID.
 */
export function countConstruction(
    opts: pulumi.CustomResourceOptions | undefined,
): Promise<number> | undefined {
    if (opts?.id !== undefined) return undefined;
    const census = censusOfThisRun();
    census.constructed += 1;
    if (!census.pending) {
        let resolve!: (total: number) => void;
        const total = new Promise<number>((r) => (resolve = r));
        census.pending = { total, resolve };
        settleWhenQuiet(census, census.constructed);
    }
    return census.pending.total;
}
