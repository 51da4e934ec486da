/**
 * Writes a new Pulumi TypeScript project from the package's `pulumi new` template
 * (templates/typescript), doing what `pulumi new --generate-only` does with it: the same
 * `${PROJECT}` / `${DESCRIPTION}` substitution, and Pulumi.yaml without its `template:` section.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ScaffoldOptions {
    /** The folder to write into (created when missing). */
    targetDir: string;
    /** The Pulumi project name (also the package.json name). */
    projectName: string;
    description: string;
    /** The dependency spec for pulumi-tencentcloud-images, e.g. a tarball path or a git URL. */
    packageSpec?: string;
    /** Overwrite files that exist already. */
    force?: boolean;
}

/** The package's own folder: dist/init/ when built, init/ when run from the source. */
function packageRoot(): string {
    for (const candidate of [path.resolve(__dirname, "..", ".."), path.resolve(__dirname, "..")]) {
        if (fs.existsSync(path.join(candidate, "templates", "typescript", "Pulumi.yaml"))) return candidate;
    }
    throw new Error(
        `templates/typescript is missing next to ${__dirname}: reinstall pulumi-tencentcloud-images`,
    );
}

export const TEMPLATE_DIR = path.join(packageRoot(), "templates", "typescript");

/** A valid npm and Pulumi project name made from a folder name. */
export function projectNameFor(dir: string): string {
    const name = path
        .basename(path.resolve(dir))
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, "-")
        .replace(/^[-._]+|[-._]+$/g, "");
    return name || "tencentcloud-images";
}

/** Removes the top-level `template:` block, which only `pulumi new` reads. */
function withoutTemplateSection(pulumiYaml: string): string {
    const lines = pulumiYaml.split("\n");
    const start = lines.findIndex((line) => /^template:/.test(line));
    if (start < 0) return pulumiYaml;
    const next = lines.findIndex((line, i) => i > start && /^\S/.test(line));
    return [...lines.slice(0, start), ...(next < 0 ? [] : lines.slice(next))].join("\n").trimEnd() + "\n";
}

/** The files of the new project: relative path → content. */
export function renderTemplate(options: ScaffoldOptions): Map<string, string> {
    // Plain text substitution, as `pulumi new` does it.
    const substitute = (text: string) =>
        text.replaceAll("${PROJECT}", options.projectName).replaceAll("${DESCRIPTION}", options.description);
    const files = new Map<string, string>();
    for (const name of fs.readdirSync(TEMPLATE_DIR)) {
        let text = substitute(fs.readFileSync(path.join(TEMPLATE_DIR, name), "utf8"));
        if (name === "Pulumi.yaml") text = withoutTemplateSection(text);
        if (name === "package.json" && options.packageSpec) {
            const manifest = JSON.parse(text) as { dependencies: Record<string, string> };
            manifest.dependencies["pulumi-tencentcloud-images"] = options.packageSpec;
            text = JSON.stringify(manifest, null, 4) + "\n";
        }
        files.set(name, text);
    }
    return files;
}

/** Writes the project; refuses to overwrite unless `force`. Returns the paths written. */
export function scaffold(options: ScaffoldOptions): string[] {
    const files = renderTemplate(options);
    const existing = [...files.keys()].filter((name) => fs.existsSync(path.join(options.targetDir, name)));
    if (existing.length > 0 && !options.force) {
        throw new Error(
            `${options.targetDir} already has ${existing.join(", ")}: choose an empty folder, or pass --force to overwrite them`,
        );
    }
    fs.mkdirSync(options.targetDir, { recursive: true });
    return [...files].map(([name, text]) => {
        const file = path.join(options.targetDir, name);
        fs.writeFileSync(file, text);
        return file;
    });
}
