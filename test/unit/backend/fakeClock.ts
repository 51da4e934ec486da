import { abortReason, Clock } from "../../../provider/backend/clock";

interface Timer {
    at: number;
    resolve: () => void;
}

/** A manual clock: sleeps resolve only when the test advances time. */
export class FakeClock implements Clock {
    private current: number;
    private timers: Timer[] = [];
    /** Every sleep requested, in order (ms). */
    readonly sleeps: number[] = [];

    constructor(start = Date.UTC(2026, 0, 1)) {
        this.current = start;
    }

    now(): number {
        return this.current;
    }

    sleep(ms: number, signal?: AbortSignal): Promise<void> {
        this.sleeps.push(ms);
        return new Promise<void>((resolve, reject) => {
            if (signal?.aborted) return reject(abortReason(signal));
            const timer: Timer = { at: this.current + Math.max(0, ms), resolve };
            this.timers.push(timer);
            signal?.addEventListener(
                "abort",
                () => {
                    this.timers = this.timers.filter((t) => t !== timer);
                    reject(abortReason(signal));
                },
                { once: true },
            );
        });
    }

    /** Number of sleeps not yet due. */
    get pending(): number {
        return this.timers.length;
    }

    /** Advances time by `ms`, resolving due sleeps in order and letting promise chains run between them. */
    async tick(ms: number): Promise<void> {
        const end = this.current + ms;
        await flush();
        for (;;) {
            const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
            if (!due) break;
            this.timers = this.timers.filter((t) => t !== due);
            this.current = Math.max(this.current, due.at);
            due.resolve();
            await flush();
        }
        this.current = end;
        await flush();
    }

    /** Runs until no sleep is pending (bounded), returning the time advanced. */
    async runAll(maxSteps = 1000): Promise<void> {
        for (let i = 0; i < maxSteps; i++) {
            await flush();
            const next = this.timers.sort((a, b) => a.at - b.at)[0];
            if (!next) return;
            await this.tick(next.at - this.current);
        }
        throw new Error("FakeClock.runAll: too many steps");
    }
}

/** Lets pending promise callbacks (and nock's/axios' async steps) run. */
export async function flush(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A clock whose sleeps return at once and advance time: retries and backoff run instantly, durations recorded. */
export class InstantClock implements Clock {
    readonly sleeps: number[] = [];
    constructor(private current = Date.UTC(2026, 0, 1)) {}
    now(): number {
        return this.current;
    }
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
        if (signal?.aborted) return Promise.reject(abortReason(signal));
        this.sleeps.push(ms);
        this.current += Math.max(0, ms);
        return Promise.resolve();
    }
}
