import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ok } from "./helpers/api";

const root = join(__dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

function startCli(
    args: string[],
    env: Record<string, string> = {},
): { child: ChildProcess; firstLines: (n: number) => Promise<string[]> } {
    const child = spawn(tsx, [join(root, "emulator", "cli.ts"), ...args], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...env },
    });
    const rl = createInterface({ input: child.stdout! });
    const lines: string[] = [];
    const waiters: (() => void)[] = [];
    rl.on("line", (l) => {
        lines.push(l);
        waiters.splice(0).forEach((w) => w());
    });
    const firstLines = async (n: number) => {
        while (lines.length < n) {
            if (child.exitCode !== null) throw new Error(`cli exited with ${child.exitCode}`);
            await new Promise<void>((resolve) => waiters.push(resolve));
        }
        return lines.slice(0, n);
    };
    return { child, firstLines };
}

describe("emulator: CLI (tencentcloud-images-emulator)", () => {
    it("--json prints one JSON line with the endpoint and credentials; SIGTERM stops it cleanly", async () => {
        const { child, firstLines } = startCli(["--port", "0", "--json"]);
        try {
            const [line] = await firstLines(1);
            const info = JSON.parse(line) as {
                endpoint: string;
                accounts: { accountId: string; secretId: string; secretKey: string }[];
            };
            assert.match(info.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
            assert.deepEqual(
                info.accounts.map((a) => a.accountId),
                ["100000000001", "100000000002", "100000000003"],
            );
            const r = await ok(info.endpoint, { action: "DescribeImageQuota", key: info.accounts[0] });
            assert.equal(r.ImageNumQuota, 10);
        } finally {
            child.kill("SIGTERM");
        }
        const [code] = (await once(child, "exit")) as [number | null];
        assert.equal(code, 0);
    });

    it("prints the endpoint and the accounts' keys readably; SIGINT stops it cleanly", async () => {
        const { child, firstLines } = startCli(["--port", "0"]);
        try {
            const lines = (await firstLines(6)).join("\n");
            assert.match(lines, /listening on http:\/\/127\.0\.0\.1:\d+/);
            assert.match(lines, /100000000001 \(main\): TENCENTCLOUD_SECRET_ID=AKIDEMULATOR/);
        } finally {
            child.kill("SIGINT");
        }
        const [code] = (await once(child, "exit")) as [number | null];
        assert.equal(code, 0);
    });

    it("replaces built-in data with the files in TENCENTCLOUD_IMAGES_EMULATOR_DATA; refuses an invalid one", async () => {
        const dir = mkdtempSync(join(tmpdir(), "emulator-data-"));
        const regions = [
            {
                region: "ap-guangzhou",
                nameZh: "华南地区(广州)",
                nameEn: "South China (Guangzhou)",
                mainland: true,
            },
            {
                region: "ap-tokyo",
                nameZh: "亚太东北(东京)",
                nameEn: "Northeast Asia (Tokyo)",
                mainland: false,
            },
        ];
        writeFileSync(join(dir, "regions.json"), JSON.stringify(regions));
        writeFileSync(join(dir, "accountImages.json"), "[]");
        const { child, firstLines } = startCli(["--port", "0", "--json"], {
            TENCENTCLOUD_IMAGES_EMULATOR_DATA: dir,
        });
        try {
            const info = JSON.parse((await firstLines(1))[0]) as { endpoint: string };
            const key = {
                secretId: "AKIDEMULATOR0000000000000000000001",
                secretKey: "emulatorSecretKey0000000000000001",
            };
            const r = await ok(info.endpoint, { action: "DescribeRegions", key, region: null });
            assert.deepEqual(
                (r.RegionSet as { Region: string }[]).map((x) => x.Region),
                ["ap-guangzhou", "ap-tokyo"],
            );
        } finally {
            child.kill("SIGTERM");
        }
        await once(child, "exit");
        writeFileSync(join(dir, "regions.json"), JSON.stringify([{ region: "ap-guangzhou" }]));
        const bad = startCli(["--port", "0"], { TENCENTCLOUD_IMAGES_EMULATOR_DATA: dir }).child;
        let stderr = "";
        bad.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
        const [code] = (await once(bad, "exit")) as [number | null];
        assert.notEqual(code, 0);
        assert.match(stderr, /Invalid emulator data in .*regions\.json/);
    });

    it("rejects a bad --port with exit code 2", async () => {
        const { child } = startCli(["--port", "x"]);
        const [code] = (await once(child, "exit")) as [number | null];
        assert.equal(code, 2);
    });
});
