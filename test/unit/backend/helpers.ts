import { strict as assert } from "node:assert";
import nock from "nock";
import { ProviderSettings } from "../../../provider/config";
import { signRequest } from "../../../provider/backend/signer";
import type { Image, ImageState } from "../../../provider/backend/types";

export const SECRET_ID = "AKIDunitTestSecretId000000000000000";
export const SECRET_KEY = "unitTestSecretKey0000000000000000";
export const TOKEN = "unit-test-session-token";

export const SETTINGS: ProviderSettings = {
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    maxShareAccounts: 50,
};

let callerCounter = 0;

/**
 * SETTINGS with a secret ID no other test uses: facts remembered per caller for the whole process
 * (the root account from GetCallerIdentity) are then asked for afresh.
 */
export function freshCaller(): ProviderSettings {
    return { ...SETTINGS, secretId: `${SECRET_ID}-${++callerCounter}` };
}

/** One request as the fake server saw it. */
export interface Captured {
    headers: Record<string, string>;
    body: string;
    json: Record<string, unknown>;
}

/** Recomputes the signature from what was received and checks it equals the Authorization header. */
export function assertSignatureVerifies(c: Captured, secretKey = SECRET_KEY): void {
    const auth = c.headers["authorization"];
    const match =
        /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/(\w+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(
            auth ?? "",
        );
    assert.ok(match, `malformed Authorization: ${auth}`);
    const [, , , service, signedHeaders] = match;
    const expected = signRequest({
        secretId: match[1],
        secretKey,
        service,
        host: c.headers["host"],
        action: c.headers["x-tc-action"],
        timestamp: Number(c.headers["x-tc-timestamp"]),
        body: c.body,
        contentType: c.headers["content-type"],
        signedHeaders: signedHeaders.split(";"),
    });
    assert.equal(auth, expected.authorization, "signature does not verify");
}

/** A reply: the Response fields (RequestId added), or a status + raw body. */
export type FakeReply = Record<string, unknown> | { status: number; raw: string } | { error: Error };

let requestCounter = 0;

/**
 * Intercepts POST / on `origin` for each reply in turn, capturing what was sent.
 * Replies with {Response: {...reply, RequestId}}.
 */
export function fakeApi(origin: string, replies: FakeReply[]): Captured[] {
    const captured: Captured[] = [];
    const scope = nock(origin);
    for (const reply of replies) {
        if ("error" in reply && reply.error instanceof Error) {
            scope.post("/").replyWithError(reply.error);
            continue;
        }
        scope.post("/").reply(async (...args: unknown[]) => {
            const req = args[0] as Request;
            const body = await req.text();
            const headers: Record<string, string> = {};
            req.headers.forEach((value, key) => (headers[key] = value));
            captured.push({ headers, body, json: JSON.parse(body) as Record<string, unknown> });
            if ("raw" in reply && typeof reply.raw === "string") return [reply.status as number, reply.raw];
            return [200, { Response: { ...reply, RequestId: `req-${++requestCounter}` } }];
        });
    }
    return captured;
}

/** A network error with a Node error code. */
export function netError(code: string): Error {
    return Object.assign(new Error(`simulated ${code}`), { code });
}

export const CVM = "https://cvm.tencentcloudapi.com";

/** An API Image as DescribeImages returns it. */
export function apiImage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        ImageId: "img-aaaaaaaa",
        OsName: "TencentOS Server 3.1",
        ImageType: "PRIVATE_IMAGE",
        CreatedTime: "2026-01-01T00:00:00Z",
        ImageName: "web",
        ImageDescription: "web image",
        ImageSize: 50,
        Architecture: "x86_64",
        ImageState: "NORMAL",
        Platform: "TencentOS",
        ImageCreator: "100000000001",
        ImageSource: "CREATE_IMAGE",
        SyncPercent: null,
        IsSupportCloudinit: true,
        SnapshotSet: [{ SnapshotId: "snap-aaaaaaaa", DiskUsage: "SYSTEM_DISK", DiskSize: 50 }],
        Tags: [{ Key: "team", Value: "web" }],
        LicenseType: "TencentCloud",
        ...overrides,
    };
}

/** An image as the backend reports it (the domain model), in a state. */
export function domainImage(
    imageId: string,
    region: string,
    imageState: ImageState,
    syncPercent: number | null = null,
): Image {
    return {
        imageId,
        region,
        imageName: `name-${imageId}`,
        imageDescription: "",
        imageType: "PRIVATE_IMAGE",
        imageState,
        osName: "",
        platform: "",
        architecture: "x86_64",
        imageSizeGb: 50,
        createdTime: "2026-01-01T00:00:00Z",
        imageCreator: "100000000001",
        imageSource: "CREATE_IMAGE",
        syncPercent,
        snapshots: [],
        tags: {},
    };
}
