import assert from "node:assert/strict";
import { checkSchemaOf, validateShape } from "../../../provider/plan/shape";
import { issuesToFailures } from "../../../provider/plan/schemaFailures";
import type { CheckFailure } from "../../../provider/plan/failures";
import type { ResourceKind } from "../../../provider/model/kinds";
import { customImageDeclaration } from "../../../provider/model/customImage";
import { imageShareDeclaration } from "../../../provider/model/imageShare";
import { imageCopyDeclaration } from "../../../provider/model/imageCopy";
import { imageRetentionDeclaration } from "../../../provider/model/imageRetention";
import { UNKNOWN } from "../../../provider/plan/unknown";

const DECLARATIONS = {
    CustomImage: customImageDeclaration,
    ImageShare: imageShareDeclaration,
    ImageCopy: imageCopyDeclaration,
    ImageRetention: imageRetentionDeclaration,
} as const;

function failuresOf(kind: ResourceKind, input: Record<string, unknown>): CheckFailure[] {
    const result = validateShape(DECLARATIONS[kind], input);
    return result.ok ? [] : result.failures;
}

function reasons(kind: ResourceKind, input: Record<string, unknown>): string {
    return failuresOf(kind, input)
        .map((f) => `${f.property}|${f.reason}`)
        .join("\n");
}

const image = {
    __logicalName: "web",
    region: "ap-guangzhou",
    imageName: "web",
    source: { instanceId: "ins-2v3sqe2t" },
    family: "",
    deprecated: false,
};
const share = {
    __logicalName: "s",
    imageId: "img-gvbnzy6f",
    region: "ap-guangzhou",
    accountIds: ["100000000002"],
    mode: "additive",
};
const copy = {
    __logicalName: "c",
    sourceImageId: "img-gvbnzy6f",
    sourceRegion: "ap-guangzhou",
    destinationRegions: ["ap-shanghai"],
};

