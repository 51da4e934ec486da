import { strict as assert } from "node:assert";
import {
    PROCESS_CONTEXT_KEY,
    configureProcess,
    processContext,
    resetProcessContext,
    setProcessOverrides,
    startNewRun,
} from "../../provider/processContext";

describe("process context", () => {
    const saved = { ...process.env };
    beforeEach(() => resetProcessContext());
    afterEach(() => {
        resetProcessContext();
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
    });

    const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
    const account = (endpoint: string, secretId: string, secretKey = "k") =>
        config({
            "tencentcloud-images:endpoint": endpoint,
            "tencentcloud-images:secretId": secretId,
            "tencentcloud-images:secretKey": secretKey,
        });

    it("resolves settings at call time: stack config from configure() first, then the environment", () => {
        process.env.TENCENTCLOUD_REGION = "ap-beijing";
        process.env.TENCENTCLOUD_SECRET_ID = "AKIDfromEnv";
        assert.equal(processContext().settings.region, "ap-beijing");
        configureProcess(config({ "tencentcloud-images:region": "ap-shanghai" }));
        const ctx = processContext();
        assert.equal(ctx.settings.region, "ap-shanghai");
        assert.equal(ctx.settings.secretId, "AKIDfromEnv");
        process.env.TENCENTCLOUD_SECRET_ID = "AKIDchanged";
        assert.equal(processContext().settings.secretId, "AKIDchanged");
    });

    it("one backend, waiter, live facts and ledger per credentials and endpoint", () => {
        configureProcess(account("http://a.test", "AKID1"));
        const first = processContext();
        const again = processContext();
        for (const part of ["backend", "waiter", "facts", "ledger"] as const) {
            assert.equal(again[part], first[part], part);
        }
        configureProcess(account("http://b.test", "AKID1"));
        assert.notEqual(processContext().backend, first.backend);
        assert.notEqual(processContext().ledger, first.ledger);
        configureProcess(account("http://a.test", "AKID1", "other-key"));
        assert.notEqual(processContext().backend, first.backend);
        configureProcess(account("http://a.test", "AKID2"));
        assert.notEqual(processContext().facts, first.facts);
        configureProcess(account("http://a.test", "AKID1"));
        assert.equal(processContext().backend, first.backend, "the first account's are kept");
    });

    it("a new run forgets the live facts and the ledger; overrides replace what is built", () => {
        const first = processContext();
        startNewRun();
        assert.notEqual(processContext().facts, first.facts);
        assert.notEqual(processContext().ledger, first.ledger);
        const lines: string[] = [];
        setProcessOverrides({ log: (line) => lines.push(line), now: () => 42 });
        const ctx = processContext();
        ctx.log("hello");
        assert.deepEqual(lines, ["hello"]);
        assert.equal(ctx.now(), 42);
    });

    it("lives on globalThis under a registered symbol and keeps no secret in clear", () => {
        configureProcess(config({ "tencentcloud-images:secretKey": "VerySecretValue123" }));
        processContext();
        const state = (globalThis as unknown as Record<symbol, { built: Map<string, unknown> }>)[
            Symbol.for("pulumi-tencentcloud-images.context")
        ];
        assert.equal(PROCESS_CONTEXT_KEY, Symbol.for("pulumi-tencentcloud-images.context"));
        assert.equal(state.built.size, 1);
        for (const key of state.built.keys()) assert.doesNotMatch(key, /VerySecretValue123/);
    });
});
