/** The `--state` file: the whole state, written atomically (temp file + rename) after each change. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { EmulatorState, STATE_VERSION } from "./models/types";

/** The state saved in `path`, or undefined when there is no such file. Throws on a corrupt file. */
export function loadState(path: string): EmulatorState | undefined {
    if (!existsSync(path)) return undefined;
    const state = JSON.parse(readFileSync(path, "utf8")) as EmulatorState;
    if (
        state?.version !== STATE_VERSION ||
        typeof state.accounts !== "object" ||
        !Array.isArray(state.accountList)
    ) {
        throw new Error(
            `${path} is not an emulator state file (version ${STATE_VERSION}); delete it or pass another --state path`,
        );
    }
    return state;
}

let counter = 0;

/** Writes the state to `path` atomically: readers see the old file or the new one, never half of one. */
export function saveState(path: string, state: EmulatorState): void {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${++counter}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, path);
}