describe("plan/shape: the check schema of each property table", () => {
    it("accepts valid inputs of all three resources, with extra keys like __provider", () => {
        assert.deepEqual(failuresOf("CustomImage", { ...image, __provider: "x" }), []);
        assert.deepEqual(failuresOf("ImageShare", share), []);
        assert.deepEqual(failuresOf("ImageCopy", copy), []);
        assert.deepEqual(
            failuresOf("CustomImage", {
                ...image,
                description: "d".repeat(256),
                imageName: "n".repeat(60),
                tags: { env: "prod" },
                deleteSnapshotsOnDelete: true,
                adoptExisting: false,
                timeoutMinutes: 30,
                source: {
                    instanceId: "ins-2v3sqe2t",
                    dataDiskIds: ["disk-8pl1rzxa"],
                    forcePoweroff: true,
                    sysprep: false,
                },
            }),
            [],
        );
        assert.deepEqual(
            failuresOf("CustomImage", { ...image, source: { snapshotIds: ["snap-4l2rz0ab"] } }),
            [],
        );
        assert.deepEqual(
            failuresOf("CustomImage", {
                ...image,
                source: {
                    import: {
                        imageUrl: "https://bucket.cos.ap-guangzhou.myqcloud.com/a.qcow2",
                        osType: "CentOS",
                        osVersion: "7",
                        architecture: "arm_64",
                        bootMode: "UEFI",
                        licenseType: "BYOL",
                        force: true,
                    },
                },
            }),
            [],
        );
    });

    it("does not judge unknown values at any depth", () => {
        const u = UNKNOWN;
        assert.deepEqual(
            failuresOf("CustomImage", {
                __logicalName: "w",
                region: u,
                imageName: u,
                source: u,
                tags: u,
                description: u,
                family: u,
                deprecated: u,
            }),
            [],
        );
        assert.deepEqual(
            failuresOf("CustomImage", {
                ...image,
                source: { instanceId: u, dataDiskIds: [u, "disk-8pl1rzxa"] },
                tags: { a: u },
            }),
            [],
        );
        assert.deepEqual(
            failuresOf("ImageShare", { ...share, imageId: u, accountIds: [u, u, "100000000002"] }),
            [],
        );
        assert.deepEqual(failuresOf("ImageShare", { ...share, accountIds: u, region: u, mode: u }), []);
        assert.deepEqual(
            failuresOf("ImageCopy", { ...copy, sourceRegion: u, destinationRegions: [u, "ap-guangzhou"] }),
            [],
        );
    });

    it("imageName: at most 60 characters, message names resource, value, rule and fix", () => {
        const f = failuresOf("CustomImage", { ...image, imageName: "a".repeat(73) });
        assert.equal(f.length, 1);
        assert.equal(f[0].property, "imageName");
        assert.match(
            f[0].reason,
            /^CustomImage "web": imageName "a+…" is 73 characters; Tencent Cloud allows at most 60: shorten it$/,
        );
        assert.match(reasons("CustomImage", { ...image, imageName: "" }), /imageName is empty/);
        assert.match(
            reasons("ImageCopy", { ...copy, imageName: "x".repeat(61) }),
            /imageName .* is 61 characters/,
        );
    });

    it('family: the image-family format ("" = none), message names resource, property, rule and fix', () => {
        for (const family of ["", "web", "business-daily-update", "Web_2.x-y", "a".repeat(60)]) {
            assert.deepEqual(failuresOf("CustomImage", { ...image, family }), [], family);
        }
        for (const family of ["web app", "2024-web", "-web", "a".repeat(61), "web/prod", "网站"]) {
            const f = failuresOf("CustomImage", { ...image, family });
            assert.equal(f.length, 1, family);
            assert.equal(f[0].property, "family");
            assert.match(
                f[0].reason,
                /^CustomImage "web": family ".*" is not an image family name; Tencent Cloud refuses other family names \(InvalidImageFamily\): use 1 to 60 letters, digits, '\.', '_' or '-', starting with a letter/,
                family,
            );
        }
        assert.match(
            reasons("CustomImage", { ...image, deprecated: "yes" }),
            /^deprecated\|.*must be a boolean/,
        );
    });

    it("description: at most 256 characters", () => {
        assert.match(
            reasons("CustomImage", { ...image, description: "d".repeat(257) }),
            /description .* is 257 characters; Tencent Cloud allows at most 256/,
        );
    });

    it("IDs: image, instance, disk and snapshot formats", () => {
        assert.match(
            reasons("ImageShare", { ...share, imageId: "img-123" }),
            /imageId\|.*imageId "img-123" is not an image ID: they look like img-gvbnzy6f/,
        );
        assert.match(
            reasons("ImageCopy", { ...copy, sourceImageId: "ins-gvbnzy6f" }),
            /sourceImageId "ins-gvbnzy6f" is not an image ID/,
        );
        assert.match(
            reasons("CustomImage", { ...image, source: { instanceId: "ins-1122" } }),
            /source\|.*source.instanceId "ins-1122" is not an instance ID/,
        );
        assert.match(
            reasons("CustomImage", {
                ...image,
                source: { instanceId: "ins-2v3sqe2t", dataDiskIds: ["snap-4l2rz0ab"] },
            }),
            /source.dataDiskIds\[0\] "snap-4l2rz0ab" is not a cloud disk ID/,
        );
        assert.match(
            reasons("CustomImage", { ...image, source: { snapshotIds: ["snap-1"] } }),
            /source.snapshotIds\[0\] "snap-1" is not a snapshot ID/,
        );
    });

    it("account IDs: digit strings of 5 to 20 digits, no duplicates, at least one", () => {
        assert.match(
            reasons("ImageShare", { ...share, accountIds: ["abc"] }),
            /accountIds\[0\] "abc" is not a root-account ID/,
        );
        assert.match(
            reasons("ImageShare", { ...share, accountIds: ["1234"] }),
            /accountIds\[0\] "1234" is not a root-account ID/,
        );
        assert.match(
            reasons("ImageShare", { ...share, accountIds: ["100000000002", "100000000003", "100000000002"] }),
            /accountIds\[2\] "100000000002" is listed twice; each account may appear once: remove the duplicate/,
        );
        assert.match(reasons("ImageShare", { ...share, accountIds: [] }), /accountIds is empty/);
        assert.match(
            reasons("ImageShare", { ...share, accountIds: "100000000002" }),
            /accountIds must be a list, not a string/,
        );
    });

    it("mode: additive or authoritative", () => {
        assert.match(
            reasons("ImageShare", { ...share, mode: "exclusive" }),
            /mode "exclusive" is not one of "additive", "authoritative"/,
        );
        assert.deepEqual(failuresOf("ImageShare", { ...share, mode: "authoritative" }), []);
    });

    it("regions: a region ID's shape, with the nearest known region suggested", () => {
        assert.match(
            reasons("CustomImage", { ...image, region: "Guangzhou" }),
            /region "Guangzhou" is not a region ID: region IDs look like ap-guangzhou; did you mean ap-guangzhou\?/,
        );
        assert.match(
            reasons("ImageCopy", { ...copy, destinationRegions: ["ap_tokyo"] }),
            /destinationRegions\[0\] "ap_tokyo" is not a region ID.*did you mean ap-tokyo\?/,
        );
        assert.match(reasons("ImageShare", { ...share, region: "Mars" }), /known regions: ap-guangzhou/);
    });

    it("a missing region says where to set it", () => {
        const { region: _region, ...noRegion } = image;
        assert.match(
            reasons("CustomImage", noRegion),
            /^region\|CustomImage "web": region is required: set region on the resource, or the provider setting \(pulumi config set tencentcloud-images:region/,
        );
        const { sourceRegion: _sourceRegion, ...noSourceRegion } = copy;
        assert.match(
            reasons("ImageCopy", noSourceRegion),
            /sourceRegion is required: set sourceRegion on the resource/,
        );
    });

    it("required properties and __logicalName", () => {
        assert.match(
            reasons("CustomImage", { __logicalName: "w", region: "ap-guangzhou" }),
            /imageName is required[\s\S]*source is required/,
        );
        const { __logicalName: _name, ...unnamed } = image;
        assert.match(reasons("CustomImage", unnamed), /CustomImage "\(unnamed\)": __logicalName is required/);
    });

    it("source: exactly one of instanceId, snapshotIds, import", () => {
        assert.match(
            reasons("CustomImage", {
                ...image,
                source: { instanceId: "ins-2v3sqe2t", snapshotIds: ["snap-4l2rz0ab"] },
            }),
            /source has instanceId and snapshotIds; exactly one of source.instanceId, source.snapshotIds or source.import is allowed: keep one/,
        );
        assert.match(reasons("CustomImage", { ...image, source: {} }), /source names no image source/);
        assert.match(
            reasons("CustomImage", {
                ...image,
                source: { snapshotIds: ["snap-4l2rz0ab"], forcePoweroff: true },
            }),
            /source.forcePoweroff only applies to an instance source/,
        );
        assert.match(
            reasons("CustomImage", { ...image, source: { instanceID: "ins-2v3sqe2t" } }),
            /source has an unknown property instanceID/,
        );
        assert.match(
            reasons("CustomImage", { ...image, source: { snapshotIds: ["snap-4l2rz0ab", "snap-4l2rz0ab"] } }),
            /snapshotIds\[1\] .* is listed twice/,
        );
        assert.match(
            reasons("CustomImage", {
                ...image,
                source: { instanceId: "ins-2v3sqe2t", dataDiskIds: ["disk-8pl1rzxa", "disk-8pl1rzxa"] },
            }),
            /dataDiskIds\[1\] .* is listed twice/,
        );
    });

    it("import source: URL, OS, architecture, boot mode, licence type", () => {
        const imp = {
            imageUrl: "https://b.cos/x.raw",
            osType: "CentOS",
            osVersion: "7",
            architecture: "x86_64",
        };
        const r = (over: Record<string, unknown>) =>
            reasons("CustomImage", { ...image, source: { import: { ...imp, ...over } } });
        assert.match(
            r({ imageUrl: "cos://b/x" }),
            /source.import.imageUrl "cos:\/\/b\/x" is not an http\(s\) URL/,
        );
        assert.match(
            r({ architecture: "arm" }),
            /source.import.architecture "arm" is not one of "x86_64", "i386", "arm_64"/,
        );
        assert.match(
            r({ bootMode: "BIOS" }),
            /source.import.bootMode "BIOS" is not one of "Legacy BIOS", "UEFI"/,
        );
        assert.match(
            r({ licenseType: "byol" }),
            /source.import.licenseType "byol" is not one of "TencentCloud", "BYOL"/,
        );
        assert.match(r({ osType: "" }), /source.import.osType is empty/);
        assert.match(r({ osVersion: undefined }), /source.import.osVersion is required/);
        assert.match(
            r({ architecture: undefined }),
            /source.import.architecture is required: set it to one of "x86_64", "i386", "arm_64"/,
        );
        assert.match(r({ force: "yes" }), /source.import.force must be a boolean, not a string/);
    });

    it("tags: count, key and value rules, reserved prefixes", () => {
        const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
        assert.match(
            reasons("CustomImage", { ...image, tags: many }),
            /tags has 49 tags; Tencent Cloud allows at most 50 per image and this package uses 2 to recognise its own images, so at most 48/,
        );
        const fortyEight = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"]));
        assert.deepEqual(failuresOf("CustomImage", { ...image, tags: fortyEight }), []);
        assert.match(
            reasons("CustomImage", { ...image, tags: { "qcs:x": "v" } }),
            /^tags\|.*tag key "qcs:x" starts with "qcs:", which Tencent Cloud reserves: change it/,
        );
        assert.match(
            reasons("CustomImage", { ...image, tags: { k: 5 } }),
            /tags.k must be a string, not a number/,
        );
    });

    it("tags: the package's marker keys are refused (they would be overwritten and drift forever)", () => {
        for (const key of ["pulumi-images:name", "pulumi-images:managed-by", "pulumi-images:other"]) {
            assert.match(
                reasons("CustomImage", { ...image, tags: { [key]: "x" } }),
                new RegExp(
                    `^tags\\|.*tag key "${key}" is reserved: keys starting with "pulumi-images:" are the marker tags this package sets .*: use another key`,
                ),
            );
        }
        assert.deepEqual(failuresOf("CustomImage", { ...image, tags: { "pulumi-image": "x" } }), []);
    });

    it("ImageCopy tags: the same rules as a CustomImage's, unknown values allowed", () => {
        assert.deepEqual(failuresOf("ImageCopy", { ...copy, tags: { env: "prod", team: UNKNOWN } }), []);
        assert.deepEqual(failuresOf("ImageCopy", { ...copy, tags: UNKNOWN }), []);
        assert.match(
            reasons("ImageCopy", { ...copy, tags: { "pulumi-images:name": "x" } }),
            /^tags\|ImageCopy "c": tags: tag key "pulumi-images:name" is reserved/,
        );
        assert.match(
            reasons("ImageCopy", { ...copy, tags: { "qcs:x": "v" } }),
            /^tags\|ImageCopy "c": tags: tag key "qcs:x" starts with "qcs:"/,
        );
        const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
        assert.match(reasons("ImageCopy", { ...copy, tags: many }), /tags has 49 tags/);
        assert.match(reasons("ImageCopy", { ...copy, tags: ["a"] }), /^tags\|.*tags must be a record/);
    });

    it("timeoutMinutes: a whole number from 1 to 1440", () => {
        assert.match(
            reasons("CustomImage", { ...image, timeoutMinutes: 0 }),
            /timeoutMinutes is 0; at least 1 is required/,
        );
        assert.match(
            reasons("ImageCopy", { ...copy, timeoutMinutes: 2000 }),
            /timeoutMinutes is 2000; at most 1440 is allowed/,
        );
        assert.match(
            reasons("CustomImage", { ...image, timeoutMinutes: 2.5 }),
            /timeoutMinutes is 2.5: use a whole number/,
        );
    });

    it("copy: destinations distinct, not the source region, at least one", () => {
        assert.match(
            reasons("ImageCopy", { ...copy, destinationRegions: ["ap-shanghai", "ap-guangzhou"] }),
            /^destinationRegions\|ImageCopy "c": destinationRegions includes the source region ap-guangzhou; a custom image cannot be copied to its own region: remove ap-guangzhou from destinationRegions$/,
        );
        assert.match(
            reasons("ImageCopy", { ...copy, destinationRegions: ["ap-shanghai", "ap-shanghai"] }),
            /destinationRegions\[1\] "ap-shanghai" is listed twice/,
        );
        assert.match(
            reasons("ImageCopy", { ...copy, destinationRegions: [] }),
            /destinationRegions is empty/,
        );
    });

    it("collects every failure of a resource at once", () => {
        const f = failuresOf("CustomImage", {
            __logicalName: "bad",
            region: "x",
            imageName: "n".repeat(61),
            description: "d".repeat(300),
            family: "bad family",
            deprecated: false,
            source: { instanceId: "nope" },
            tags: { project: "x" },
            timeoutMinutes: -1,
        });
        assert.deepEqual(
            f.map((x) => x.property),
            ["region", "imageName", "description", "family", "source", "tags", "timeoutMinutes"],
        );
        assert.ok(f.every((x) => x.reason.startsWith('CustomImage "bad": ')));
    });

    it("issuesToFailures turns a raw zod error into failures", () => {
        const input = { ...image, imageName: 7 };
        const parsed = checkSchemaOf(customImageDeclaration).safeParse(input);
        assert.equal(parsed.success, false);
        const f = issuesToFailures({ kind: "CustomImage", name: "web" }, input, parsed.error!);
        assert.deepEqual(f, [
            {
                property: "imageName",
                reason: 'CustomImage "web": imageName must be a string, not a number: change it',
            },
        ]);
    });
});
