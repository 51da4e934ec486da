import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/installPackage";

describe("toolchain", () => {
    it("the Pulumi CLI the tests use is the lockfile's @pulumi/pulumi version", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8"));
        const sdkVersion: string = lock.packages["node_modules/@pulumi/pulumi"].version;
        const cli = path.join(process.env.PULUMI_BIN_DIR ?? "", "pulumi");
        const cliVersion = execFileSync(cli, ["version"], { encoding: "utf8" }).trim();
        assert.equal(cliVersion, `v${sdkVersion}`);
    });

    it("runs on Node.js 22 or later, and so do the engine's child processes", () => {
        assert.ok(Number(process.versions.node.split(".")[0]) >= 22, `node ${process.version}`);
        const fromPath = execFileSync("node", ["--version"], { encoding: "utf8" }).trim();
        assert.ok(Number(fromPath.slice(1).split(".")[0]) >= 22, `node on PATH is ${fromPath}`);
    });
});
