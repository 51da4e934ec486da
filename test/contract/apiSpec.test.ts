import * as assert from "node:assert/strict";
import {
    fullReply,
    replyProblems,
    replyVariants,
    requestProblems,
    SPEC_VERSIONS,
    SpecService,
    specActions,
    specExamples,
} from "./apiSpec";

describe("contract: the spec checker itself", () => {
    it("passes a reply filled from the spec, for every action of every service", () => {
        for (const service of Object.keys(SPEC_VERSIONS) as SpecService[]) {
            for (const action of specActions(service)) {
                assert.deepEqual(
                    replyProblems(service, action, fullReply(service, action)),
                    [],
                    `${service} ${action}`,
                );
            }
        }
    });

    it("finds a missing required member, a wrong type, a null where none is allowed, and an undocumented member", () => {
        const reply = fullReply("cvm", "DescribeImages");
        const image = (reply.ImageSet as Record<string, unknown>[])[0];
        delete image.ImageId;
        image.ImageSize = "50";
        image.ImageName = null;
        image.Surprise = 1;
        assert.deepEqual(
            replyProblems("cvm", "DescribeImages", reply).sort(),
            [
                "DescribeImages.Response.ImageSet[0].ImageId: required by the spec, missing",
                'DescribeImages.Response.ImageSet[0].ImageSize: expected an integer, got string "50"',
                "DescribeImages.Response.ImageSet[0].ImageName: null, which the spec does not allow",
                "DescribeImages.Response.ImageSet[0].Surprise: not a member the spec documents",
            ].sort(),
        );
    });

    it("finds an unknown parameter, a missing required one and a wrong list element in a request", () => {
        assert.deepEqual(requestProblems("cvm", "DeleteImages", { ImageId: ["img-1"] }), [
            "DeleteImages.ImageId: not a member the spec documents",
            "DeleteImages.ImageIds: required by the spec, missing",
        ]);
        assert.deepEqual(requestProblems("cvm", "DeleteImages", { ImageIds: [1] }), [
            "DeleteImages.ImageIds[0]: expected a string, got number 1",
        ]);
        assert.deepEqual(
            requestProblems("cvm", "DescribeImages", {
                Filters: [{ Name: "image-type", Values: "PRIVATE_IMAGE" }],
            }),
            ['DescribeImages.Filters[0].Values: expected a list, got string "PRIVATE_IMAGE"'],
        );
    });

    it("reads the official examples: requests from their HTTP text, replies from their envelope", () => {
        const [example] = specExamples("cvm", "ImportImage");
        assert.equal(example.input?.ImageName, "sample");
        assert.deepEqual(Object.keys(example.output), ["RequestId"]);
    });

    it("makes one variant per optional member left out and per nullable member set to null", () => {
        const labels = replyVariants("cvm", "DescribeImages", fullReply("cvm", "DescribeImages")).map(
            (v) => v.label,
        );
        assert.deepEqual(labels.sort(), [
            "DescribeImages.ImageSet[0].CdcCacheStatus missing",
            "DescribeImages.ImageSet[0].ImageDeprecated missing",
            "DescribeImages.ImageSet[0].ImageFamily missing",
            "DescribeImages.ImageSet[0].SyncPercent null",
        ]);
    });
});
