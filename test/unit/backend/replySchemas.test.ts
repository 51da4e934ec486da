import { strict as assert } from "node:assert";
import {
    describeImageFromFamilyReply,
    describeImagesReply,
    describeIssues,
    envelopeSchema,
    imageSchema,
    isoTimestamp,
    syncImagesReply,
} from "../../../provider/backend/replySchemas";
import { apiImage } from "./helpers";

describe("reply schemas", () => {
    it("timestamps: Z and +00:00 both parse, normalised to Z; other offsets converted", () => {
        assert.equal(isoTimestamp.parse("2022-03-21T08:41:45Z"), "2022-03-21T08:41:45Z");
        assert.equal(isoTimestamp.parse("2020-09-22T00:00:00+00:00"), "2020-09-22T00:00:00Z");
        assert.equal(isoTimestamp.parse("2020-09-22T08:00:00+08:00"), "2020-09-22T00:00:00Z");
        assert.equal(isoTimestamp.safeParse("2020-09-22 00:00:00").success, false);
    });

    it("Image: nullable SyncPercent, missing optional fields, MARKET_IMAGE, USING", () => {
        const parsed = imageSchema.parse(
            apiImage({
                SyncPercent: null,
                ImageType: "MARKET_IMAGE",
                ImageState: "USING",
                IsSupportCloudinit: undefined,
                LicenseType: undefined,
                Tags: undefined,
                NotInTheSpecYet: "extra fields are ignored",
            }),
        );
        assert.equal(parsed.SyncPercent, null);
        assert.equal("NotInTheSpecYet" in parsed, false);
        assert.deepEqual(parsed.Tags, []);
        assert.equal(parsed.ImageType, "MARKET_IMAGE");
    });

    it("Image: ImageFamily and ImageDeprecated read when given, and may be missing or null", () => {
        const given = imageSchema.parse(apiImage({ ImageFamily: "web", ImageDeprecated: true }));
        assert.deepEqual([given.ImageFamily, given.ImageDeprecated], ["web", true]);
        for (const value of [undefined, null]) {
            const parsed = imageSchema.parse(apiImage({ ImageFamily: value, ImageDeprecated: value }));
            assert.equal(parsed.ImageFamily ?? undefined, undefined);
            assert.equal(parsed.ImageDeprecated ?? undefined, undefined);
        }
        assert.equal(imageSchema.safeParse(apiImage({ ImageDeprecated: "true" })).success, false);
    });

    it("DescribeImageFromFamily: Image may be null or missing", () => {
        assert.equal(describeImageFromFamilyReply.parse({ Image: null }).Image, null);
        assert.equal(describeImageFromFamilyReply.parse({}).Image, undefined);
        assert.equal(
            describeImageFromFamilyReply.parse({ Image: apiImage() }).Image?.ImageId,
            "img-aaaaaaaa",
        );
    });

    it("Image: strict on the fields the provider relies on", () => {
        for (const [field, value] of [
            ["ImageId", undefined],
            ["ImageState", ""],
            ["ImageType", 3],
            ["ImageSize", "50"],
            ["SyncPercent", 101],
            ["CreatedTime", "yesterday"],
        ] as const) {
            const result = imageSchema.safeParse(apiImage({ [field]: value }));
            assert.equal(result.success, false, field);
            assert.match(describeIssues(result.error!).join(";"), new RegExp(`^${field}: `), field);
        }
    });

    it("Image: an ImageState or ImageType the provider has never seen is kept as it reads", () => {
        const parsed = imageSchema.parse(apiImage({ ImageState: "MELTING", ImageType: "FUTURE_IMAGE" }));
        assert.equal(parsed.ImageState, "MELTING");
        assert.equal(parsed.ImageType, "FUTURE_IMAGE");
    });

    it("issue paths name nested fields", () => {
        const result = describeImagesReply.safeParse({
            TotalCount: 1,
            ImageSet: [apiImage({ SnapshotSet: [{ SnapshotId: "s" }] })],
        });
        assert.equal(result.success, false);
        assert.match(describeIssues(result.error!)[0], /^ImageSet\[0\]\.SnapshotSet\[0\]\.DiskUsage: /);
    });

    it("envelope: success and error forms; RequestId required", () => {
        assert.equal(
            envelopeSchema.safeParse({ Response: { RequestId: "r", ImageId: "img-1" } }).success,
            true,
        );
        const error = envelopeSchema.parse({
            Response: { RequestId: "r", Error: { Code: "X", Message: "m" } },
        });
        assert.equal(error.Response.Error?.Code, "X");
        assert.equal(envelopeSchema.safeParse({ Response: { ImageId: "img-1" } }).success, false);
        assert.equal(envelopeSchema.safeParse({ ImageId: "img-1" }).success, false);
    });

    it("SyncImages: ImageSet defaults to [] when left out", () => {
        assert.deepEqual(syncImagesReply.parse({}), { ImageSet: [] });
    });
});
