/**
 * One port, every service: the service is the Host's first label when it names one (as each
 * service has its own endpoint on Tencent Cloud), else the credential scope's. A request signed
 * for another service than its endpoint's is refused as the real service refuses it.
 */
import { strict as assert } from "node:assert";
import { call, CallSpec, errorCode, ok } from "./helpers/api";
import { useEmulator } from "./helpers/fixture";
import { main } from "./helpers/world";

describe("emulator: routing by host and by credential scope", () => {
    const f = useEmulator();
    const at = (host: string) => `${host}:${f.emu.port}`;
    const quota: CallSpec = { action: "DescribeImageQuota", key: main };
    const tagRead: CallSpec = {
        action: "DescribeResourceTags",
        key: main,
        service: "tag",
        version: "2018-08-13",
        region: null,
    };

    it("a host whose first label is the service is that service, whatever the domain", async () => {
        await ok(f.endpoint, { ...quota, sendHost: at("cvm.localhost") });
        await ok(f.endpoint, { ...quota, sendHost: at("cvm.ap-guangzhou.emulator.test") });
        await ok(f.endpoint, { ...tagRead, sendHost: at("tag.localhost") });
        await ok(f.endpoint, { ...tagRead, sendHost: at("TAG.Example.Test") });
        await ok(f.endpoint, {
            action: "DescribeSnapshots",
            key: main,
            service: "cbs",
            sendHost: at("cbs.localhost"),
        });
        assert.deepEqual(
            f.emu.controls.callLog().map((c) => [c.service, c.action]),
            [
                ["cvm", "DescribeImageQuota"],
                ["cvm", "DescribeImageQuota"],
                ["tag", "DescribeResourceTags"],
                ["tag", "DescribeResourceTags"],
                ["cbs", "DescribeSnapshots"],
            ],
        );
    });

    it("a request signed for another service than its endpoint's → AuthFailure.InvalidAuthorization", async () => {
        for (const host of ["tag.localhost", "cbs.localhost", "region.localhost", "sts.localhost"]) {
            const r = await call(f.endpoint, { ...quota, sendHost: at(host) });
            assert.equal(r.Error?.Code, "AuthFailure.InvalidAuthorization", host);
            assert.match(r.Error?.Message ?? "", /`Service` in Credential not valid/);
        }
    });

    it("other hosts (an IP, localhost, a name that is no service) route by the credential scope", async () => {
        await ok(f.endpoint, { ...quota, sendHost: at("127.0.0.1") });
        await ok(f.endpoint, { ...quota, sendHost: at("localhost") });
        await ok(f.endpoint, { ...tagRead, sendHost: at("images-emulator.internal") });
    });

    it("a scope that names no service (an SDK pointed at 127.0.0.1 signs for `127`) → AuthFailure.InvalidAuthorization", async () => {
        const r = await call(f.endpoint, {
            ...quota,
            service: "127",
            version: "2017-03-12",
            sendHost: at("127.0.0.1"),
        });
        assert.equal(r.Error?.Code, "AuthFailure.InvalidAuthorization");
        assert.match(r.Error?.Message ?? "", /cvm\.localhost:<port>/);
    });

    it("takes the absolute request target a client sends when the emulator is its HTTP proxy", async () => {
        await ok(f.endpoint, {
            ...tagRead,
            sendHost: at("tag.localhost"),
            target: `http://${at("tag.localhost")}/`,
        });
        const r = await call(f.endpoint, {
            ...quota,
            sendHost: at("cvm.localhost"),
            target: `http://${at("cvm.localhost")}/other`,
        });
        assert.equal(r.Error?.Code, "UnsupportedProtocol");
        assert.deepEqual(
            f.emu.controls.callLog().map((c) => [c.service, c.outcome]),
            [
                ["tag", "ok"],
                [null, "error"],
            ],
        );
    });

    it("the routed service picks the action: a cvm action at the tag endpoint, signed for tag → InvalidAction", async () => {
        assert.equal(
            await errorCode(f.endpoint, { ...quota, service: "tag", sendHost: at("tag.localhost") }),
            "InvalidAction",
        );
    });
});
