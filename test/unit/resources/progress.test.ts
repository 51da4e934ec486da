import { strict as assert } from "node:assert";
import { formatElapsed, progressReporter } from "../../../provider/resources/progress";

describe("progress lines", () => {
    function reporter() {
        const lines: string[] = [];
        let now = 1_000_000;
        const report = progressReporter('CustomImage "web": img-1 in ap-guangzhou', "NORMAL", {
            log: (l) => lines.push(l),
            now: () => now,
        });
        return { lines, report, advance: (ms: number) => (now += ms) };
    }

    it("prints on every state change, with SyncPercent and elapsed time", () => {
        const r = reporter();
        r.report({ state: "CREATING" });
        r.advance(65_000);
        r.report({ state: "SYNCING", percent: 40 });
        r.advance(5_000);
        r.report({ state: "NORMAL" });
        assert.deepEqual(r.lines, [
            'tencentcloud-images: CustomImage "web": img-1 in ap-guangzhou: CREATING (0s), waiting for NORMAL',
            'tencentcloud-images: CustomImage "web": img-1 in ap-guangzhou: SYNCING 40% (1m05s), waiting for NORMAL',
            'tencentcloud-images: CustomImage "web": img-1 in ap-guangzhou: NORMAL after 1m10s',
        ]);
    });

    it("throttles percentage changes and repeats an unchanged state only every 10 s", () => {
        const r = reporter();
        r.report({ state: "SYNCING", percent: 1 });
        r.advance(1_000);
        r.report({ state: "SYNCING", percent: 2 }); // too soon after the last line
        r.advance(3_000);
        r.report({ state: "SYNCING", percent: 3 });
        r.advance(9_000);
        r.report({ state: "SYNCING", percent: 3 }); // nothing new, 9 s: quiet
        r.advance(1_000);
        r.report({ state: "SYNCING", percent: 3 }); // 10 s: heartbeat
        assert.deepEqual(
            r.lines.map((l) => l.replace(/^.*: SYNCING/, "SYNCING")),
            [
                "SYNCING 1% (0s), waiting for NORMAL",
                "SYNCING 3% (4s), waiting for NORMAL",
                "SYNCING 3% (14s), waiting for NORMAL",
            ],
        );
    });

    it("formats elapsed time", () => {
        assert.equal(formatElapsed(0), "0s");
        assert.equal(formatElapsed(59_999), "59s");
        assert.equal(formatElapsed(185_000), "3m05s");
    });
});
