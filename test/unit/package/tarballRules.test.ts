import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { forbiddenEntries, missingMapTargets } from "../../e2e/harness/tarballRules";

describe("tarball rules (what npm pack must not ship)", () => {
    it("flags tests, fixtures, benchmarks, naive code, TypeScript sources and the repo's scripts", () => {
        const allowed = [
            "dist/provider/index.js",
            "dist/provider/index.d.ts",
            "templates/typescript/index.ts",
        ];
        const forbidden = [
            "dist/test/unit/a.js",
            "dist/provider/fixtures/x.json",
            "dist/provider/x.test.js",
            "dist/bench/run.js",
            "dist/provider/naive.js",
            "dist/provider/baselineMode.js",
            "provider/index.ts",
            "dist/scripts/demo.js",
        ];
        const found = forbiddenEntries([...allowed, ...forbidden]).map((f) => f.entry);
        assert.deepEqual(found, forbidden);
    });

    it("flags source maps and sourceMappingURL comments that lead nowhere", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tarball-rules-"));
        try {
            const write = (file: string, text: string) => {
                fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
                fs.writeFileSync(path.join(dir, file), text);
            };
            write("dist/a.js", "x;\n//# sourceMappingURL=a.js.map\n");
            write("dist/b.js", "x;\n//# sourceMappingURL=b.js.map\n");
            write("dist/b.js.map", JSON.stringify({ sources: ["../src/b.ts"] }));
            write("dist/c.js", "x;\n//# sourceMappingURL=c.js.map\n");
            write("dist/c.js.map", JSON.stringify({ sources: ["../src/c.ts"], sourcesContent: ["c"] }));
            write("dist/d.js", "x;\n");
            const entries = [
                "dist/a.js",
                "dist/b.js",
                "dist/b.js.map",
                "dist/c.js",
                "dist/c.js.map",
                "dist/d.js",
            ];
            assert.deepEqual(missingMapTargets(dir, entries), [
                "dist/a.js names a.js.map, which is not shipped",
                "dist/b.js.map maps to ../src/b.ts, which is neither shipped nor inlined",
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
