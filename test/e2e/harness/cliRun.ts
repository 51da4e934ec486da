/**
 * A Pulumi CLI whose `run` (every command a workspace starts) goes through `around`, the rest as it
 * is: the Automation API has no hook for a command's arguments or its time.
 */
import type { PulumiCommand } from "@pulumi/pulumi/automation";

type Run = (args: string[], ...rest: unknown[]) => Promise<unknown>;

/** `around` gets each command's arguments and a `run` that starts the command with the ones it is given. */
export function aroundRun<C extends PulumiCommand>(
    cli: C,
    around: (args: string[], run: (args: string[]) => Promise<unknown>) => Promise<unknown>,
): C {
    const run = (cli as unknown as { run: Run }).run.bind(cli);
    const wrapped = Object.create(cli) as { run: Run };
    wrapped.run = (args, ...rest) => around(args, (given) => run(given, ...rest));
    return wrapped as unknown as C;
}
