/** Raw HTTP calls to the emulator for tests: signed API calls and control calls. */
import { request } from "node:http";
import { tc3Authorization } from "./sign";

/** The API version of each service (the one its spec in test/fixtures describes). */
const VERSIONS: Record<string, string> = {
    cvm: "2017-03-12",
    cbs: "2017-03-12",
    tag: "2018-08-13",
    sts: "2018-08-13",
    region: "2022-06-27",
};

/** An account's key as tests use it. */
export interface TestKey {
    secretId: string;
    secretKey: string;
    token?: string;
}

/** One API call; everything but action/key has a sensible default. */
export interface CallSpec {
    action: string;
    key: TestKey;
    body?: Record<string, unknown>;
    service?: string;
    version?: string;
    /** X-TC-Region; null to leave it out. Default ap-guangzhou. */
    region?: string | null;
    /** X-TC-Timestamp (seconds). Default now. */
    timestamp?: number;
    /** Host value to sign (default: as sent). */
    signHost?: string;
    /** Host header to send (default: the endpoint's host:port). */
    sendHost?: string;
    /** Credential date override. */
    date?: string;
    /** Extra signed header names → values (besides content-type and host). */
    extraSigned?: Record<string, string>;
    /** Replace the Authorization header entirely (null: leave it out). */
    authorization?: string | null;
    /** Change the body after signing. */
    bodyAfterSigning?: string;
    /** X-TC-Language. */
    language?: string;
    /** The request target (default `/`; a client using the emulator as its HTTP proxy sends an absolute URL). */
    target?: string;
}

/** The `Response` object of a reply. */
export type ApiResponse = Record<string, unknown> & {
    RequestId: string;
    Error?: { Code: string; Message: string };
};

/** The outcome of a raw HTTP request. */
export interface RawResult {
    status: number;
    text: string;
    /** True when the connection closed without a response. */
    dropped: boolean;
}

/** Sends a raw request (any method/path/headers). */
export function raw(
    endpoint: string,
    opts: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResult> {
    const url = new URL(endpoint);
    return new Promise((resolve, reject) => {
        const req = request(
            {
                host: url.hostname,
                port: url.port,
                method: opts.method,
                path: opts.path,
                headers: opts.headers,
                agent: false,
            },
            (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (c: string) => (text += c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, text, dropped: false }));
                res.on("error", reject);
            },
        );
        req.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code === "ECONNRESET" || err.message.includes("socket hang up")) {
                resolve({ status: 0, text: "", dropped: true });
            } else reject(err);
        });
        req.end(opts.body);
    });
}

/** Sends a signed API call; resolves with the reply's `Response`, or `dropped`. */
export async function callRaw(
    endpoint: string,
    spec: CallSpec,
): Promise<{ response?: ApiResponse; dropped: boolean }> {
    const url = new URL(endpoint);
    const body = JSON.stringify(spec.body ?? {});
    const timestamp = spec.timestamp ?? Math.floor(Date.now() / 1000);
    const sendHost = spec.sendHost ?? url.host;
    const signed: Record<string, string> = {
        "content-type": "application/json",
        host: spec.signHost ?? sendHost,
        ...spec.extraSigned,
    };
    const headers: Record<string, string> = {
        "Content-Type": "application/json",
        Host: sendHost,
        "X-TC-Action": spec.action,
        "X-TC-Version": spec.version ?? VERSIONS[spec.service ?? "cvm"],
        "X-TC-Timestamp": String(timestamp),
    };
    for (const [name, value] of Object.entries(spec.extraSigned ?? {})) headers[name] = value;
    const region = spec.region === undefined ? "ap-guangzhou" : spec.region;
    if (region !== null) headers["X-TC-Region"] = region;
    if (spec.key.token !== undefined) headers["X-TC-Token"] = spec.key.token;
    if (spec.language) headers["X-TC-Language"] = spec.language;
    const authorization =
        spec.authorization === undefined
            ? tc3Authorization({
                  secretId: spec.key.secretId,
                  secretKey: spec.key.secretKey,
                  service: spec.service ?? "cvm",
                  timestamp,
                  body,
                  headers: signed,
                  date: spec.date,
              })
            : spec.authorization;
    if (authorization !== null) headers.Authorization = authorization;
    const result = await raw(endpoint, {
        method: "POST",
        path: spec.target ?? "/",
        headers,
        body: spec.bodyAfterSigning ?? body,
    });
    if (result.dropped) return { dropped: true };
    const parsed = JSON.parse(result.text) as { Response: ApiResponse };
    return { response: parsed.Response, dropped: false };
}

/** Sends a signed API call and returns its `Response` (error or not). */
export async function call(endpoint: string, spec: CallSpec): Promise<ApiResponse> {
    const { response } = await callRaw(endpoint, spec);
    if (!response) throw new Error(`${spec.action}: connection dropped`);
    return response;
}

/** Calls and expects success; throws with the error code otherwise. */
export async function ok(endpoint: string, spec: CallSpec): Promise<ApiResponse> {
    const response = await call(endpoint, spec);
    if (response.Error)
        throw new Error(`${spec.action} failed: ${response.Error.Code}: ${response.Error.Message}`);
    return response;
}

/** Calls and returns the error code (throws when the call succeeded). */
export async function errorCode(endpoint: string, spec: CallSpec): Promise<string> {
    const response = await call(endpoint, spec);
    if (!response.Error)
        throw new Error(`${spec.action} succeeded, expected an error: ${JSON.stringify(response)}`);
    return response.Error.Code;
}

/** A control call; resolves with the parsed JSON and status. */
export async function control(
    endpoint: string,
    method: string,
    path: string,
    body?: unknown,
): Promise<{ status: number; json: unknown }> {
    const result = await raw(endpoint, {
        method,
        path,
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: result.status, json: result.text ? (JSON.parse(result.text) as unknown) : undefined };
}
