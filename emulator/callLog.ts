/** The log of API calls, for tests and benchmarks to inspect (who called what, where, with what outcome). */

/** One API call as the emulator saw it. */
export interface CallRecord {
    seq: number;
    /** ISO time the call arrived (wall clock). */
    time: string;
    accountId: string | null;
    region: string | null;
    service: string | null;
    action: string | null;
    /** `ok`, `error` (an error envelope was sent) or `dropped` (carried out, connection dropped). */
    outcome: "ok" | "error" | "dropped";
    code?: string;
    requestId: string;
    durationMs: number;
}

/** Which calls to list (each field must match when given). */
export interface CallFilter {
    accountId?: string;
    region?: string;
    service?: string;
    action?: string;
    outcome?: string;
    code?: string;
}

/** A bounded in-memory call log. */
export class CallLog {
    private records: CallRecord[] = [];
    private seq = 0;

    constructor(private readonly max = 20_000) {}

    /** Appends a call. */
    add(record: Omit<CallRecord, "seq">): void {
        this.records.push({ seq: ++this.seq, ...record });
        if (this.records.length > this.max) this.records.splice(0, this.records.length - this.max);
    }

    /** The calls matching the filter, oldest first. */
    list(filter: CallFilter = {}): CallRecord[] {
        return this.records.filter((r) =>
            (Object.keys(filter) as (keyof CallFilter)[]).every(
                (k) => filter[k] === undefined || r[k] === filter[k],
            ),
        );
    }

    /** Forgets every call. */
    clear(): void {
        this.records = [];
    }
}
