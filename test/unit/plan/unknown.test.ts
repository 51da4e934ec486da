import assert from "node:assert/strict";
import { UNKNOWN, containsUnknown, isFullyKnown, isUnknown } from "../../../provider/plan/unknown";

describe("plan/unknown", () => {
    it("is the engine's sentinel string", () => {
        assert.equal(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });

    it("isUnknown is true only for the sentinel", () => {
        assert.equal(isUnknown(UNKNOWN), true);
        for (const v of ["", "img-12345678", undefined, null, 0, {}, [UNKNOWN]])
            assert.equal(isUnknown(v), false);
    });

    it("containsUnknown looks at any depth", () => {
        assert.equal(containsUnknown({ a: [1, { b: UNKNOWN }] }), true);
        assert.equal(containsUnknown([[UNKNOWN]]), true);
        assert.equal(containsUnknown(UNKNOWN), true);
        assert.equal(containsUnknown({ a: [1, { b: "x" }], c: null }), false);
        assert.equal(isFullyKnown({ a: "x" }), true);
        assert.equal(isFullyKnown({ a: UNKNOWN }), false);
    });
});
