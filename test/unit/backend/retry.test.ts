import { strict as assert } from "node:assert";
import { TencentCloudApiError, TransportError } from "../../../provider/backend/errors";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, withRetry } from "../../../provider/backend/retry";
import { InstantClock } from "./fakeClock";

const target = { service: "cvm", action: "DescribeImages", region: "ap-guangzhou" };
const api = (code: string) => new TencentCloudApiError({ ...target, code, apiMessage: "m", requestId: "r" });

describe("retry layer", () => {
    it("full jitter stays inside the doubling window, capped", () => {
        const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
        assert.equal(
            backoffDelayMs(1, policy, () => 0.5),
            50,
        );
        assert.equal(
            backoffDelayMs(3, policy, () => 0.5),
            200,
        );
        assert.equal(
            backoffDelayMs(10, policy, () => 0.999),
            999,
        );
        assert.equal(
            backoffDelayMs(2, policy, () => 0),
            0,
        );
    });

    it("retries until success, sleeping between attempts", async () => {
        const clock = new InstantClock();
        const attempts: number[] = [];
        const result = await withRetry(
            async (n) => {
                attempts.push(n);
                if (n < 3) throw api("RequestLimitExceeded");
                return "ok";
            },
            { idempotent: false, clock, random: () => 1 - Number.EPSILON, policy: { baseDelayMs: 100 } },
        );
        assert.equal(result, "ok");
        assert.deepEqual(attempts, [1, 2, 3]);
        assert.deepEqual(clock.sleeps, [99, 199]);
    });

    it("stops at maxAttempts", async () => {
        let n = 0;
        await assert.rejects(
            withRetry(
                async () => {
                    n++;
                    throw api("InternalError");
                },
                { idempotent: true, clock: new InstantClock(), policy: { maxAttempts: 3 } },
            ),
            /InternalError/,
        );
        assert.equal(n, 3);
    });

    it("gives throttling its own, larger bound, counted apart from transient failures", async () => {
        let n = 0;
        await assert.rejects(
            withRetry(
                async () => {
                    n++;
                    throw api("RequestLimitExceeded");
                },
                { idempotent: false, clock: new InstantClock() },
            ),
            /RequestLimitExceeded/,
        );
        assert.equal(n, DEFAULT_RETRY_POLICY.maxThrottledAttempts);
        assert.ok(DEFAULT_RETRY_POLICY.maxThrottledAttempts > DEFAULT_RETRY_POLICY.maxAttempts);
        n = 0;
        await assert.rejects(
            withRetry(
                async () => {
                    n++;
                    throw api(n < 4 ? "RequestLimitExceeded" : "InternalError");
                },
                { idempotent: true, clock: new InstantClock(), policy: { maxAttempts: 4 } },
            ),
            /InternalError/,
        );
        assert.equal(n, 7, "throttling does not use up the attempts of transient failures");
    });

    it("does not retry what is not retryable", async () => {
        for (const [error, idempotent] of [
            [api("InternalError"), false],
            [api("InvalidParameterValue"), true],
            [new TransportError({ ...target, kind: "timeout", detail: "t" }), false],
            [new Error("bug"), true],
        ] as const) {
            let n = 0;
            await assert.rejects(
                withRetry(
                    async () => {
                        n++;
                        throw error;
                    },
                    { idempotent, clock: new InstantClock() },
                ),
            );
            assert.equal(n, 1, `${error.message} was retried`);
        }
    });

    it("stops when the signal aborts", async () => {
        const controller = new AbortController();
        let n = 0;
        await assert.rejects(
            withRetry(
                async () => {
                    n++;
                    controller.abort();
                    throw api("RequestLimitExceeded");
                },
                { idempotent: true, clock: new InstantClock(), signal: controller.signal },
            ),
        );
        assert.equal(n, 1);
    });
});
