/**
 * Values that belong to one program run. The Automation API runs many programs in one process, at
 * once too, each under its own root stack resource; outside a stack (the SDK's mocks) there is one
 * run of the process.
 */
import * as pulumi from "@pulumi/pulumi";

const OUTSIDE_A_STACK = {};

/** A getter of the value of the current program run, made by `make` on its first use in the run. */
export function perProgramRun<T>(make: () => T): () => T {
    const values = new WeakMap<object, T>();
    return () => {
        const run = pulumi.runtime.getStackResource() ?? OUTSIDE_A_STACK;
        let value = values.get(run);
        if (value === undefined) {
            value = make();
            values.set(run, value);
        }
        return value;
    };
}
