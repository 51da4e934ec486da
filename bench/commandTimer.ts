/**
 * The time of each Pulumi CLI command a stack's Automation API call runs. `stack.up()` runs
 * `pulumi up`, then `pulumi stack output` and `pulumi stack history` to fill in its result (refresh
 * and destroy the latter): bookkeeping that someone running `pulumi up` at a terminal does not wait
 * for. The benchmark reports the operation's own command.
 */
import type { PulumiCommand } from "@pulumi/pulumi/automation";
import { aroundRun } from "../test/e2e/harness/cliRun";

export class CommandTimer {
    private readonly runs: { command: string; ms: number }[] = [];

    /** The CLI, timing each command it runs. */
    wrap(cli: PulumiCommand): PulumiCommand {
        return aroundRun(cli, async (args, run) => {
            const started = performance.now();
            try {
                return await run(args);
            } finally {
                this.runs.push({ command: args[0] ?? "", ms: Math.round(performance.now() - started) });
            }
        });
    }

    /** Forgets the commands timed so far. */
    clear(): void {
        this.runs.length = 0;
    }

    /** The time of the last `command` (`up`, `preview`, `refresh`, `destroy`) since {@link clear}. */
    last(command: string): number | undefined {
        return this.runs.filter((r) => r.command === command).at(-1)?.ms;
    }
}
