import { strict as assert } from "node:assert";
import { perProgramRun } from "../../../provider/resources/programRun";

// How the SDK keeps a program run's state: an AsyncLocalStorage store per run, holding its root stack
// resource (internal API of @pulumi/pulumi, used here to run two programs at once as the Automation API does).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkState = require("@pulumi/pulumi/runtime/state") as {
    withLocalStorage<T>(callback: () => T): T;
    setStackResource(stack: object): void;
};

/** Runs `body` as one program run with its own root stack resource. */
function asProgramRun<T>(body: () => Promise<T>): Promise<T> {
    return sdkState.withLocalStorage(() => {
        sdkState.setStackResource({});
        return body();
    });
}

describe("resources/programRun: values that belong to one program run", () => {
    it("gives each run its own value, the same throughout the run, with runs interleaved", async () => {
        let made = 0;
        const valueOfThisRun = perProgramRun(() => ({ n: ++made }));
        const oneRun = () =>
            asProgramRun(async () => {
                const first = valueOfThisRun();
                await new Promise((resolve) => setImmediate(resolve));
                return [first, valueOfThisRun()];
            });
        const [[a1, a2], [b1, b2]] = await Promise.all([oneRun(), oneRun()]);
        assert.equal(a1, a2, "one value within a run");
        assert.equal(b1, b2);
        assert.notEqual(a1, b1, "another run, another value");
        assert.equal(made, 2);
    });
});
