/**
 * Test controls: reset, seed, config, call log, image dump, faults, clock, failures. Offered in
 * process (EmulatorControls) and over HTTP under /_emulator/ (loopback only; no signed API call can
 * reach these paths, since API calls are POST / only).
 */
import { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { CallFilter, CallLog, CallRecord } from "./callLog";
import { FaultConfig, Faults, faultSchema } from "./faults";
import { imageState, isoTime, syncPercent } from "./models/lifecycle";
import { Seed, seedSchema } from "./models/seed";
import { runImage, RunImageRequest, terminateInstance, TerminateRequest } from "./models/launch";
import { Store } from "./models/store";
import { EmulatorState, ServiceConfig } from "./models/types";

/** A partial change of the service's rules (merged into the current ones, without a reset). */
export const configPatchSchema = seedSchema.pick({
    imageQuota: true,
    imageQuotas: true,
    shareLimit: true,
    durations: true,
    failNameMarker: true,
    knownAccountIds: true,
    unknownAccountIds: true,
});

/** A partial change of the rules. */
export type ConfigPatch = z.infer<typeof configPatchSchema>;

/** One image in the dump, with its computed state. */
export interface ImageDump {
    accountId: string;
    region: string;
    imageId: string;
    imageName: string;
    imageType: string;
    imageState: string;
    syncPercent: number | null;
    createdTime: string;
    sharedWith: string[];
    snapshotIds: string[];
    tags: Record<string, string>;
    imageFamily: string;
    imageDeprecated: boolean;
}

/** The controls, in process. Every method has an HTTP twin (see README). */
export class EmulatorControls {
    constructor(
        private readonly store: Store,
        private readonly calls: CallLog,
        private readonly faults: Faults,
    ) {}

    /** Back to the seed; clears the call log and faults too. */
    reset(): void {
        this.store.reset();
        this.calls.clear();
        this.faults.set({});
    }

    /** Loads a new seed (validated) and resets to it. */
    seed(seed: Seed): void {
        this.store.loadSeed(seedSchema.parse(seed));
        this.calls.clear();
        this.faults.set({});
    }

    /** The current rules. */
    config(): ServiceConfig {
        return structuredClone(this.store.state.config);
    }

    /** Changes rules without resetting (e.g. a lower quota, longer durations). */
    configure(patch: ConfigPatch): ServiceConfig {
        const p = configPatchSchema.parse(patch);
        const c = this.store.state.config;
        this.store.state.config = {
            ...c,
            ...p,
            imageQuotas: { ...c.imageQuotas, ...p.imageQuotas },
            durations: { ...c.durations, ...p.durations },
        };
        this.store.changed();
        return this.config();
    }

    /** The API calls seen (filtered). */
    callLog(filter: CallFilter = {}): CallRecord[] {
        return this.calls.list(filter);
    }

    /** Forgets the call log. */
    clearCalls(): void {
        this.calls.clear();
    }

    /** Every custom image (optionally of one account / region), with computed states. */
    images(filter: { accountId?: string; region?: string } = {}): ImageDump[] {
        const now = this.store.now();
        const out: ImageDump[] = [];
        for (const [accountId, regions] of Object.entries(this.store.state.accounts)) {
            if (filter.accountId && filter.accountId !== accountId) continue;
            for (const [region, data] of Object.entries(regions)) {
                if (filter.region && filter.region !== region) continue;
                for (const image of Object.values(data.images)) {
                    out.push({
                        accountId,
                        region,
                        imageId: image.imageId,
                        imageName: image.imageName,
                        imageType: image.imageType,
                        imageState: imageState(image, now),
                        syncPercent: syncPercent(image, now),
                        createdTime: isoTime(image.createdAt),
                        sharedWith: image.shares.map((s) => s.accountId),
                        snapshotIds: [...image.snapshotIds],
                        tags: { ...image.tags },
                        imageFamily: image.imageFamily,
                        imageDeprecated: image.imageDeprecated,
                    });
                }
            }
        }
        return out;
    }

    /** Starts an instance of the account that runs the image (the stand-in for RunInstances); returns its ID. */
    runInstance(request: RunImageRequest): { instanceId: string } {
        return { instanceId: runImage(this.store, request).instanceId };
    }

    /** Terminates an instance (the stand-in for TerminateInstances). */
    terminateInstance(request: TerminateRequest): void {
        terminateInstance(this.store, request);
    }

    /** A copy of the whole state. */
    state(): EmulatorState {
        return structuredClone(this.store.state);
    }

    /** Replaces the fault settings. */
    setFaults(config: FaultConfig): void {
        this.faults.set(faultSchema.parse(config));
    }

    /** Merges into the fault settings. */
    mergeFaults(config: FaultConfig): void {
        this.faults.merge(faultSchema.parse(config));
    }

    /** The fault settings in force (counters decrease as they are used). */
    getFaults(): FaultConfig {
        return structuredClone(this.faults.config);
    }

    /** Switches every fault off. */
    clearFaults(): void {
        this.faults.set({});
    }

    /** Makes the next N creations (CreateImage) and/or imports (ImportImage) fail. */
    failNext(counts: { create?: number; import?: number }): void {
        const f = this.store.state.failNext;
        f.create = counts.create ?? f.create;
        f.import = counts.import ?? f.import;
        this.store.changed();
    }

    /** Moves the emulator's clock forward (tests finish tasks this way instead of sleeping). */
    advanceClock(ms: number): { now: string; offsetMs: number } {
        if (!Number.isFinite(ms) || ms < 0) throw new Error("advanceClock: ms must be a non-negative number");
        this.store.state.clockOffsetMs += ms;
        this.store.changed();
        return this.clock();
    }

    /** The emulator's clock. */
    clock(): { now: string; offsetMs: number } {
        return { now: new Date(this.store.now()).toISOString(), offsetMs: this.store.state.clockOffsetMs };
    }
}

/** True for loopback peers (127.0.0.0/8, ::1, IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
    if (!address) return false;
    return address === "::1" || /^(::ffff:)?127\./.test(address);
}

function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
}

/** Serves one /_emulator/* request. */
export function handleControl(
    controls: EmulatorControls,
    req: IncomingMessage,
    res: ServerResponse,
    rawBody: string,
    info: () => unknown,
): void {
    if (!isLoopback(req.socket.remoteAddress)) {
        send(res, 403, { error: "The emulator's controls answer loopback clients only." });
        return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = `${req.method} ${url.pathname.replace(/\/+$/, "")}`;
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown = {};
    try {
        body = rawBody.trim() ? JSON.parse(rawBody) : {};
    } catch {
        send(res, 400, { error: "The body is not JSON." });
        return;
    }
    try {
        switch (route) {
            case "GET /_emulator":
            case "GET /_emulator/health":
                return send(res, 200, info());
            case "POST /_emulator/reset":
                controls.reset();
                return send(res, 200, { ok: true });
            case "POST /_emulator/seed":
                controls.seed(body as Seed);
                return send(res, 200, { ok: true });
            case "GET /_emulator/config":
                return send(res, 200, controls.config());
            case "POST /_emulator/config":
                return send(res, 200, controls.configure(body as ConfigPatch));
            case "GET /_emulator/calls":
                return send(res, 200, { calls: controls.callLog(query) });
            case "DELETE /_emulator/calls":
                controls.clearCalls();
                return send(res, 200, { ok: true });
            case "GET /_emulator/images":
                return send(res, 200, { images: controls.images(query) });
            case "POST /_emulator/instances":
                return send(res, 200, controls.runInstance(body as RunImageRequest));
            case "DELETE /_emulator/instances":
                controls.terminateInstance(query as TerminateRequest);
                return send(res, 200, { ok: true });
            case "GET /_emulator/state":
                return send(res, 200, controls.state());
            case "GET /_emulator/faults":
                return send(res, 200, controls.getFaults());
            case "PUT /_emulator/faults":
                controls.setFaults(body as FaultConfig);
                return send(res, 200, controls.getFaults());
            case "POST /_emulator/faults":
                controls.mergeFaults(body as FaultConfig);
                return send(res, 200, controls.getFaults());
            case "DELETE /_emulator/faults":
                controls.clearFaults();
                return send(res, 200, { ok: true });
            case "POST /_emulator/fail-next":
                controls.failNext(
                    z
                        .strictObject({
                            create: z.number().int().min(0).optional(),
                            import: z.number().int().min(0).optional(),
                        })
                        .parse(body),
                );
                return send(res, 200, { ok: true });
            case "GET /_emulator/clock":
                return send(res, 200, controls.clock());
            case "POST /_emulator/clock":
                return send(
                    res,
                    200,
                    controls.advanceClock(
                        z.strictObject({ advanceMs: z.number().min(0) }).parse(body).advanceMs,
                    ),
                );
            default:
                return send(res, 404, { error: `No control ${route}; see emulator/README.md.` });
        }
    } catch (err) {
        const message = err instanceof z.ZodError ? z.prettifyError(err) : (err as Error).message;
        send(res, 400, { error: message });
    }
}
