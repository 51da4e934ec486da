/**
 * Which service a request is for. Tencent Cloud serves each service at its own endpoint,
 * `<service>.tencentcloudapi.com`, and the official SDKs sign for the endpoint's first label; the
 * emulator answers every service on one port, so it reads the service from the Host header when
 * its first label names one (`cvm.localhost:8080`, `tag.example.test`), else from the credential
 * scope (`http://127.0.0.1:8080` for clients that sign the right service whatever the host).
 */
import { fail } from "../errors";

/** The services whose endpoints the emulator plays. */
export const ENDPOINT_SERVICES: readonly string[] = ["cvm", "tag", "cbs", "region", "sts"];

/** The service the Host header's first label names (`cvm.localhost:8080` → cvm), if any. */
export function serviceOfHost(host: string | undefined): string | undefined {
    const name = (host ?? "").replace(/:\d+$/, "").toLowerCase();
    const label = name.split(".")[0];
    return name.includes(".") && ENDPOINT_SERVICES.includes(label) ? label : undefined;
}

/**
 * The service of a request signed for `scopeService` and sent to `host`. A request signed for
 * another service than the endpoint's is refused as the real service refuses it (an SDK pointed at
 * an IP address signs for the address's first number, which names no service).
 */
export function routeService(host: string | undefined, scopeService: string): string {
    const endpoint = serviceOfHost(host);
    if (endpoint !== undefined && endpoint !== scopeService) {
        fail(
            "AuthFailure.InvalidAuthorization",
            `The request \`Authorization\` header does not conform to tencentcloud standards: \`Service\` in Credential not valid (signed for \`${scopeService}\`, sent to the ${endpoint} endpoint ${host}).`,
        );
    }
    if (endpoint === undefined && !ENDPOINT_SERVICES.includes(scopeService)) {
        fail(
            "AuthFailure.InvalidAuthorization",
            `The request \`Authorization\` header does not conform to tencentcloud standards: \`Service\` in Credential not valid (\`${scopeService}\`; an SDK signs for its endpoint's first label: use an endpoint such as cvm.localhost:<port>).`,
        );
    }
    return endpoint ?? scopeService;
}

/**
 * The path of a request target in origin form (`/`) or absolute form (`http://cvm.localhost:8080/`).
 * Servers must accept both (RFC 9112 §3.2.2); clients send the absolute form when told to use the
 * emulator as their HTTP proxy (`HTTP_PROXY=http://127.0.0.1:<port>`), which lets them reach
 * `cvm.<domain>` without resolving the name.
 */
export function requestPath(target: string | undefined): string {
    const path = (target ?? "/").split("?")[0];
    return /^https?:\/\//i.test(path) ? new URL(path).pathname : path;
}
