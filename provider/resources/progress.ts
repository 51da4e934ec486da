/**
 * Progress lines for long waits. `pulumi.log` is not connected inside the dynamic-provider process,
 * but its stdout reaches the user, so progress goes to `console.log` (through a `log` function the
 * context provides, which tests replace). Lines are throttled: one when the state or percentage of a
 * waited-on image changes, else at most one per interval as a heartbeat.
 */

/** Prefix of every progress line, so users can tell them apart from their program's output. */
export const PROGRESS_PREFIX = "tencentcloud-images:";

/** One observation of a waited-on image. */
export interface ProgressObservation {
    /** The image's state, e.g. `CREATING`, `SYNCING`, or `GONE`. */
    state: string;
    /** SyncPercent (0–100) while copying, when the service reports it. */
    percent?: number | null;
}

export interface ProgressReporterOptions {
    /** Where lines go (default console.log). */
    log?: (line: string) => void;
    /** Clock in ms (default Date.now). */
    now?: () => number;
    /** Heartbeat interval when nothing changes (default 10 s). */
    intervalMs?: number;
    /** The minimum gap between two lines caused by percentage changes alone (default 3 s). */
    minGapMs?: number;
}

/** Formats elapsed milliseconds as `45s` or `3m05s`. */
export function formatElapsed(ms: number): string {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    if (seconds < 60) return `${seconds}s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * A reporter for one waited-on thing, e.g. `CustomImage "web": img-123 in ap-guangzhou`, waiting
 * for `target` (e.g. `NORMAL`). Call it with each observation; it decides whether to print:
 *
 *     tencentcloud-images: CustomImage "web": img-123 in ap-guangzhou: CREATING 40% (1m20s), waiting for NORMAL
 *     tencentcloud-images: CustomImage "web": img-123 in ap-guangzhou: NORMAL after 3m05s
 */
export function progressReporter(
    subject: string,
    target: string,
    options: ProgressReporterOptions = {},
): (observation: ProgressObservation) => void {
    const log = options.log ?? ((line: string) => console.log(line));
    const now = options.now ?? Date.now;
    const intervalMs = options.intervalMs ?? 10_000;
    const minGapMs = options.minGapMs ?? 3_000;
    const started = now();
    let lastState: string | undefined;
    let lastPercent: number | null | undefined;
    let lastLineAt = -Infinity;
    return (observation) => {
        const at = now();
        const percent = observation.percent ?? null;
        const stateChanged = observation.state !== lastState;
        const percentChanged = percent !== lastPercent && at - lastLineAt >= minGapMs;
        const heartbeat = at - lastLineAt >= intervalMs;
        if (!stateChanged && !percentChanged && !heartbeat) return;
        lastState = observation.state;
        lastPercent = percent;
        lastLineAt = at;
        const pct = percent === null ? "" : ` ${percent}%`;
        const elapsed = formatElapsed(at - started);
        log(
            observation.state === target
                ? `${PROGRESS_PREFIX} ${subject}: ${target} after ${elapsed}`
                : `${PROGRESS_PREFIX} ${subject}: ${observation.state}${pct} (${elapsed}), waiting for ${target}`,
        );
    };
}

/** One line announcing a step (not throttled): `tencentcloud-images: CustomImage "web": <message>`. */
export function announce(log: (line: string) => void, subject: string, message: string): void {
    log(`${PROGRESS_PREFIX} ${subject}: ${message}`);
}
