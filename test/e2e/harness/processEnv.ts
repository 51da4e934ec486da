import type { Stack } from "@pulumi/pulumi/automation";

/**
 * The environment of a stack's operations in this process. An inline program runs here, not in an
 * engine process, and its lookups read the provider settings from `process.env`; the engine's own
 * processes get the stack's env from the workspace (`envVars`). So a stack's env is laid over
 * `process.env` while one of its operations runs, and taken off when the last one ends: nothing
 * carries over to the next stack. Operations that overlap (several previews at a time) each hold
 * their overlay; a key goes back to what it was before the first of them once none holds it.
 */
const held: Record<string, string>[] = [];
const before = new Map<string, string | undefined>();

function hold(env: Record<string, string>): void {
    for (const key of Object.keys(env)) if (!before.has(key)) before.set(key, process.env[key]);
    held.push(env);
    Object.assign(process.env, env);
}

function release(env: Record<string, string>): void {
    held.splice(held.indexOf(env), 1);
    for (const [key, value] of before) {
        const holder = held.findLast((e) => key in e);
        if (holder) process.env[key] = holder[key];
        else {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
            before.delete(key);
        }
    }
}

/** Runs `work` with `env` laid over this process's environment, and takes it off afterwards. */
export async function withProcessEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const own = { ...env };
    hold(own);
    try {
        return await work();
    } finally {
        release(own);
    }
}

/** The operations that run the program (and so its lookups) in this process. */
const PROGRAM_OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;

/** Makes the stack's program-running operations run with `env` in this process's environment. */
export function runWithEnv(stack: Stack, env: Record<string, string>): Stack {
    for (const name of PROGRAM_OPERATIONS) {
        const operation = stack[name].bind(stack) as (...args: unknown[]) => Promise<unknown>;
        (stack as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
            withProcessEnv(env, () => operation(...args));
    }
    return stack;
}
