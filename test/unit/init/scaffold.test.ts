import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectNameFor, renderTemplate, scaffold, TEMPLATE_DIR } from "../../../init/scaffold";

describe("tencentcloud-images-init: the project it writes", () => {
    const options = { targetDir: "/nowhere", projectName: "my-images", description: "Images of team web" };

    it("writes every template file, with the project's name and description put in", () => {
        const files = renderTemplate(options);
        assert.deepEqual([...files.keys()].sort(), fs.readdirSync(TEMPLATE_DIR).sort());
        for (const text of files.values()) assert.doesNotMatch(text, /\$\{(PROJECT|DESCRIPTION)\}/);
        assert.match(files.get("Pulumi.yaml")!, /^name: my-images\ndescription: Images of team web\n/);
        assert.equal((JSON.parse(files.get("package.json")!) as { name: string }).name, "my-images");
    });

    it("leaves out the template: section of Pulumi.yaml, which only pulumi new reads", () => {
        assert.match(fs.readFileSync(path.join(TEMPLATE_DIR, "Pulumi.yaml"), "utf8"), /^template:/m);
        const yaml = renderTemplate(options).get("Pulumi.yaml")!;
        assert.doesNotMatch(yaml, /template:|tencentcloud-images:region/);
        assert.match(yaml, /^runtime:\n {4}name: nodejs\n/m);
    });

    it("sets the package spec when given (a tarball or a git URL before a release)", () => {
        const manifest = JSON.parse(
            renderTemplate({ ...options, packageSpec: "file:../pulumi-tencentcloud-images-0.1.0.tgz" }).get(
                "package.json",
            )!,
        ) as { main: string; dependencies: Record<string, string> };
        assert.equal(
            manifest.dependencies["pulumi-tencentcloud-images"],
            "file:../pulumi-tencentcloud-images-0.1.0.tgz",
        );
        assert.equal(manifest.main, "index.ts");
    });

    it("names the project after its folder", () => {
        assert.equal(projectNameFor("/tmp/My Images!"), "my-images");
        assert.equal(projectNameFor("/tmp/web_base.v2"), "web_base.v2");
    });

    it("refuses to overwrite a file unless forced", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "init-"));
        try {
            fs.writeFileSync(path.join(dir, "index.ts"), "// mine\n");
            assert.throws(() => scaffold({ ...options, targetDir: dir }), /already has index\.ts: .*--force/);
            assert.equal(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), "// mine\n");
            scaffold({ ...options, targetDir: dir, force: true });
            assert.notEqual(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), "// mine\n");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
