import { strict as assert } from "node:assert";
import { idealOf, parseScenarios, shapeOf } from "../../../bench/scenarios";

const DURATIONS = { createMs: 2000, importMs: 4000, copyMs: 3000 };

describe("benchmark ideal (bench/scenarios.ts)", () => {
    const [big] = parseScenarios("300x18");
    const shape = shapeOf(big);

    it("at the engine's 8 slots: the summed latency spread over them", () => {
        const ideal = idealOf(shape, DURATIONS, 8);
        assert.equal(ideal.chainMs, 7000);
        // 67 creations × 2 s + 33 imports × 4 s + 100 copies × 3 s, over 8 slots.
        assert.equal(ideal.boundAtParallelMs, Math.ceil((67 * 2000 + 33 * 4000 + 100 * 3000) / 8));
    });

    it("at 64 slots, the service's documented limits bound it: the 100th SyncImages at 10/s goes at 9 s, then copies for 3 s", () => {
        const ideal = idealOf(shape, DURATIONS, 64);
        assert.equal(ideal.rateFloorMs, 9000 + 3000);
        assert.equal(ideal.boundAtParallelMs, 12_000);
    });
});
