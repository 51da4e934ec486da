import { strict as assert } from "node:assert";
import nock from "nock";
import { createImageBackend, sharedImageBackend } from "../../../provider/backend";
import { SETTINGS } from "./helpers";

describe("backend index", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());

    it("createImageBackend checks credentials at the first call, not at creation", async () => {
        const backend = createImageBackend({ maxShareAccounts: 50 }, { rateLimit: false });
        await assert.rejects(backend.describeImageQuota("ap-guangzhou"), /No Tencent Cloud credentials/);
    });

    it("sharedImageBackend returns one backend+waiter per credentials and endpoint", () => {
        const a = sharedImageBackend(SETTINGS);
        assert.equal(sharedImageBackend({ ...SETTINGS }), a);
        assert.notEqual(sharedImageBackend({ ...SETTINGS, endpoint: "http://127.0.0.1:1" }), a);
        assert.notEqual(sharedImageBackend({ ...SETTINGS, secretKey: "other" }), a);
    });
});
