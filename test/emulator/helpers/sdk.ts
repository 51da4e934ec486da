/**
 * The official Node SDK (tencentcloud-sdk-nodejs) pointed at the emulator the way emulator/README.md
 * tells users to: one client per service with the endpoint `<service>.localhost:<port>` over
 * http://. The SDK signs for the endpoint's first label and sends `Host: <service>.localhost:<port>`.
 */
import { lookup as systemLookup, LookupAddress } from "node:dns";
import { Agent } from "node:http";
import { LookupFunction } from "node:net";
import { cbs } from "tencentcloud-sdk-nodejs/tencentcloud/services/cbs";
import { cvm } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm";
import { region as regionService } from "tencentcloud-sdk-nodejs/tencentcloud/services/region";
import { sts } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts";
import { tag } from "tencentcloud-sdk-nodejs/tencentcloud/services/tag";
import TencentCloudSDKHttpException from "tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception";

export { TencentCloudSDKHttpException };

/**
 * Resolves `<name>.localhost` to 127.0.0.1 (RFC 6761 §6.3) where the system resolver does not, as on
 * this Debian image (`dns.lookup("cvm.localhost")` → ENOTFOUND); other names go to the system.
 */
const localhostLookup: LookupFunction = (hostname, options, callback) => {
    if (!hostname.endsWith(".localhost")) {
        systemLookup(hostname, options, callback);
        return;
    }
    const loopback: LookupAddress = { address: "127.0.0.1", family: 4 };
    if (options.all) callback(null, [loopback]);
    else callback(null, loopback.address, loopback.family);
};

/** An http.Agent for the SDK's `httpProfile.agent` that reaches `*.localhost` on any platform. */
export const localhostAgent = new Agent({ lookup: localhostLookup });

/** An account's key as the SDK takes it. */
export interface SdkKey {
    secretId: string;
    secretKey: string;
    token?: string;
}

/** The SDK clients of every service the emulator plays, for one key and region. */
export function sdkClients(port: number, key: SdkKey, region = "ap-guangzhou") {
    const options = (service: string) => ({
        credential: key,
        region,
        profile: {
            httpProfile: {
                endpoint: `${service}.localhost:${port}`,
                protocol: "http://",
                agent: localhostAgent,
            },
        },
    });
    return {
        cvm: new cvm.v20170312.Client(options("cvm")),
        tag: new tag.v20180813.Client(options("tag")),
        cbs: new cbs.v20170312.Client(options("cbs")),
        region: new regionService.v20220627.Client(options("region")),
        sts: new sts.v20180813.Client(options("sts")),
    };
}

/** The SDK error a call rejects with (fails the test when the call succeeds or fails otherwise). */
export async function sdkError(call: Promise<unknown>): Promise<TencentCloudSDKHttpException> {
    try {
        await call;
    } catch (err) {
        if (err instanceof TencentCloudSDKHttpException) return err;
        throw err;
    }
    throw new Error("expected the SDK call to fail with TencentCloudSDKHttpException");
}
