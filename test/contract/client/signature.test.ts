import * as assert from "node:assert/strict";
import nock from "nock";
import Sign from "tencentcloud-sdk-nodejs-common/tencentcloud/common/sign";
import { SECRET_KEY } from "../../unit/backend/helpers";
import { runScenario } from "./runScenario";
import { SCENARIOS } from "./scenarios";
import { SentRequest } from "./specCloud";

/** The Authorization header the official Node SDK computes for the same request. */
function sdkAuthorization(request: SentRequest): string {
    const secretId = /Credential=([^/]+)\//.exec(request.headers["authorization"])![1];
    return Sign.sign3({
        method: "POST",
        url: `https://${request.host}/`,
        // The SDK serialises the payload object itself: equal signatures also mean equal bodies.
        payload: JSON.parse(request.body) as unknown,
        timestamp: Number(request.headers["x-tc-timestamp"]),
        service: request.service,
        secretId,
        secretKey: SECRET_KEY,
        multipart: false,
        boundary: "",
        headers: { "Content-Type": request.headers["content-type"] },
    });
}

/** The requests of the scenario of `operation` whose label starts so. */
async function sent(operation: keyof typeof SCENARIOS, label: string): Promise<SentRequest[]> {
    const scenario = SCENARIOS[operation].find((s) => s.label.startsWith(label));
    assert.ok(scenario, `no ${operation} scenario "${label}"`);
    return (await runScenario(scenario)).requests;
}

describe("contract: the TC3 signature equals the official SDK's", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    const cases: Array<[string, () => Promise<SentRequest[]>]> = [
        ["cvm DescribeImages with filters", () => sent("listImages", "every filter")],
        ["tag ModifyResourceTags (and sts GetCallerIdentity)", () => sent("modifyImageTags", "replace only")],
        ["region DescribeRegions", () => sent("describeRegions", "CVM")],
    ];
    for (const [label, send] of cases) {
        it(label, async () => {
            const requests = await send();
            assert.ok(requests.length > 0);
            for (const request of requests) {
                assert.equal(request.headers["authorization"], sdkAuthorization(request), request.action);
            }
        });
    }
});
