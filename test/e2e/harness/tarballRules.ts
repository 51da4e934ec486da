/**
 * What the npm tarball must not ship, as pure checks over its entry list and unpacked files, so that
 * the package test (test/e2e/package.test.ts) states each rule once.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ForbiddenEntry {
    entry: string;
    why: string;
}

const RULES: ReadonlyArray<[RegExp, string]> = [
    [/(^|\/)(test|tests|__tests__|e2e|fixtures)\//, "a test folder"],
    [/\.(test|spec)\.[cm]?[jt]s$/, "a test file"],
    [/(^|\/)bench(marks?)?\//, "a benchmark"],
    [/(^|\/)[^/]*(naive|baseline)[^/]*$/i, "naive/baseline code (benchmark-only)"],
    // The project template is TypeScript on purpose: it is what users get to edit.
    [
        /^(?!templates\/).*(?<!\.d)\.[cm]?ts$/,
        "a TypeScript source (the package ships JavaScript and declarations)",
    ],
    [/(^|\/)dist\/scripts\//, "the repository's own scripts"],
];

/**
 * Entries that break a rule today and are being removed by other work. Each is an expected failure:
 * the package test fails if one of them is no longer in the tarball, so that the entry is taken off
 * this list then (and the rule holds from that moment on).
 */
export const KNOWN_FORBIDDEN_ENTRIES: ReadonlyMap<string, string> = new Map<string, string>([]);

/** Every tarball entry that breaks a rule, with the rule's reason. */
export function forbiddenEntries(entries: readonly string[]): ForbiddenEntry[] {
    return entries.flatMap((entry) => {
        const hit = RULES.find(([pattern]) => pattern.test(entry));
        return hit ? [{ entry, why: hit[1] }] : [];
    });
}

/**
 * Source maps that would send a debugger to nothing: a `sourceMappingURL` comment naming a file
 * that is not shipped, and a map whose `sources` are neither shipped nor inlined (`sourcesContent`).
 */
export function missingMapTargets(unpackedDir: string, entries: readonly string[]): string[] {
    const shipped = new Set(entries);
    const problems: string[] = [];
    for (const entry of entries) {
        const file = path.join(unpackedDir, entry);
        if (/\.[cm]?js$/.test(entry)) {
            const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(file, "utf8"))?.[1];
            if (url && !url.startsWith("data:")) {
                const target = path.posix.join(path.posix.dirname(entry), url);
                if (!shipped.has(target)) problems.push(`${entry} names ${url}, which is not shipped`);
            }
        }
        if (entry.endsWith(".map")) {
            const map = JSON.parse(fs.readFileSync(file, "utf8")) as {
                sources?: string[];
                sourcesContent?: (string | null)[];
            };
            (map.sources ?? []).forEach((source, i) => {
                const target = path.posix.join(path.posix.dirname(entry), source);
                if (!shipped.has(target) && typeof map.sourcesContent?.[i] !== "string") {
                    problems.push(`${entry} maps to ${source}, which is neither shipped nor inlined`);
                }
            });
        }
    }
    return problems;
}
