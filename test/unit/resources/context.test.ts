import { strict as assert } from "node:assert";
import {
    CONTEXT_KEY,
    configureContext,
    getResourceContext,
    resetContext,
} from "../../../provider/resources/context";

describe("resource context", () => {
    const saved = { ...process.env };
    beforeEach(() => resetContext());
    afterEach(() => {
        resetContext();
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
    });

    const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

    it("resolves settings at call time: stack config from configure() first, then the environment", () => {
        process.env.TENCENTCLOUD_REGION = "ap-beijing";
        process.env.TENCENTCLOUD_SECRET_ID = "AKIDfromEnv";
        assert.equal(getResourceContext().settings.region, "ap-beijing");
        configureContext(config({ "tencentcloud-images:region": "ap-shanghai" }));
        const ctx = getResourceContext();
        assert.equal(ctx.settings.region, "ap-shanghai");
        assert.equal(ctx.settings.secretId, "AKIDfromEnv");
        process.env.TENCENTCLOUD_SECRET_ID = "AKIDchanged";
        assert.equal(getResourceContext().settings.secretId, "AKIDchanged");
    });

    it("reuses the backend and waiter while the settings hold, and builds new ones when they change", () => {
        configureContext(
            config({
                "tencentcloud-images:endpoint": "http://a.test",
                "tencentcloud-images:secretId": "AKID1",
            }),
        );
        const first = getResourceContext();
        assert.equal(getResourceContext().backend, first.backend);
        assert.equal(getResourceContext().waiter, first.waiter);
        configureContext(
            config({
                "tencentcloud-images:endpoint": "http://b.test",
                "tencentcloud-images:secretId": "AKID1",
            }),
        );
        assert.notEqual(getResourceContext().backend, first.backend);
    });

    it("lives on globalThis under a registered symbol and keeps no secret in clear", () => {
        configureContext(config({ "tencentcloud-images:secretKey": "VerySecretValue123" }));
        getResourceContext();
        const state = (globalThis as unknown as Record<symbol, { built?: { key: string } }>)[
            Symbol.for("pulumi-tencentcloud-images.context")
        ];
        assert.equal(CONTEXT_KEY, Symbol.for("pulumi-tencentcloud-images.context"));
        assert.ok(state.built);
        assert.doesNotMatch(state.built.key, /VerySecretValue123/);
    });
});
