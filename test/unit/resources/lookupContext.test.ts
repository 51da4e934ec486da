import { strict as assert } from "node:assert";
import { createImageBackend } from "../../../provider/backend";
import { getImages, settingsFromStackConfig } from "../../../provider/lookup/getImages";
import { processContext, processContextFor } from "../../../provider/processContext";
import { customImage } from "../../../provider/resources/customImageHandler";
import { REGION, STACK_CONFIG, useFakeCloud } from "./harness";

/**
 * A lookup works through the process context as the resources do: the same backend (one rate
 * limiter, the run's options) and the same coalesced reads by ID, so a lookup and a resource that read
 * images in the same turn of the event loop make one DescribeImages between them.
 */
describe("lookups and resources of one process", () => {
    const h = useFakeCloud();
    const settings = () =>
        settingsFromStackConfig({ get: (key) => STACK_CONFIG[`tencentcloud-images:${key}`] });
    const inputs = {
        __logicalName: "web",
        __provider: "serialized-provider-text",
        region: REGION,
        imageName: "web-2026-11",
        source: { instanceId: "ins-a1b2c3d4" },
        family: "",
        deprecated: false,
    };
    const byIdReads = () => h.cloud.callsOf("DescribeImages").filter((c) => Array.isArray(c.body.ImageIds));

    /** Creates an image through the resource, then a lookup and an update of it run side by side. */
    async function lookupBesideUpdate(lookupBackend?: ReturnType<typeof createImageBackend>) {
        const { id, outs } = await customImage.create(inputs);
        const ubuntu = h.cloud.addImage({
            region: REGION,
            ImageName: "ubuntu-22",
            ImageType: "PUBLIC_IMAGE",
        });
        h.cloud.calls.length = 0;
        const [found] = await Promise.all([
            getImages(
                { imageIds: [ubuntu.ImageId] },
                { settings: settings(), backend: lookupBackend, warn: () => undefined },
            ),
            customImage.update(id, outs as Record<string, unknown>, inputs),
        ]);
        assert.deepEqual(found.ids, [ubuntu.ImageId]);
        return { id, ubuntu: ubuntu.ImageId };
    }

    it("a lookup gets the backend of the resources' context for the same credentials and endpoint", () => {
        assert.equal(processContextFor(settings()).backend, processContext().backend);
        assert.equal(processContextFor(settings()).reads, processContext().reads);
    });

    it("a lookup by ID and a resource's read in the same turn make one DescribeImages", async () => {
        const { id, ubuntu } = await lookupBesideUpdate();
        const [first, ...rest] = byIdReads();
        assert.deepEqual([...(first.body.ImageIds as string[])].sort(), [id, ubuntu].sort());
        // The update's read of its image after the change: by ID, the image alone.
        assert.deepEqual(
            rest.map((c) => c.body.ImageIds),
            [[id]],
        );
    });

    it("(control) a lookup given a backend of its own makes a call of its own", async () => {
        const own = createImageBackend(settings(), { rateLimit: false, maxAttempts: 1 });
        const { id, ubuntu } = await lookupBesideUpdate(own);
        const asked = byIdReads().map((c) => c.body.ImageIds);
        assert.equal(asked.length, 3, JSON.stringify(asked));
        assert.ok(asked.some((ids) => JSON.stringify(ids) === JSON.stringify([ubuntu])));
        assert.ok(!asked.some((ids) => (ids as string[]).includes(id) && (ids as string[]).includes(ubuntu)));
    });
});
