import assert from "node:assert/strict";
import { countConstruction } from "../../../provider/resources/programCensus";

/** One turn of the event loop (what the census waits for before it settles a total). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// The program's side of the plan census: the hidden __planCount of each resource this package's
// classes construct (outside a stack, as here, one census of the process: figures are relative).
describe("resources/programCensus: the program's count of this package's resources", () => {
    it("resources constructed in one synchronous body share one total, counting them all", async () => {
        const first = countConstruction(undefined)!;
        const second = countConstruction({})!;
        const third = countConstruction({ protect: true })!;
        const [a, b, c] = await Promise.all([first, second, third]);
        assert.equal(a, b);
        assert.equal(b, c);
        const later = await countConstruction(undefined)!;
        assert.equal(later, c + 1, "a resource constructed later counts into a later, larger total");
    });

    it("a construction after an await in the same turn joins the total, settled once a turn passes with none", async () => {
        let settled: number | undefined;
        void countConstruction(undefined)!.then((n) => (settled = n));
        await Promise.resolve();
        const more = countConstruction(undefined)!;
        assert.equal(settled, undefined, "not settled within the same turn");
        const total = await more;
        await nextTurn();
        assert.equal(settled, total, "both share the total settled after the quiet turn");
        assert.ok(total >= 2);
    });

    it("a resource read by ID is never checked, so it is not counted", async () => {
        const before = await countConstruction(undefined)!;
        assert.equal(countConstruction({ id: "ap-guangzhou:img-00000001" }), undefined);
        assert.equal(await countConstruction(undefined)!, before + 1);
    });
});
