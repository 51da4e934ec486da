/**
 * The Tencent Cloud API 3.0 client: serialise the body once, sign those bytes (TC3), POST them with
 * the X-TC-* headers, and parse the reply envelope and the action's reply with zod. Rate limiting
 * and retry are layers around each attempt; every attempt is re-signed with a fresh timestamp.
 */
import axios, { AxiosInstance, isAxiosError } from "axios";
import { createHash } from "node:crypto";
import { z } from "zod";
import { requireCredentials, ProviderSettings } from "../config";
import { Clock, systemClock } from "./clock";
import {
    CallAbortedError,
    CallTarget,
    ReplyShapeError,
    TencentCloudApiError,
    TransportError,
} from "./errors";
import { RateLimiter, type RatePriority } from "./rateLimiter";
import { describeIssues, envelopeSchema } from "./replySchemas";
import { RetryPolicy, withRetry } from "./retry";
import { signRequest } from "./signer";

/** What the observer hook learns about each attempt (no bodies, no credentials). */
export interface CallInfo {
    service: string;
    action: string;
    region: string | undefined;
    /** 1 for the first attempt. */
    attempt: number;
    durationMs: number;
    outcome: "success" | "api-error" | "transport-error" | "reply-error" | "aborted";
    /** The API error code, for `api-error`. */
    code?: string;
    requestId?: string;
}

/** One API call. */
export interface ApiRequest<S extends z.ZodType> {
    /** `cvm`, `tag`, `cbs`, `region` or `sts`: the credential-scope service (and the default host's first label). */
    service: string;
    /** API version, e.g. `2017-03-12`. */
    version: string;
    action: string;
    /** Sent as X-TC-Region; omit for region-less actions (Region service DescribeRegions, STS GetCallerIdentity). */
    region?: string;
    /** The action's parameters (serialised once; `undefined` fields are dropped). */
    body: Record<string, unknown>;
    /** Schema of the `Response` object (minus RequestId and Error). */
    reply: S;
    /** True for reads and set-style updates: transient failures may then be retried. */
    idempotent: boolean;
    signal?: AbortSignal;
    /** Its place in the rate limiter's queue (polls are `background`). Default `foreground`. */
    priority?: RatePriority;
}

/** The request function the backend depends on (an interface, so tests can substitute it). */
export interface ApiClient {
    request<S extends z.ZodType>(request: ApiRequest<S>): Promise<z.output<S>>;
    /**
     * Equal for clients that call as the same identity at the same endpoint (a digest of the
     * credentials and the endpoint, never the credentials themselves): facts about the caller,
     * such as its root account, are remembered under it once per process.
     */
    readonly callerKey: string;
}

/** The digest that {@link ApiClient.callerKey} is: the same settings give the same key. */
export function callerKeyOf(settings: ProviderSettings): string {
    return createHash("sha256")
        .update(
            JSON.stringify([
                settings.secretId,
                settings.secretKey,
                settings.securityToken,
                settings.endpoint,
            ]),
        )
        .digest("hex");
}

export interface TencentCloudClientOptions {
    /** Credentials, session token and endpoint come from here; credentials are checked at the first call. */
    settings: ProviderSettings;
    /** Per-attempt HTTP timeout. Default 30 s. */
    timeoutMs?: number;
    /** A limiter, or false to send without limiting. Default: a RateLimiter with the documented limits. */
    rateLimiter?: RateLimiter | false;
    retry?: Partial<RetryPolicy>;
    onCall?: (info: CallInfo) => void;
    clock?: Clock;
    /** Jitter source (tests pass a fixed one). */
    random?: () => number;
    /** The axios instance to send with. */
    http?: AxiosInstance;
    /** Also sign X-TC-Action (the current doc revision does; the SDKs sign content-type;host only). */
    signActionHeader?: boolean;
}

