/**
 * Sets up the resource providers for a unit test: stack config pointing at the fake cloud's
 * endpoint (through `configure(req)`, as the engine does), progress lines captured, no client-side
 * rate limiting or retries, and a waiter that polls without delay.
 */
import nock from "nock";
import * as handlers from "../../../provider/resources/handlers";
import { resetProcessContext, setProcessOverrides } from "../../../provider/processContext";
import { ENDPOINT, FakeCloud, SECRET_ID, SECRET_KEY } from "./fakeCloud";

export const REGION = "ap-guangzhou";

export const STACK_CONFIG: Record<string, string> = {
    "tencentcloud-images:region": REGION,
    "tencentcloud-images:endpoint": ENDPOINT,
    "tencentcloud-images:secretId": SECRET_ID,
    "tencentcloud-images:secretKey": SECRET_KEY,
};

export interface Harness {
    cloud: FakeCloud;
    lines: string[];
}

/** Registers before/after hooks and returns the (per-test refreshed) harness. */
export function useFakeCloud(): Harness {
    const harness = { lines: [] } as unknown as Harness;
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    beforeEach(async () => {
        resetProcessContext();
        harness.cloud = new FakeCloud().start();
        harness.lines = [];
        await handlers.configure({
            config: { get: (key: string) => STACK_CONFIG[key], require: (key: string) => STACK_CONFIG[key] },
        });
        setProcessOverrides({
            log: (line) => harness.lines.push(line),
            backendOptions: { rateLimit: false, maxAttempts: 1 },
            waiterOptions: { initialDelayMs: 0, maxDelayMs: 0 },
        });
    });
    afterEach(() => {
        nock.cleanAll();
        resetProcessContext();
    });
    return harness;
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
    try {
        await promise;
    } catch (error) {
        return error as Error & Record<string, unknown>;
    }
    throw new Error("expected the operation to fail, but it succeeded");
}
