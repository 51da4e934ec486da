import { strict as assert } from "node:assert";
import type { PulumiCommand } from "@pulumi/pulumi/automation";
import { CommandTimer } from "../../../bench/commandTimer";
import { gate } from "../gate";

describe("bench/commandTimer: the time of each CLI command of an Automation API call", () => {
    it("times each command through the wrapped CLI, hands back its result, and reports the last of a kind", async () => {
        const seen: string[][] = [];
        const running = gate();
        const cli = {
            version: "3.276.0",
            run: async (args: string[]) => {
                seen.push(args);
                if (args[0] === "up") await running.opened;
                return { stdout: args[0], stderr: "", code: 0 };
            },
        } as unknown as PulumiCommand;
        const timer = new CommandTimer();
        type Run = (args: string[], cwd: string, env: object) => Promise<{ stdout: string }>;
        const timed = timer.wrap(cli) as unknown as { run: Run };
        assert.equal(
            (timed as unknown as { version: string }).version,
            "3.276.0",
            "the rest of the CLI is kept",
        );
        const up = timed.run(["up", "--yes"], "/tmp", {});
        assert.equal(timer.last("up"), undefined, "a command still running has no time");
        running.open();
        assert.equal((await up).stdout, "up");
        await timed.run(["stack", "output"], "/tmp", {});
        assert.deepEqual(seen, [
            ["up", "--yes"],
            ["stack", "output"],
        ]);
        assert.equal(typeof timer.last("up"), "number");
        assert.equal(typeof timer.last("stack"), "number");
        timer.clear();
        assert.equal(timer.last("up"), undefined);
    });
});
