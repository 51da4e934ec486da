/**
 * The emulator's HTTP server: the wire layer (POST / with TC3-signed JSON → handler → envelope)
 * and the /_emulator/ controls. `startEmulator` runs it in process for tests and scripts.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { EmulatorAccount } from "./accounts";
import { CallLog } from "./callLog";
import { EmulatorControls, handleControl } from "./controls";
import { ApiError } from "./errors";
import { Faults } from "./faults";
import { findHandler, listActions, SERVICE_VERSIONS } from "./handlers";
import { HandlerContext } from "./handlers/types";
import { Seed, seedSchema } from "./models/seed";
import { Store } from "./models/store";
import { loadState, saveState } from "./persistence";
import { isKnownRegion } from "./regions";
import { verifyRequest } from "./wire/auth";
import { parseParams } from "./wire/params";
import { requestPath, routeService } from "./wire/route";

/** Options of startEmulator. */
export interface StartEmulatorOptions {
    /** TCP port; 0 (default) picks a free one. */
    port?: number;
    /** Interface to listen on. Default 127.0.0.1. */
    host?: string;
    /** Persist the state to this file (loaded on start when it exists). */
    statePath?: string;
    /** A seed object, or the path of a seed JSON file (format in README). */
    seed?: Seed | string;
    /** The wall clock (epoch ms) for signatures and rate limits; for tests. Default Date.now. */
    wallClock?: () => number;
    /**
     * The clock image states are computed on (epoch ms), before the controls' offset is added.
     * Default: the wall clock. Tests pass a frozen clock and move it with controls.advanceClock.
     */
    clock?: () => number;
    /** Random source for fault rates; for tests. Default Math.random. */
    random?: () => number;
}

/** A running emulator. */
export interface EmulatorHandle {
    /** Base URL, e.g. `http://127.0.0.1:40123` (give it to the provider as `endpoint`). */
    endpoint: string;
    port: number;
    host: string;
    /** The accounts and their keys (built-in plus seeded). */
    accounts: EmulatorAccount[];
    /** Stops the server (open connections are closed). */
    close(): Promise<void>;
    /** The test controls, in process. */
    controls: EmulatorControls;
}

const MAX_BODY = 1024 * 1024;

