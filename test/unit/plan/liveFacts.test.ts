import assert from "node:assert/strict";
import { FactReadError, LiveFacts } from "../../../provider/plan/liveFacts";
import { FakeBackend, makeImage } from "./fakeBackend";

const R = "ap-guangzhou";

describe("plan/liveFacts", () => {
    let backend: FakeBackend;
    let facts: LiveFacts;
    beforeEach(() => {
        backend = new FakeBackend();
        facts = new LiveFacts(backend);
    });

    it("reads regions once, and quota and usage once per region, sharing concurrent calls", async () => {
        backend.quotas[R] = 20;
        backend.images.push(
            makeImage(),
            makeImage(),
            makeImage({ imageType: "PUBLIC_IMAGE" }),
            makeImage({ region: "ap-shanghai" }),
        );
        const answers = await Promise.all([
            facts.regions(),
            facts.regions(),
            facts.quota(R),
            facts.quota(R),
            facts.customImageCount(R),
        ]);
        assert.equal(answers[2], 20);
        assert.equal(answers[4], 2);
        await facts.quota(R);
        await facts.customImageCount(R);
        await facts.customImageCount("ap-shanghai");
        assert.equal(backend.count("describeRegions"), 1);
        assert.equal(backend.count("describeImageQuota"), 1);
        assert.equal(backend.count("countImages"), 2);
    });

    it("answers own and shared images from one listing per region; others by ID, batched", async () => {
        const own = makeImage();
        const shared = makeImage({ imageType: "SHARED_IMAGE" });
        const pub1 = makeImage({ imageType: "PUBLIC_IMAGE" });
        const pub2 = makeImage({ imageType: "PUBLIC_IMAGE" });
        backend.images.push(own, shared, pub1, pub2);
        const found = await Promise.all([
            facts.image(R, own.imageId),
            facts.image(R, shared.imageId),
            facts.image(R, pub1.imageId),
            facts.image(R, pub2.imageId),
            facts.image(R, "img-missing0"),
        ]);
        assert.deepEqual(
            found.map((i) => i?.imageId),
            [own.imageId, shared.imageId, pub1.imageId, pub2.imageId, undefined],
        );
        assert.equal(backend.count("listImages"), 1);
        assert.deepEqual(
            backend.log.filter((l) => l.startsWith("describeImagesByIds")),
            [`describeImagesByIds ${R} ${pub1.imageId},${pub2.imageId},img-missing0`],
        );
        // Asked again, one after another: all memoized, including "not found".
        for (const id of [own.imageId, pub1.imageId, "img-missing0"]) await facts.image(R, id);
        assert.equal(backend.count(), 2);
        assert.deepEqual(
            (await facts.imagesNamed(R, own.imageName)).map((i) => i.imageId),
            [own.imageId],
        );
        assert.equal(backend.count(), 2);
    });

    it("batches instances and snapshots asked for in the same turn, in batches of 100", async () => {
        backend.instances[R] = Array.from({ length: 150 }, (_, i) => ({
            instanceId: `ins-${String(i).padStart(8, "0")}`,
            instanceName: "",
            instanceState: "RUNNING",
            systemDiskId: "disk-00000000",
            dataDiskIds: [],
        }));
        const got = await Promise.all(backend.instances[R].map((i) => facts.instance(R, i.instanceId)));
        assert.equal(got.filter(Boolean).length, 150);
        assert.equal(backend.count("describeInstances"), 2);
        backend.snapshots[R] = [
            { snapshotId: "snap-00000001", diskUsage: "SYSTEM_DISK", snapshotState: "NORMAL" },
        ];
        const [a, b] = await Promise.all([
            facts.snapshot(R, "snap-00000001"),
            facts.snapshot(R, "snap-00000002"),
        ]);
        assert.equal(a?.diskUsage, "SYSTEM_DISK");
        assert.equal(b, undefined);
        assert.equal(backend.count("describeSnapshots"), 1);
        await facts.snapshot(R, "snap-00000002");
        assert.equal(backend.count("describeSnapshots"), 1);
    });

    it("reads share permissions once per image", async () => {
        backend.shares["img-aaaaaaaa"] = [{ accountId: "100000000002", createdTime: "2026-01-01T00:00:00Z" }];
        await Promise.all([
            facts.sharePermissions(R, "img-aaaaaaaa"),
            facts.sharePermissions(R, "img-aaaaaaaa"),
        ]);
        assert.deepEqual(await facts.sharePermissions(R, "img-aaaaaaaa"), backend.shares["img-aaaaaaaa"]);
        assert.equal(backend.count("describeSharePermission"), 1);
    });

    it("300 resources in 5 regions: calls grow with regions, not resources", async () => {
        const regions = ["ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-singapore", "ap-tokyo"];
        const images = regions.flatMap((region) => Array.from({ length: 60 }, () => makeImage({ region })));
        backend.images.push(...images);
        // One resource after another, as the engine checks them.
        for (const image of images) {
            await facts.regions();
            await facts.image(image.region, image.imageId);
            await facts.imagesNamed(image.region, image.imageName);
            await facts.quota(image.region);
            await facts.customImageCount(image.region);
        }
        assert.equal(backend.count(), 1 + 3 * regions.length);
        assert.equal(backend.count("describeImagesByIds"), 0);
    });

    it("never makes a mutating call", async () => {
        backend.images.push(makeImage());
        await Promise.all([facts.regions(), facts.image(R, backend.images[0].imageId), facts.quota(R)]);
        assert.ok(
            backend.log.every(
                (l) => l.startsWith("describe") || l.startsWith("list") || l.startsWith("count"),
            ),
        );
    });

    it("a failed read names the fact and why, and is retried by the next caller", async () => {
        backend.failing.describeImageQuota = new Error("AuthFailure.SignatureFailure (RequestId r-1)");
        await assert.rejects(facts.quota(R), (e: unknown) => {
            assert.ok(e instanceof FactReadError);
            assert.equal(
                e.message,
                "Could not read the custom-image quota of ap-guangzhou (DescribeImageQuota) from Tencent Cloud: AuthFailure.SignatureFailure (RequestId r-1)",
            );
            return true;
        });
        delete backend.failing.describeImageQuota;
        assert.equal(await facts.quota(R), 10);
        assert.equal(backend.count("describeImageQuota"), 2);
        backend.failing.describeInstances = new Error("connect ECONNREFUSED");
        await assert.rejects(
            facts.instance(R, "ins-aaaaaaaa"),
            /Could not read instances ins-aaaaaaaa in ap-guangzhou \(DescribeInstances\).*ECONNREFUSED/,
        );
        delete backend.failing.describeInstances;
        assert.equal(await facts.instance(R, "ins-aaaaaaaa"), undefined);
        assert.equal(backend.count("describeInstances"), 2);
    });
});
