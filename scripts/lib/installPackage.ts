/**
 * Installs a package folder into a project's node_modules the way a user gets it (from the tarball
 * `npm pack` makes). Shared by the end-to-end harness (test/e2e/harness) and the demo (scripts/demo.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root (this file is scripts/lib/installPackage.ts). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

const packedTarballs = new Map<string, string>();

/**
 * Runs `npm pack` on a package folder once per process (its `prepack` script builds it afresh) and
 * returns the tarball's path.
 */
export function pack(packageDir: string, into: string): string {
    const cached = packedTarballs.get(packageDir);
    if (cached && fs.existsSync(cached)) return cached;
    fs.mkdirSync(into, { recursive: true });
    const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", into, packageDir], {
        cwd: packageDir,
        encoding: "utf8",
        env: { ...process.env, npm_config_loglevel: "error" },
    });
    const tarball = path.join(into, out.trim().split("\n").pop()!.trim());
    packedTarballs.set(packageDir, tarball);
    return tarball;
}

/**
 * Installs a package into `projectDir/node_modules/<name>` the way a user gets it: from the tarball
 * that `npm pack` makes (so only the files the package publishes are there). Its dependencies and
 * `@pulumi/pulumi` are linked to the repository's copies, so that the program, the Automation API and
 * the dynamic-provider host share one `@pulumi/pulumi` module instance, as in a user's project.
 * Returns the installed package's folder.
 */
export function installPackage(projectDir: string, packageDir: string, scratchDir: string): string {
    return installTarball(projectDir, pack(packageDir, scratchDir));
}

/** Like {@link installPackage}, from a tarball made already. */
export function installTarball(projectDir: string, tarball: string): string {
    const manifest = JSON.parse(
        execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    ) as { name: string; dependencies?: Record<string, string> };
    const target = path.join(projectDir, "node_modules", manifest.name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
    for (const dep of [...Object.keys(manifest.dependencies ?? {}), "@pulumi/pulumi"]) {
        linkFromRepo(projectDir, dep);
    }
    return target;
}

function linkFromRepo(projectDir: string, dep: string): void {
    const link = path.join(projectDir, "node_modules", dep);
    if (fs.existsSync(link)) return;
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), link, "dir");
}
