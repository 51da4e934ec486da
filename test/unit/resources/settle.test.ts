import { strict as assert } from "node:assert";
import { TencentCloudApiError } from "../../../provider/backend/errors";
import { settle, SettleRules, SettleSpec } from "../../../provider/resources/settle";

const apiError = (code: string) =>
    new TencentCloudApiError({
        service: "cvm",
        action: "Act",
        region: "ap-guangzhou",
        code,
        apiMessage: "m",
        requestId: "r",
    });

const RULES: SettleRules = {
    settledByLooking: [],
    resendAfterRefusal: false,
    maxSends: 3,
    whenExhausted: "throw",
};

/** Work is a list of items; `done` holds what the service has carried out; sends fail as scripted. */
function scenario(rules: SettleRules, failures: (Error | undefined)[], actsBeforeFailing: 0 | 1 | 2 = 0) {
    const done = new Set<string>();
    const sent: string[][] = [];
    const lines: string[] = [];
    let looks = 0;
    const spec: SettleSpec<string[], string> = {
        rules,
        work: ["a", "b"],
        send: async (items) => {
            sent.push(items);
            const failure = failures.shift();
            if (failure) {
                items.slice(0, actsBeforeFailing).forEach((i) => done.add(i));
                throw failure;
            }
            items.forEach((i) => done.add(i));
            return "sent";
        },
        look: async (items) => {
            looks++;
            const remaining = items.filter((i) => !done.has(i));
            return remaining.length === 0 ? { done: "found" } : { remaining };
        },
        resendLine: (error, remaining) => `again ${remaining.join(",")} after ${(error as Error).name}`,
    };
    return { run: () => settle((line) => lines.push(line), spec), sent, lines, looks: () => looks };
}

describe("settle: one strategy for mutating calls whose outcome is unknown", () => {
    it("a definite failure is thrown as it is, without looking", async () => {
        const s = scenario(RULES, [apiError("InvalidParameter")]);
        await assert.rejects(s.run(), /InvalidParameter/);
        assert.equal(s.looks(), 0);
        assert.equal(s.sent.length, 1);
    });

    it("after an unknown outcome it looks and resends only what is missing", async () => {
        const s = scenario(RULES, [apiError("InternalError")], 1);
        assert.deepEqual(await s.run(), { done: "sent" });
        assert.deepEqual(s.sent, [["a", "b"], ["b"]]);
        assert.deepEqual(s.lines, ["again b after TencentCloudApiError"]);
    });

    it("looking may find the work done: nothing is resent", async () => {
        const s = scenario(RULES, [apiError("InternalError")], 2);
        assert.deepEqual(await s.run(), { done: "found" });
        assert.equal(s.sent.length, 1);
        assert.deepEqual(s.lines, []);
    });

    it("stops after maxSends: throws the last error, or returns what remains", async () => {
        const failing = () => [
            apiError("InternalError"),
            apiError("InternalError"),
            apiError("InternalError"),
        ];
        const thrown = scenario(RULES, failing());
        await assert.rejects(thrown.run(), /InternalError/);
        assert.equal(thrown.sent.length, 3);
        const returned = scenario({ ...RULES, whenExhausted: "return" }, failing());
        const result = await returned.run();
        assert.ok("remaining" in result);
        assert.deepEqual(result.remaining, ["a", "b"]);
        assert.equal(result.sends, 3);
    });

    it("a refusal the rules name is settled by looking, resent only when the rules say so", async () => {
        const rules = { ...RULES, settledByLooking: ["FailedOperation.AccountAlreadyExists"] };
        const once = scenario({ ...rules, whenExhausted: "return" }, [
            apiError("FailedOperation.AccountAlreadyExists"),
        ]);
        const stopped = await once.run();
        assert.ok("remaining" in stopped);
        assert.equal(once.sent.length, 1);
        const resent = scenario({ ...rules, resendAfterRefusal: true }, [
            apiError("FailedOperation.AccountAlreadyExists"),
        ]);
        assert.deepEqual(await resent.run(), { done: "sent" });
        assert.equal(resent.sent.length, 2);
    });
});
