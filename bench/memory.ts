/**
 * Peak memory of the provider process. The engine starts the dynamic provider as its own `node`
 * process (`@pulumi/pulumi/cmd/dynamic-provider`), one per engine operation; this samples /proc
 * for such processes whose environment points at this run's emulator, and keeps the largest
 * VmHWM (the kernel's own peak RSS of the process, so peaks between samples are not missed).
 * Linux only; elsewhere it reports nothing.
 */
import * as fs from "node:fs";

/** What a sampler saw during one phase. */
export interface MemoryReport {
    /** Largest peak RSS of any provider process, in MiB (undefined when none was seen). */
    peakRssMiB: number | undefined;
    /** How many provider processes were seen. */
    processes: number;
}

function readText(file: string): string | undefined {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined; // the process exited, or is not ours to read
    }
}

/** VmHWM (or VmRSS) of a process, in KiB. */
function peakKiB(pid: string): number | undefined {
    const status = readText(`/proc/${pid}/status`);
    const match = status && (/^VmHWM:\s+(\d+) kB/m.exec(status) ?? /^VmRSS:\s+(\d+) kB/m.exec(status));
    return match ? Number(match[1]) : undefined;
}

/** Samples the provider processes whose environment contains `marker` until stopped. */
export class ProviderMemorySampler {
    private readonly peaks = new Map<string, number>();
    private readonly rejected = new Set<string>();
    private timer: NodeJS.Timeout | undefined;

    constructor(
        private readonly marker: string,
        private readonly intervalMs = 200,
    ) {}

    /** Starts sampling. */
    start(): void {
        this.sample();
        this.timer = setInterval(() => this.sample(), this.intervalMs);
    }

    /** Stops sampling and reports. */
    stop(): MemoryReport {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
        this.sample();
        const peak = Math.max(0, ...this.peaks.values());
        return {
            peakRssMiB: this.peaks.size > 0 ? Math.round((peak / 1024) * 10) / 10 : undefined,
            processes: this.peaks.size,
        };
    }

    private sample(): void {
        let pids: string[];
        try {
            pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
        } catch {
            return;
        }
        for (const pid of pids) {
            if (this.rejected.has(pid)) continue;
            if (!this.peaks.has(pid)) {
                const cmdline = readText(`/proc/${pid}/cmdline`);
                if (cmdline === undefined) continue;
                // Not the plugin's shell wrapper (it becomes node by a fork, so keep looking at it),
                // nor its `node -e require.resolve(...)` helper: the provider's own node process.
                const argv = cmdline.split("\0");
                if (!argv.some((a) => /dynamic-provider(\/index\.js)?$/.test(a)) || argv.includes("-e")) {
                    if (!cmdline.includes("pulumi")) this.rejected.add(pid);
                    continue;
                }
                const environ = readText(`/proc/${pid}/environ`);
                if (!environ?.split("\0").includes(this.marker)) {
                    this.rejected.add(pid);
                    continue;
                }
            }
            const kib = peakKiB(pid);
            if (kib !== undefined) this.peaks.set(pid, Math.max(kib, this.peaks.get(pid) ?? 0));
        }
    }
}
