import { strict as assert } from "node:assert";
import { tc3Authorization } from "./helpers/sign";

describe("emulator tests' signing helper", () => {
    it("reproduces the API reference's vector B", () => {
        const auth = tc3Authorization({
            secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            timestamp: 1700000000,
            body: '{"ImageIds":["img-6pb6lrmy"]}',
            headers: { "content-type": "application/json", host: "cvm.tencentcloudapi.com" },
        });
        assert.equal(
            auth,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2023-11-14/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2029cf5bfeed853b14b00d51f9ebe77c9ddad637feb71477bc2e862061468445",
        );
    });

    it("reproduces vector C (x-tc-action signed, lowercased)", () => {
        const auth = tc3Authorization({
            secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            timestamp: 1700000000,
            body: '{"InstanceId":"ins-6pb6lrmy","ImageName":"myImage"}',
            headers: {
                "content-type": "application/json; charset=utf-8",
                host: "cvm.ap-guangzhou.tencentcloudapi.com",
                "x-tc-action": "CreateImage",
            },
        });
        assert.match(auth, /Signature=0d7d0bac5a4f30f3e3230ece1ae8e06cf94cc379bae249aaef74685d6892694a$/);
    });
});