const CONTENT_TYPE = "application/json";
const CONNECT_ERROR_CODES = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
]);
const TIMEOUT_ERROR_CODES = new Set(["ECONNABORTED", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);

/**
 * The URL of a service: the endpoint override for every service (the emulator tells them apart by
 * the signature's credential scope, as the real gateway does by host), else the public host, or the
 * finance-region host for a `-fsi` region. Region-less calls (Region, STS) use the public host.
 */
export function serviceUrl(service: string, region: string | undefined, endpoint?: string): URL {
    if (endpoint) return new URL(endpoint);
    if (region && region.endsWith("-fsi"))
        return new URL(`https://${service}.${region}.tencentcloudapi.com/`);
    return new URL(`https://${service}.tencentcloudapi.com/`);
}

/** A signed, rate-limited, retrying client of Tencent Cloud API 3.0. */
export class TencentCloudClient implements ApiClient {
    private readonly settings: ProviderSettings;
    private readonly timeoutMs: number;
    private readonly limiter: RateLimiter | undefined;
    private readonly retry: Partial<RetryPolicy> | undefined;
    private readonly onCall: ((info: CallInfo) => void) | undefined;
    private readonly clock: Clock;
    private readonly random: (() => number) | undefined;
    private readonly http: AxiosInstance;
    private readonly signActionHeader: boolean;
    readonly callerKey: string;

    constructor(options: TencentCloudClientOptions) {
        this.settings = options.settings;
        this.callerKey = callerKeyOf(options.settings);
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.clock = options.clock ?? systemClock;
        this.limiter =
            options.rateLimiter === false
                ? undefined
                : (options.rateLimiter ?? new RateLimiter({ clock: this.clock }));
        this.retry = options.retry;
        this.onCall = options.onCall;
        this.random = options.random;
        this.http = options.http ?? axios.create();
        this.signActionHeader = options.signActionHeader ?? false;
    }

    /** Sends one action (with rate limiting and retries) and returns its parsed reply. */
    async request<S extends z.ZodType>(request: ApiRequest<S>): Promise<z.output<S>> {
        const credentials = requireCredentials(this.settings);
        const target: CallTarget = {
            service: request.service,
            action: request.action,
            region: request.region,
        };
        // Serialised once: every attempt sends (and signs) exactly these bytes.
        const body = JSON.stringify(request.body);
        return withRetry(
            async (attempt) => {
                if (request.signal?.aborted) throw new CallAbortedError(target);
                await this.limiter?.acquire(
                    request.action,
                    request.signal,
                    `${request.service}.${request.action}`,
                    request.priority,
                );
                return this.attempt(request, target, credentials, body, attempt);
            },
            {
                idempotent: request.idempotent,
                policy: this.retry,
                clock: this.clock,
                random: this.random,
                signal: request.signal,
            },
        );
    }

    private async attempt<S extends z.ZodType>(
        request: ApiRequest<S>,
        target: CallTarget,
        credentials: { secretId: string; secretKey: string },
        body: string,
        attempt: number,
    ): Promise<z.output<S>> {
        const url = serviceUrl(request.service, request.region, this.settings.endpoint);
        const timestamp = Math.floor(this.clock.now() / 1000);
        const signed = signRequest({
            ...credentials,
            service: request.service,
            host: url.host,
            action: request.action,
            timestamp,
            body,
            contentType: CONTENT_TYPE,
            signedHeaders: this.signActionHeader ? ["x-tc-action"] : undefined,
        });
        const headers: Record<string, string> = {
            "Content-Type": CONTENT_TYPE,
            Host: url.host,
            "X-TC-Action": request.action,
            "X-TC-Version": request.version,
            "X-TC-Timestamp": String(timestamp),
            "X-TC-Language": "en-US",
            Authorization: signed.authorization,
        };
        if (request.region) headers["X-TC-Region"] = request.region;
        if (this.settings.securityToken) headers["X-TC-Token"] = this.settings.securityToken;

        const started = this.clock.now();
        const report = (outcome: CallInfo["outcome"], extra: { code?: string; requestId?: string } = {}) =>
            this.onCall?.({
                ...target,
                region: target.region,
                attempt,
                durationMs: this.clock.now() - started,
                outcome,
                ...extra,
            });

        let status: number;
        let text: string;
        try {
            const response = await this.http.request<string>({
                method: "POST",
                url: url.toString(),
                data: body,
                headers,
                timeout: this.timeoutMs,
                signal: request.signal,
                responseType: "text",
                // The body is already the exact signed string; keep axios from touching either direction.
                transformRequest: [(data: unknown) => data],
                transformResponse: [(data: unknown) => data],
                validateStatus: () => true,
                maxRedirects: 0,
            });
            status = response.status;
            text = typeof response.data === "string" ? response.data : String(response.data);
        } catch (error) {
            if (request.signal?.aborted) {
                report("aborted");
                throw new CallAbortedError(target);
            }
            report("transport-error");
            throw toTransportError(error, target, url);
        }

        if (status !== 200) {
            report("transport-error");
            throw new TransportError({
                ...target,
                kind: "http-status",
                httpStatus: status,
                endpoint: url.origin,
                detail: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`,
            });
        }
        let json: unknown;
        try {
            json = JSON.parse(text);
        } catch {
            report("transport-error");
            throw new TransportError({
                ...target,
                kind: "unparseable",
                endpoint: url.origin,
                detail: `reply is not JSON: ${text.slice(0, 200)}`,
            });
        }
        const envelope = envelopeSchema.safeParse(json);
        if (!envelope.success) {
            report("transport-error");
            throw new TransportError({
                ...target,
                kind: "unparseable",
                endpoint: url.origin,
                detail: `reply is not a Tencent Cloud API envelope (${describeIssues(envelope.error).join("; ")})`,
            });
        }
        const response = envelope.data.Response;
        if (response.Error) {
            report("api-error", { code: response.Error.Code, requestId: response.RequestId });
            throw new TencentCloudApiError({
                ...target,
                code: response.Error.Code,
                apiMessage: response.Error.Message ?? "",
                requestId: response.RequestId,
            });
        }
        const parsed = request.reply.safeParse(response);
        if (!parsed.success) {
            report("reply-error", { requestId: response.RequestId });
            throw new ReplyShapeError({
                ...target,
                requestId: response.RequestId,
                problems: describeIssues(parsed.error).map((p) => `Response.${p}`),
            });
        }
        report("success", { requestId: response.RequestId });
        return parsed.data;
    }
}

/** Maps an axios/network failure to a TransportError whose cause carries no request config (no headers). */
function toTransportError(error: unknown, target: CallTarget, url: URL): TransportError {
    const code = isAxiosError(error) ? error.code : (error as { code?: string } | undefined)?.code;
    const message = error instanceof Error ? error.message : String(error);
    const kind =
        code && CONNECT_ERROR_CODES.has(code)
            ? "connect"
            : code && TIMEOUT_ERROR_CODES.has(code)
              ? "timeout"
              : "network";
    // A fresh Error: the axios error holds the request config, including the session token header.
    const cause = new Error(code ? `${code}: ${message}` : message);
    return new TransportError({ ...target, kind, endpoint: url.origin, detail: cause.message, cause });
}
