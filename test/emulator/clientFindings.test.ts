/**
 * The provider's client against what the emulator now serves as the spec allows and the real service
 * does: an instance whose local data disk has no DiskId, and a sub-account's key, whose Tag resource
 * names must carry the root account's ID (not the ImageCreator). Written on the emulator side of
 * issue 12; they pass once the client follows the spec (the provider side of the same issue).
 */
import { strict as assert } from "node:assert";
import { MAIN_SUB_ACCOUNT } from "../../emulator/accounts";
import { createImageBackend } from "../../provider/backend";
import { useEmulator } from "./helpers/fixture";
import { describeImage, instanceId, main, settle } from "./helpers/world";

const gz = "ap-guangzhou";

describe("emulator: the provider's client where the spec allows more than the client expected", () => {
    const f = useEmulator();
    const backendFor = (key: { secretId: string; secretKey: string }) =>
        createImageBackend(
            {
                region: gz,
                secretId: key.secretId,
                secretKey: key.secretKey,
                endpoint: f.endpoint,
                maxShareAccounts: 50,
            },
            { rateLimit: false, maxAttempts: 1 },
        );

    it("describeInstances reads an instance whose local data disk has no DiskId", async () => {
        const bigdata = instanceId(main.accountId, gz, "bigdata-1");
        const [instance] = await backendFor(main).describeInstances(gz, [bigdata]);
        assert.equal(instance.instanceName, "bigdata-1");
    });

    it("a sub-account's key tags its image: the resource name carries the root account's ID", async () => {
        const backend = backendFor(MAIN_SUB_ACCOUNT);
        const id = await backend.createImage(gz, {
            imageName: "by-sub",
            instanceId: instanceId(main.accountId, gz),
        });
        settle(f);
        await backend.modifyImageTags(gz, id, { replace: { team: "a" }, remove: [] });
        assert.deepEqual((await describeImage(f, id))?.Tags, [{ Key: "team", Value: "a" }]);
    });
});
