import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { CustomImage, ImageShare } from "../../../provider/resources/classes";

// The SDK serializes a dynamic resource's provider closure once per provider object (it caches by
// identity): the classes hand the same object to every resource of a kind, so a program of many
// resources pays one serialization per kind, not one per resource.
describe("resources/classes: one provider object per resource class", () => {
    // The module object the SDK's dynamic module calls through (a namespace import is read-only).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const serializeClosure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
        serializeFunction: (...args: unknown[]) => Promise<unknown>;
    };
    const serialize = serializeClosure.serializeFunction;
    let serialized = 0;

    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
                call: (args) => args.inputs,
            },
            "provider-object",
            "unit",
            false,
        );
        serializeClosure.serializeFunction = (...args) => {
            serialized += 1;
            return serialize(...args);
        };
    });
    after(() => {
        serializeClosure.serializeFunction = serialize;
    });

    it("serializes the provider once per class, however many resources a program makes", async () => {
        const images = [1, 2, 3, 4, 5].map(
            (n) =>
                new CustomImage(`img-${n}`, {
                    region: "ap-guangzhou",
                    imageName: `img-${n}`,
                    source: { instanceId: "ins-2v3sqe2t" },
                }),
        );
        for (const [n, image] of images.entries()) {
            new ImageShare(`share-${n}`, {
                imageId: image.imageId,
                region: image.region,
                accountIds: ["100000000002"],
            });
        }
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(serialized, 2, "one CustomImage provider and one ImageShare provider");
    });
});
