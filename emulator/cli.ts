#!/usr/bin/env node
/**
 * tencentcloud-images-emulator: runs the local image service.
 *   --port <n>      TCP port (0 = random; default 0)
 *   --host <addr>   interface (default 127.0.0.1)
 *   --state <file>  persist the state there (loaded on start)
 *   --seed <file>   seed JSON (format in emulator/README.md)
 *   --json          print one JSON line {"endpoint", "accounts": [{accountId, secretId, secretKey}]}
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

const USAGE =
    "usage: tencentcloud-images-emulator [--port <n>] [--host <addr>] [--state <file>] [--seed <file>] [--json]";

async function main(): Promise<void> {
    let values;
    try {
        ({ values } = parseArgs({
            options: {
                port: { type: "string" },
                host: { type: "string" },
                state: { type: "string" },
                seed: { type: "string" },
                json: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
        }));
    } catch (err) {
        console.error(`${(err as Error).message}\n${USAGE}`);
        process.exit(2);
    }
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`--port must be 0 to 65535 (got ${values.port})\n${USAGE}`);
        process.exit(2);
    }
    const emulator = await startEmulator({
        port,
        host: values.host ?? "127.0.0.1",
        statePath: values.state,
        seed: values.seed,
    });
    if (values.json) {
        console.log(
            JSON.stringify({
                endpoint: emulator.endpoint,
                accounts: emulator.accounts.map((a) => ({
                    accountId: a.accountId,
                    secretId: a.secretId,
                    secretKey: a.secretKey,
                    ...(a.subAccounts?.length
                        ? {
                              subAccounts: a.subAccounts.map(({ uin, secretId, secretKey }) => ({
                                  uin,
                                  secretId,
                                  secretKey,
                              })),
                          }
                        : {}),
                })),
            }),
        );
    } else {
        const lines = [
            `Tencent Cloud image service emulator listening on ${emulator.endpoint}`,
            `  use it with: TENCENTCLOUD_IMAGES_ENDPOINT=${emulator.endpoint}`,
            values.state
                ? `  state file: ${values.state}`
                : "  state: in memory (use --state <file> to keep it)",
            "  accounts (emulator-only test keys):",
            ...emulator.accounts.flatMap((a) => [
                `    ${a.accountId} (${a.name}): TENCENTCLOUD_SECRET_ID=${a.secretId} TENCENTCLOUD_SECRET_KEY=${a.secretKey}`,
                ...(a.temporary
                    ? [
                          `      temporary key: ${a.temporary.secretId} / ${a.temporary.secretKey}, token ${a.temporary.token}`,
                      ]
                    : []),
                ...(a.subAccounts ?? []).map(
                    (u) => `      sub-account ${u.uin} (${u.name}): ${u.secretId} / ${u.secretKey}`,
                ),
            ]),
            `  controls: ${emulator.endpoint}/_emulator/ (reset, seed, config, calls, images, faults, clock)`,
            "Press Ctrl+C to stop.",
        ];
        console.log(lines.join("\n"));
    }
    let stopping = false;
    const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        emulator.close().then(
            () => process.exit(0),
            (err: unknown) => {
                console.error(`emulator: error while stopping on ${signal}:`, err);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(1);
});
