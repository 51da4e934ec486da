import { strict as assert } from "node:assert";
import { EngineSlots } from "../../provider/engineSlots";
import { flush } from "./backend/fakeClock";
import { gate } from "./gate";

describe("EngineSlots: an operation that waits for one the engine has not started yet", () => {
    it("holds while its condition is true and another operation works, and ends when the condition turns false", async () => {
        const slots = new EngineSlots();
        const other = gate();
        const working = slots.occupy(() => other.opened);
        let pending = true;
        let holds = 0;
        let held = false;
        const waiting = slots.occupy(async () => {
            await slots.holdWhile(
                () => pending,
                () => holds++,
            );
            held = true;
        });
        await flush();
        assert.equal(held, false, "still holding: another operation works and the condition holds");
        assert.equal(holds, 1, "onHold was called once, as it started to hold");
        pending = false;
        slots.changed();
        await waiting;
        assert.equal(held, true);
        other.open();
        await working;
    });

    it("stops holding when the last other working operation ends, though the condition still holds", async () => {
        const slots = new EngineSlots();
        const other = gate();
        const working = slots.occupy(() => other.opened);
        let done = false;
        const waiting = slots.occupy(async () => {
            await slots.holdWhile(() => true);
            done = true;
        });
        await flush();
        assert.equal(done, false);
        other.open();
        await working;
        await waiting;
        assert.equal(done, true, "nothing else could end and let the engine start what it waits for");
    });

    it("operations that all hold do not keep each other waiting: the last working one's end lets them all go", async () => {
        const slots = new EngineSlots();
        const other = gate();
        const working = slots.occupy(() => other.opened);
        let released = 0;
        const hold = () =>
            slots.occupy(async () => {
                await slots.holdWhile(() => true);
                released++;
            });
        const holders = [hold(), hold()];
        await flush();
        assert.equal(released, 0, "both hold while one operation works");
        other.open();
        await Promise.all([working, ...holders]);
        assert.equal(released, 2);
    });

    it("never holds when no other operation runs", async () => {
        const slots = new EngineSlots();
        let holds = 0;
        await slots.occupy(() =>
            slots.holdWhile(
                () => true,
                () => holds++,
            ),
        );
        assert.equal(holds, 0);
    });
});
