import { strict as assert } from "node:assert";
import { MAIN_ACCOUNT } from "../../emulator/accounts";
import { call, errorCode, raw } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";

const key = MAIN_ACCOUNT;

describe("emulator: wire layer", () => {
    const f = useEmulator();

    it("unknown action → InvalidAction", async () => {
        assert.equal(await errorCode(f.endpoint, { action: "RunInstances", key }), "InvalidAction");
    });

    it("wrong version → NoSuchVersion (cvm 2017-03-12, tag 2018-08-13)", async () => {
        assert.equal(
            await errorCode(f.endpoint, { action: "DescribeImageQuota", key, version: "2018-08-13" }),
            "NoSuchVersion",
        );
        assert.equal(
            await errorCode(f.endpoint, {
                action: "ModifyResourceTags",
                key,
                service: "tag",
                version: "2017-03-12",
                body: { Resource: "x" },
            }),
            "NoSuchVersion",
        );
    });

    it("unknown region → InvalidRegion.NotFound; missing region → MissingParameter", async () => {
        assert.equal(
            await errorCode(f.endpoint, { action: "DescribeImageQuota", key, region: "ap-atlantis" }),
            "InvalidRegion.NotFound",
        );
        assert.equal(
            await errorCode(f.endpoint, { action: "DescribeImageQuota", key, region: null }),
            "MissingParameter",
        );
    });

    it("DescribeRegions needs no region", async () => {
        const r = await call(f.endpoint, { action: "DescribeRegions", key, region: null });
        assert.equal(r.Error, undefined);
        assert.equal(r.TotalCount, 18);
    });

    it("an unknown field → UnknownParameter", async () => {
        assert.equal(
            await errorCode(f.endpoint, { action: "DescribeImages", key, body: { Bogus: 1 } }),
            "UnknownParameter",
        );
    });

    it("a missing required field → MissingParameter", async () => {
        assert.equal(
            await errorCode(f.endpoint, { action: "ModifyImageAttribute", key, body: { ImageName: "x" } }),
            "MissingParameter",
        );
    });

    it("a field of the wrong type → InvalidParameter", async () => {
        assert.equal(
            await errorCode(f.endpoint, { action: "DescribeImages", key, body: { Limit: "10" } }),
            "InvalidParameter",
        );
    });

    it("errors come in the HTTP 200 envelope with Code, Message and RequestId", async () => {
        const res = await raw(f.endpoint, {
            method: "POST",
            path: "/",
            headers: { "Content-Type": "application/json" },
            body: "{}",
        });
        assert.equal(res.status, 200);
        const body = JSON.parse(res.text) as {
            Response: { Error: { Code: string; Message: string }; RequestId: string };
        };
        assert.equal(body.Response.Error.Code, "AuthFailure.InvalidAuthorization");
        assert.ok(body.Response.Error.Message.length > 0);
        assert.ok(body.Response.RequestId);
    });

    it("GET / → UnsupportedProtocol", async () => {
        const res = await raw(f.endpoint, { method: "GET", path: "/" });
        assert.equal(
            (JSON.parse(res.text) as { Response: { Error: { Code: string } } }).Response.Error.Code,
            "UnsupportedProtocol",
        );
    });
});