/** Reads a seed option: an object, or a JSON file path; validated against the seed format. */
export function readSeed(seed: Seed | string | undefined): Seed {
    if (seed === undefined) return {};
    const raw: unknown = typeof seed === "string" ? JSON.parse(readFileSync(seed, "utf8")) : seed;
    const parsed = seedSchema.safeParse(raw);
    if (!parsed.success) {
        throw new Error(
            `Invalid emulator seed${typeof seed === "string" ? ` ${seed}` : ""}: ${parsed.error.message}`,
        );
    }
    return parsed.data;
}

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
    const seed = readSeed(options.seed);
    const statePath = options.statePath;
    const initial = statePath ? loadState(statePath) : undefined;
    const store = new Store(
        seed,
        statePath ? (state) => saveState(statePath, state) : undefined,
        options.clock ?? options.wallClock ?? Date.now,
        initial,
    );
    if (statePath && !initial) store.changed();
    const calls = new CallLog();
    const faults = new Faults(options.random);
    const controls = new EmulatorControls(store, calls, faults);
    const wallClock = options.wallClock ?? Date.now;
    const host = options.host ?? "127.0.0.1";
    let endpoint = "";

    const server: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size <= MAX_BODY) chunks.push(c);
        });
        req.on("end", () => {
            const body = Buffer.concat(chunks);
            const path = requestPath(req.url);
            if (path === "/_emulator" || path.startsWith("/_emulator/")) {
                handleControl(controls, req, res, body.toString("utf8"), () => ({
                    ok: true,
                    endpoint,
                    actions: listActions(),
                }));
                return;
            }
            handleApi(req, res, body, size > MAX_BODY).catch((err: unknown) => {
                console.error("emulator: unexpected failure", err);
                if (!res.headersSent) res.destroy();
            });
        });
    });

    async function handleApi(req: IncomingMessage, res: ServerResponse, body: Buffer, tooLarge: boolean) {
        const requestId = randomUUID();
        const started = wallClock();
        const entry = {
            time: new Date(started).toISOString(),
            accountId: null as string | null,
            region: null as string | null,
            service: null as string | null,
            action: null as string | null,
            requestId,
        };
        const reply = (payload: Record<string, unknown>, code?: string) => {
            calls.add({ ...entry, outcome: code ? "error" : "ok", code, durationMs: wallClock() - started });
            res.writeHead(200, { "Content-Type": "application/json", "X-TC-RequestId": requestId });
            res.end(JSON.stringify({ Response: { ...payload, RequestId: requestId } }));
        };
        const header = (name: string): string | undefined => {
            const v = req.headers[name];
            return Array.isArray(v) ? v[0] : v;
        };
        try {
            entry.action = header("x-tc-action") ?? null;
            entry.region = header("x-tc-region") ?? null;
            if (req.method !== "POST" || requestPath(req.url) !== "/") {
                throw new ApiError(
                    "UnsupportedProtocol",
                    "The emulator accepts POST / with a JSON body only.",
                );
            }
            if (tooLarge)
                throw new ApiError("RequestSizeLimitExceeded", `The body exceeds ${MAX_BODY} bytes.`);
            const latency = faults.latency();
            if (latency > 0) await sleep(latency);

            const verified = verifyRequest(store, req.headers, body, wallClock());
            entry.accountId = verified.account.accountId;
            const service = routeService(header("host"), verified.service);
            entry.service = service;
            const action = header("x-tc-action");
            if (!action)
                throw new ApiError("MissingParameter", "The request is missing the X-TC-Action header.");
            const version = header("x-tc-version");
            if (!version)
                throw new ApiError("MissingParameter", "The request is missing the X-TC-Version header.");
            const handler = findHandler(service, action);
            if (!handler) {
                throw new ApiError(
                    "InvalidAction",
                    `The action \`${action}\` does not exist in service ${service} (the emulator serves ${listActions().join(", ")}).`,
                );
            }
            if (version !== SERVICE_VERSIONS[handler.service]) {
                throw new ApiError(
                    "NoSuchVersion",
                    `The version \`${version}\` of ${handler.service} does not exist; use ${SERVICE_VERSIONS[handler.service]}.`,
                );
            }
            const region = header("x-tc-region");
            if (handler.region === "required" && !region) {
                throw new ApiError("MissingParameter", "The request is missing the X-TC-Region header.");
            }
            if (handler.region !== "none" && region && !isKnownRegion(region)) {
                throw new ApiError("InvalidRegion.NotFound", `The region \`${region}\` does not exist.`);
            }
            if (faults.throttled(verified.account.accountId, handler.service, action, wallClock())) {
                throw new ApiError(
                    "RequestLimitExceeded",
                    `Too many ${action} requests: the limit is ${faults.rateLimitOf(handler.service, action)} per second.`,
                );
            }
            if (faults.internalError(action)) {
                throw new ApiError("InternalError", "An internal error occurred (injected by the emulator).");
            }
            let json: unknown;
            try {
                json = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
            } catch {
                throw new ApiError("InvalidParameter", "The body is not valid JSON.");
            }
            if (json === null || typeof json !== "object" || Array.isArray(json)) {
                throw new ApiError("InvalidParameter", "The body must be a JSON object.");
            }
            const params: unknown = parseParams(handler.params, json);
            const ctx: HandlerContext = {
                store,
                accountId: verified.account.accountId,
                caller: verified.caller,
                region: handler.region === "none" ? "" : (region ?? ""),
                now: store.now(),
                language: header("x-tc-language") ?? "zh-CN",
            };
            const result = handler.run(ctx, params);
            if (handler.mutates) store.changed();
            if (faults.drop(action)) {
                calls.add({ ...entry, outcome: "dropped", durationMs: wallClock() - started });
                res.socket?.destroy();
                return;
            }
            reply(result);
        } catch (err) {
            if (err instanceof ApiError) {
                reply({ Error: { Code: err.code, Message: err.message } }, err.code);
            } else {
                console.error("emulator: handler failure", err);
                reply(
                    {
                        Error: {
                            Code: "InternalError",
                            Message: `Internal error: ${(err as Error).message}`,
                        },
                    },
                    "InternalError",
                );
            }
        }
    }

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    return {
        endpoint,
        port,
        host,
        accounts: store.state.accountList.map((a) => structuredClone(a)),
        controls,
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.close((err) => (err ? reject(err) : resolve()));
                server.closeAllConnections();
            }),
    };
}
