#!/usr/bin/env node
/**
 * tencentcloud-images-init: writes a ready Pulumi TypeScript project that uses this package.
 *   tencentcloud-images-init [<dir>] [--name <project>] [--description <text>] [--package-spec <spec>] [--force]
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { projectNameFor, scaffold } from "./scaffold";

const USAGE =
    "usage: tencentcloud-images-init [<dir>] [--name <project>] [--description <text>] [--package-spec <spec>] [--force]";

function main(): void {
    let parsed;
    try {
        parsed = parseArgs({
            allowPositionals: true,
            options: {
                name: { type: "string" },
                description: { type: "string" },
                "package-spec": { type: "string" },
                force: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (err) {
        console.error(`${(err as Error).message}\n${USAGE}`);
        process.exit(2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        console.log(USAGE);
        return;
    }
    if (positionals.length > 1) {
        console.error(`one folder at most (got ${positionals.join(" ")})\n${USAGE}`);
        process.exit(2);
    }
    const targetDir = path.resolve(positionals[0] ?? ".");
    const written = scaffold({
        targetDir,
        projectName: values.name ?? projectNameFor(targetDir),
        description: values.description ?? "Tencent Cloud CVM images with pulumi-tencentcloud-images",
        packageSpec: values["package-spec"],
        force: values.force,
    });
    const shown = path.relative(process.cwd(), targetDir) || ".";
    console.log(
        [
            `Wrote ${written.map((file) => path.basename(file)).join(", ")} in ${shown}`,
            "Next:",
            ...(shown === "." ? [] : [`  cd ${shown}`]),
            "  npm install",
            "  pulumi stack init dev",
            "  pulumi preview     (against the emulator: see the README of pulumi-tencentcloud-images)",
        ].join("\n"),
    );
}

try {
    main();
} catch (err) {
    console.error(`tencentcloud-images-init: ${(err as Error).message}`);
    process.exit(1);
}
