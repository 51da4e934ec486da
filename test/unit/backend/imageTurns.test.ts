import { strict as assert } from "node:assert";
import { ImageTurns } from "../../../provider/backend/imageTurns";
import { gate } from "../gate";

describe("ImageTurns", () => {
    it("runs the work of one image one at a time, in the order asked, whatever the earlier work did", async () => {
        const turns = new ImageTurns();
        const log: string[] = [];
        const first = gate();
        const a = turns.take("ap-guangzhou", "img-1", async () => {
            log.push("a starts");
            await first.opened;
            log.push("a ends");
            throw new Error("a failed");
        });
        const b = turns.take("ap-guangzhou", "img-1", () => {
            log.push("b runs");
            return Promise.resolve("b");
        });
        const other = turns.take("ap-guangzhou", "img-2", () => {
            log.push("other image runs");
            return Promise.resolve("other");
        });
        await other;
        assert.deepEqual(log, ["a starts", "other image runs"]);
        first.open();
        await assert.rejects(a, /a failed/);
        assert.equal(await b, "b");
        assert.deepEqual(log, ["a starts", "other image runs", "a ends", "b runs"]);
    });

    it("the same image ID in another region is another image", async () => {
        const turns = new ImageTurns();
        const held = gate();
        const busy = turns.take("ap-guangzhou", "img-1", () => held.opened);
        assert.equal(await turns.take("ap-shanghai", "img-1", () => Promise.resolve("free")), "free");
        held.open();
        await busy;
    });

    it("tells a work whether quick works wait behind it (so a copy can let them go first)", async () => {
        const turns = new ImageTurns();
        const held = gate();
        const seen: boolean[] = [];
        const slow = turns.take("ap-guangzhou", "img-1", async () => {
            await held.opened;
            seen.push(turns.quickWaiting("ap-guangzhou", "img-1"));
        });
        const quick = turns.take("ap-guangzhou", "img-1", () => Promise.resolve("shared"), { quick: true });
        const other = turns.take("ap-guangzhou", "img-1", () => {
            seen.push(turns.quickWaiting("ap-guangzhou", "img-1"));
            return Promise.resolve();
        });
        assert.equal(turns.quickWaiting("ap-guangzhou", "img-2"), false);
        held.open();
        await Promise.all([slow, quick, other]);
        // While the slow work ran, the quick one waited; once it ran, none waited.
        assert.deepEqual(seen, [true, false]);
    });

    it("keeps the announced works of an image until they ask for their turn or are withdrawn, and says when", async () => {
        let arrivals = 0;
        const turns = new ImageTurns(() => arrivals++);
        turns.announceQuick("ap-guangzhou", "img-1", 'ImageShare "a"');
        turns.announceQuick("ap-guangzhou", "img-1", 'ImageShare "b"');
        turns.announceQuick("ap-guangzhou", "img-1", 'ImageShare "a"');
        assert.deepEqual(turns.quickAnnounced("ap-guangzhou", "img-1"), ['ImageShare "a"', 'ImageShare "b"']);
        assert.deepEqual(turns.quickAnnounced("ap-shanghai", "img-1"), []);
        await turns.take("ap-guangzhou", "img-1", () => Promise.resolve(), {
            quick: true,
            name: 'ImageShare "a"',
        });
        assert.deepEqual(turns.quickAnnounced("ap-guangzhou", "img-1"), ['ImageShare "b"']);
        assert.equal(arrivals, 1, "asking for the turn ended the announcement");
        turns.withdraw("ap-guangzhou", "img-1", 'ImageShare "b"');
        turns.withdraw("ap-guangzhou", "img-1", 'ImageShare "b"');
        assert.deepEqual(turns.quickAnnounced("ap-guangzhou", "img-1"), []);
        assert.equal(arrivals, 2, "a second withdrawal of the same work changes nothing");
    });
});
