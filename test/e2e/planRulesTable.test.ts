import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAIN_ACCOUNT } from "../../emulator/accounts";
import { startEmulator } from "../../emulator/server";
import { createImageBackend } from "../../provider/backend";
import { CaseIds, expectedMessage, lookUpCaseIds, PLAN_RULE_CASES, PLAN_RULES_SEED } from "./planRules.cases";

const TABLE_FILE = path.join(__dirname, "..", "..", "docs", "plan-rules.md");
const README_FILE = path.join(__dirname, "..", "..", "README.md");

/** One row of the rules table: case title, rule, example, message (code spans unwrapped). */
interface Row {
    title: string;
    rule: string;
    example: string;
    message: string;
}

/** The rows of the first table in the markdown whose header starts with "| Case |". */
export function tableRows(markdown: string): Row[] {
    const lines = markdown.split("\n");
    const header = lines.findIndex((l) => /^\|\s*Case\s*\|/.test(l));
    assert.ok(header >= 0, "docs/plan-rules.md has a table whose first column is Case");
    const rows: Row[] = [];
    for (const line of lines.slice(header + 2)) {
        if (!line.startsWith("|")) break;
        const cells = line
            .slice(1, line.endsWith("|") ? -1 : undefined)
            .split(" | ")
            .map((c) => c.trim());
        assert.equal(cells.length, 4, `a row has 4 cells: ${line}`);
        const unwrap = (cell: string) => cell.replace(/^`(.*)`$/, "$1");
        rows.push({ title: cells[0], rule: cells[1], example: unwrap(cells[2]), message: unwrap(cells[3]) });
    }
    return rows;
}

// docs/plan-rules.md shows users every plan rule with the message a real run printed. This keeps the
// table and planRules.cases.ts in step: the same titles, rules and examples, and every documented
// message still matches what the case expects (with the seeded IDs, looked up in the emulator).
describe("docs/plan-rules.md agrees with the plan-rule cases", () => {
    const rows = tableRows(fs.readFileSync(TABLE_FILE, "utf8"));
    let ids: CaseIds;

    before(async () => {
        const emulator = await startEmulator({ port: 0, seed: PLAN_RULES_SEED });
        try {
            const main = emulator.accounts.find((a) => a.accountId === MAIN_ACCOUNT.accountId)!;
            const api = createImageBackend({
                endpoint: emulator.endpoint,
                secretId: main.secretId,
                secretKey: main.secretKey,
                maxShareAccounts: 50,
            });
            ids = await lookUpCaseIds(api);
        } finally {
            await emulator.close();
        }
    });

    it("the README shows the same table", () => {
        assert.deepEqual(tableRows(fs.readFileSync(README_FILE, "utf8")), rows);
    });

    it("every case has a row, and every row is a case, in the same order", () => {
        assert.deepEqual(
            rows.map((r) => r.title),
            PLAN_RULE_CASES.map((c) => c.title),
        );
    });

    for (const c of PLAN_RULE_CASES) {
        it(`${c.title}: the row shows the case's rule and example, and a message the case expects`, () => {
            const row = rows.find((r) => r.title === c.title);
            assert.ok(row, `no row for "${c.title}"`);
            assert.equal(row.rule, c.rule);
            assert.equal(row.example, c.example);
            assert.match(row.message, expectedMessage(c, ids));
        });
    }
});
