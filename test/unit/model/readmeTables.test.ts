import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Property, ResourceDeclaration } from "../../../provider/model/property";
import { customImageDeclaration } from "../../../provider/model/customImage";
import { imageShareDeclaration } from "../../../provider/model/imageShare";
import { imageCopyDeclaration } from "../../../provider/model/imageCopy";
import { imageRetentionDeclaration } from "../../../provider/model/imageRetention";

/**
 * The README's resource tables are the property tables of provider/model, rendered: a property added,
 * renamed or changed there and not in the README (or the other way round) fails here, with the rows
 * to paste.
 */
const README = readFileSync(join(__dirname, "../../../README.md"), "utf8");

const CHANGE_TEXT = { replaces: "replaces", "in place": "in place", "create-only": "creation only" } as const;

function defaultText(p: Property): string {
    if (p.readme.default !== undefined) return p.readme.default;
    if (p.presence === "required") return "required";
    if (p.presence === "region") return "provider setting `region`";
    if (p.default === undefined) return "none";
    return `\`${JSON.stringify(p.default)}\``;
}

function renderTable(declaration: ResourceDeclaration): string {
    const rows = Object.entries(declaration.properties).map(
        ([name, p]) =>
            `| \`${name}\` | ${p.readme.type} | ${defaultText(p)} | ${p.readme.change ?? CHANGE_TEXT[p.change]} |`,
    );
    return ["| Argument | Type | Default | Change |", "|---|---|---|---|", ...rows].join("\n");
}

/** The first table after the resource's heading, and the paragraph that follows it. */
function readmeSection(kind: string): { table: string; after: string } {
    const start = README.indexOf(`### \`${kind}\``);
    assert.ok(start >= 0, `README has no section "### \`${kind}\`"`);
    const lines = README.slice(start).split("\n");
    const first = lines.findIndex((l) => l.startsWith("|"));
    const end = lines.findIndex((l, i) => i > first && !l.startsWith("|"));
    const next = lines.findIndex((l, i) => i > end && l.startsWith("### "));
    return {
        table: lines.slice(first, end).join("\n"),
        after: lines.slice(end, next < 0 ? undefined : next).join("\n"),
    };
}

describe("README resource tables", () => {
    for (const declaration of [
        customImageDeclaration,
        imageShareDeclaration,
        imageCopyDeclaration,
        imageRetentionDeclaration,
    ]) {
        describe(declaration.kind, () => {
            it("the argument table is the declaration's", () => {
                assert.equal(readmeSection(declaration.kind).table, renderTable(declaration));
            });

            it("names every declared output", () => {
                const { after } = readmeSection(declaration.kind);
                const outputs = after.slice(after.indexOf("Outputs:"));
                for (const name of Object.keys(declaration.outputs)) {
                    assert.ok(
                        outputs.includes(`\`${name}\``),
                        `README's outputs of ${declaration.kind} miss ${name}`,
                    );
                }
            });
        });
    }
});
