import { strict as assert } from "node:assert";
import nock from "nock";
import { createImageBackend } from "../../../provider/backend";

describe("backend index", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());

    it("createImageBackend checks credentials at the first call, not at creation", async () => {
        const backend = createImageBackend({ maxShareAccounts: 50 }, { rateLimit: false });
        await assert.rejects(backend.describeImageQuota("ap-guangzhou"), /No Tencent Cloud credentials/);
    });
});
