import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { getImageOutput, getImagesOutput } from "../../../provider/lookup/outputs";
import { FakeBackend, image, SETTINGS } from "./fakeBackend";

/** The value of an output (outside a program, a known output resolves). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("lookup Output forms", () => {
    const backend = new FakeBackend([
        image({ imageId: "img-ubuntu01", imageName: "ubuntu-22.04-a", createdTime: "2026-01-01T00:00:00Z" }),
        image({ imageId: "img-ubuntu02", imageName: "ubuntu-22.04-b", createdTime: "2026-02-01T00:00:00Z" }),
        image({ imageId: "img-centos01", platform: "CentOS", osName: "CentOS 7.9" }),
    ]);

    it("getImageOutput resolves Input arguments (outputs and promises, also inside lists) and returns the image", async () => {
        const found = await valueOf(
            getImageOutput(
                {
                    region: pulumi.output("ap-shanghai"),
                    imageTypes: [Promise.resolve("PUBLIC_IMAGE" as const)],
                    platform: pulumi.output("Ubuntu"),
                    mostRecent: Promise.resolve(true),
                },
                { backend, settings: SETTINGS },
            ),
        );
        assert.equal(found.imageId, "img-ubuntu02");
        assert.equal(found.region, "ap-shanghai");
    });

    it("getImagesOutput returns the list newest first", async () => {
        const result = await valueOf(
            getImagesOutput({ osName: pulumi.output("ubuntu"), tags: {} }, { backend, settings: SETTINGS }),
        );
        assert.deepEqual(result.ids, ["img-ubuntu02", "img-ubuntu01"]);
        assert.equal(result.region, "ap-guangzhou");
    });
});
