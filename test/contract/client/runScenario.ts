// Runs one scenario against the spec-driven fake cloud through the real client (signing, HTTP,
// envelope and reply parsing) and records what was sent and which reply schema the backend handed
// the client for each action, so the reply contract tests judge exactly the schemas in use.
import { z } from "zod";
import { ApiClient, ApiRequest, TencentCloudClient } from "../../../provider/backend/client";
import { TencentCloudBackend } from "../../../provider/backend/tencentCloudBackend";
import { InstantClock } from "../../unit/backend/fakeClock";
import { freshCaller } from "../../unit/backend/helpers";
import { SpecService } from "../apiSpec";
import { Scenario } from "./scenarios";
import { SentRequest, specCloud } from "./specCloud";

export interface SchemaUse {
    service: SpecService;
    action: string;
    reply: z.ZodType;
}

export interface ScenarioRun {
    requests: SentRequest[];
    schemas: SchemaUse[];
    result: unknown;
}

/** Runs the scenario with credentials no other run used (so per-caller facts are asked afresh). */
export async function runScenario(scenario: Scenario): Promise<ScenarioRun> {
    const requests = specCloud(scenario.cloud);
    const clock = new InstantClock();
    const real = new TencentCloudClient({
        settings: freshCaller(),
        rateLimiter: false,
        retry: { maxAttempts: 1, maxThrottledAttempts: 1 },
        clock,
    });
    const schemas: SchemaUse[] = [];
    const recording: ApiClient = {
        callerKey: real.callerKey,
        request<S extends z.ZodType>(request: ApiRequest<S>) {
            schemas.push({
                service: request.service as SpecService,
                action: request.action,
                reply: request.reply,
            });
            return real.request(request);
        },
    };
    const result = await scenario.run(new TencentCloudBackend(recording, { clock }));
    return { requests, schemas, result };
}
