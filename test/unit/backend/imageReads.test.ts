import { strict as assert } from "node:assert";
import { TencentCloudApiError } from "../../../provider/backend/errors";
import { BatchedImageReads } from "../../../provider/backend/imageReads";
import type { Image, ImageBackend } from "../../../provider/backend/types";
import { domainImage } from "./helpers";

/** A backend that knows some images and records every DescribeImages by IDs. */
function fakeBackend(known: string[], refuseBatchesWith?: string) {
    const calls: Array<{ region: string; ids: string[] }> = [];
    const backend = {
        describeImagesByIds: (region: string, ids: string[]): Promise<Image[]> => {
            calls.push({ region, ids: [...ids] });
            const missing = ids.filter((id) => !known.includes(id));
            if (refuseBatchesWith && missing.length > 0) {
                return Promise.reject(
                    new TencentCloudApiError({
                        service: "cvm",
                        action: "DescribeImages",
                        region,
                        code: refuseBatchesWith,
                        apiMessage: "not found",
                        requestId: "r-1",
                    }),
                );
            }
            return Promise.resolve(
                ids.filter((id) => known.includes(id)).map((id) => domainImage(id, region, "NORMAL")),
            );
        },
    } as unknown as ImageBackend;
    return { backend, calls };
}

describe("BatchedImageReads", () => {
    it("makes one DescribeImages per region for every ID asked for in the same turn", async () => {
        const { backend, calls } = fakeBackend(["img-1", "img-2", "img-3", "img-9"]);
        const reads = new BatchedImageReads(backend);
        const [one, two, both, other] = await Promise.all([
            reads.image("ap-guangzhou", "img-1"),
            reads.image("ap-guangzhou", "img-2"),
            reads.images("ap-guangzhou", ["img-2", "img-3", "img-404"]),
            reads.image("ap-shanghai", "img-9"),
        ]);
        assert.deepEqual(calls, [
            { region: "ap-guangzhou", ids: ["img-1", "img-2", "img-3", "img-404"] },
            { region: "ap-shanghai", ids: ["img-9"] },
        ]);
        assert.equal(one?.imageId, "img-1");
        assert.equal(two?.imageId, "img-2");
        assert.deepEqual([...both.keys()], ["img-2", "img-3"]);
        assert.equal(other?.region, "ap-shanghai");
    });

    it("remembers nothing: a later turn asks again (answers are as fresh as their call)", async () => {
        const { backend, calls } = fakeBackend(["img-1"]);
        const reads = new BatchedImageReads(backend);
        await reads.image("ap-guangzhou", "img-1");
        await reads.image("ap-guangzhou", "img-1");
        assert.equal(calls.length, 2);
    });

    it("an ID the service refuses as unknown does not fail the others: each is asked alone", async () => {
        const { backend, calls } = fakeBackend(["img-1"], "InvalidImageId.NotFound");
        const reads = new BatchedImageReads(backend);
        const [found, gone] = await Promise.all([
            reads.image("ap-guangzhou", "img-1"),
            reads.image("ap-guangzhou", "img-404"),
        ]);
        assert.equal(found?.imageId, "img-1");
        assert.equal(gone, undefined);
        assert.deepEqual(
            calls.map((c) => c.ids),
            [["img-1", "img-404"], ["img-1"], ["img-404"]],
        );
    });

    it("any other failure reaches every reader of the call", async () => {
        const backend = {
            describeImagesByIds: () => Promise.reject(new Error("connection reset")),
        } as unknown as ImageBackend;
        const reads = new BatchedImageReads(backend);
        const results = await Promise.allSettled([
            reads.image("ap-guangzhou", "img-1"),
            reads.image("ap-guangzhou", "img-2"),
        ]);
        assert.deepEqual(
            results.map((r) => r.status === "rejected" && (r.reason as Error).message),
            ["connection reset", "connection reset"],
        );
    });
});
