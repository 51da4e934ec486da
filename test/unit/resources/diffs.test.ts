import { strict as assert } from "node:assert";
import { diffCustomImage, diffImageCopy, diffImageShare } from "../../../provider/resources/diffs";
import { UNKNOWN } from "../../../provider/plan/unknown";

const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };
const inPlace = { changes: true, replaces: [], deleteBeforeReplace: false };
const replace = (...props: string[]) => ({ changes: true, replaces: props, deleteBeforeReplace: false });

describe("diff", () => {
    describe("CustomImage", () => {
        const inputs = {
            __logicalName: "web",
            region: "ap-guangzhou",
            imageName: "web-1",
            description: "d",
            source: { instanceId: "ins-aaaaaaaa", dataDiskIds: ["disk-00000001", "disk-00000002"] },
            tags: { team: "web", env: "prod" },
            deleteSnapshotsOnDelete: true,
            timeoutMinutes: 30,
        };
        const outputs = {
            ...inputs,
            imageId: "img-aaaaaaaa",
            imageState: "NORMAL",
            imageType: "PRIVATE_IMAGE",
            snapshotIds: ["snap-1"],
        };

        it("reports no change for the same inputs (outputs-only keys and __logicalName ignored)", () => {
            assert.deepEqual(
                diffCustomImage(outputs, { ...inputs, __logicalName: "renamed-logical" }),
                NO_CHANGE,
            );
        });

        for (const [prop, value] of [
            ["imageName", "web-2"],
            ["description", "other"],
            ["tags", { team: "web" }],
            ["deleteSnapshotsOnDelete", false],
            ["timeoutMinutes", 90],
        ] as const) {
            it(`updates ${prop} in place`, () => {
                assert.deepEqual(diffCustomImage(outputs, { ...inputs, [prop]: value }), inPlace);
            });
        }

        it("deletes before replacing when the replacement keeps the name in the same region", () => {
            const sameName = diffCustomImage(outputs, {
                ...inputs,
                source: { snapshotIds: ["snap-aaaaaaaa"] },
            });
            assert.equal(sameName.deleteBeforeReplace, true, "names are unique per region");
            const otherRegion = diffCustomImage(outputs, { ...inputs, region: "ap-shanghai" });
            assert.equal(otherRegion.deleteBeforeReplace, false, "a new region has no clash: create first");
            const rename = diffCustomImage(outputs, { ...inputs, imageName: "web-2" });
            assert.equal(rename.deleteBeforeReplace, false, "no replacement, nothing deleted");
        });

        it("replaces on region and on source", () => {
            assert.deepEqual(
                diffCustomImage(outputs, { ...inputs, region: "ap-shanghai" }),
                replace("region"),
            );
            assert.deepEqual(
                diffCustomImage(outputs, {
                    ...inputs,
                    imageName: "web-2",
                    source: { snapshotIds: ["snap-aaaaaaaa"] },
                }),
                replace("source"),
            );
            assert.deepEqual(
                diffCustomImage(outputs, {
                    ...inputs,
                    source: { ...inputs.source, instanceId: "ins-bbbbbbbb" },
                }),
                { ...replace("source"), deleteBeforeReplace: true },
            );
            assert.deepEqual(
                diffCustomImage(outputs, { ...inputs, region: "ap-shanghai", imageName: "x" }),
                replace("region"),
            );
        });

        it("ignores the order of data disks and tag keys, and creation-time switches", () => {
            const news = {
                ...inputs,
                source: {
                    ...inputs.source,
                    dataDiskIds: ["disk-00000002", "disk-00000001"],
                    forcePoweroff: true,
                },
                tags: { env: "prod", team: "web" },
                adoptExisting: true,
            };
            assert.deepEqual(diffCustomImage(outputs, news), NO_CHANGE);
        });

        it("treats absent as the default", () => {
            const bare = {
                __logicalName: "web",
                region: "ap-guangzhou",
                imageName: "n",
                source: { snapshotIds: ["s"] },
            };
            const withDefaults = {
                ...bare,
                description: "",
                tags: {},
                deleteSnapshotsOnDelete: false,
                timeoutMinutes: 60,
                source: { snapshotIds: ["s"] },
            };
            assert.deepEqual(diffCustomImage(bare, withDefaults), NO_CHANGE);
            assert.deepEqual(diffCustomImage(withDefaults, bare), NO_CHANGE);
            // imports wait 120 minutes by default
            const imp = {
                ...bare,
                source: {
                    import: {
                        imageUrl: "http://x",
                        osType: "CentOS",
                        osVersion: "7",
                        architecture: "x86_64",
                    },
                },
            };
            assert.deepEqual(diffCustomImage(imp, { ...imp, timeoutMinutes: 120 }), NO_CHANGE);
            assert.deepEqual(diffCustomImage(imp, { ...imp, timeoutMinutes: 60 }), inPlace);
            // sysprep absent = false
            assert.deepEqual(
                diffCustomImage(outputs, { ...inputs, source: { ...inputs.source, sysprep: false } }),
                NO_CHANGE,
            );
            assert.deepEqual(
                diffCustomImage(outputs, { ...inputs, source: { ...inputs.source, sysprep: true } }),
                { ...replace("source"), deleteBeforeReplace: true },
            );
        });

        it("keeps the region when the new region is absent", () => {
            const { region: _r, ...news } = inputs;
            assert.deepEqual(diffCustomImage(outputs, news), NO_CHANGE);
        });

        it("counts unknown new values as changes of that property", () => {
            assert.deepEqual(diffCustomImage(outputs, { ...inputs, imageName: UNKNOWN }), inPlace);
            assert.deepEqual(diffCustomImage(outputs, { ...inputs, tags: { team: UNKNOWN } }), inPlace);
            assert.deepEqual(diffCustomImage(outputs, { ...inputs, source: { instanceId: UNKNOWN } }), {
                ...replace("source"),
                deleteBeforeReplace: true,
            });
            assert.deepEqual(diffCustomImage(outputs, { ...inputs, region: UNKNOWN }), replace("region"));
        });
    });

    describe("ImageShare", () => {
        const inputs = {
            __logicalName: "share",
            imageId: "img-aaaaaaaa",
            region: "ap-guangzhou",
            accountIds: ["100000000002", "100000000003"],
            mode: "additive",
        };
        const outputs = { ...inputs, sharedAccountIds: ["100000000002", "100000000003"], allAccountIds: [] };

        it("ignores account order and treats absent mode as additive", () => {
            const { mode: _m, ...noMode } = inputs;
            assert.deepEqual(
                diffImageShare(outputs, { ...noMode, accountIds: ["100000000003", "100000000002"] }),
                NO_CHANGE,
            );
        });

        it("updates accountIds and mode in place", () => {
            assert.deepEqual(diffImageShare(outputs, { ...inputs, accountIds: ["100000000002"] }), inPlace);
            assert.deepEqual(diffImageShare(outputs, { ...inputs, mode: "authoritative" }), inPlace);
            assert.deepEqual(diffImageShare(outputs, { ...inputs, accountIds: [UNKNOWN] }), inPlace);
        });

        it("replaces on imageId and region, also when unknown", () => {
            assert.deepEqual(
                diffImageShare(outputs, { ...inputs, imageId: "img-bbbbbbbb" }),
                replace("imageId"),
            );
            assert.deepEqual(diffImageShare(outputs, { ...inputs, imageId: UNKNOWN }), replace("imageId"));
            assert.deepEqual(
                diffImageShare(outputs, { ...inputs, region: "ap-shanghai" }),
                replace("region"),
            );
        });
    });

    describe("ImageCopy", () => {
        const inputs = {
            __logicalName: "copies",
            sourceImageId: "img-aaaaaaaa",
            sourceRegion: "ap-guangzhou",
            destinationRegions: ["ap-shanghai", "ap-singapore"],
        };
        const outputs = {
            ...inputs,
            images: { "ap-shanghai": "img-00000001", "ap-singapore": "img-00000002" },
            imageStates: { "ap-shanghai": "NORMAL", "ap-singapore": "NORMAL" },
        };

        it("ignores region order and absent defaults", () => {
            const news = {
                ...inputs,
                destinationRegions: ["ap-singapore", "ap-shanghai"],
                retainCopiesOnDelete: false,
                deleteSnapshotsOnDelete: false,
                timeoutMinutes: 60,
            };
            assert.deepEqual(diffImageCopy(outputs, news), NO_CHANGE);
        });

        it("adds and removes regions in place, judged against the copies that exist", () => {
            assert.deepEqual(
                diffImageCopy(outputs, {
                    ...inputs,
                    destinationRegions: [...inputs.destinationRegions, "ap-beijing"],
                }),
                inPlace,
            );
            assert.deepEqual(
                diffImageCopy(outputs, { ...inputs, destinationRegions: ["ap-shanghai"] }),
                inPlace,
            );
            // a copy dropped by refresh shows as a change even though the stored list still names the region
            const refreshed = { ...outputs, images: { "ap-shanghai": "img-00000001" } };
            assert.deepEqual(diffImageCopy(refreshed, inputs), inPlace);
        });

        for (const [prop, value] of [
            ["imageName", "renamed"],
            ["retainCopiesOnDelete", true],
            ["deleteSnapshotsOnDelete", true],
            ["timeoutMinutes", 5],
            ["destinationRegions", UNKNOWN],
            ["tags", { env: "prod" }],
            ["tags", UNKNOWN],
        ] as const) {
            it(`updates ${prop} in place (${JSON.stringify(value)})`, () => {
                assert.deepEqual(diffImageCopy(outputs, { ...inputs, [prop]: value }), inPlace);
            });
        }

        it("tags: absent (the source's tags) differs from no tags; key order does not count", () => {
            assert.deepEqual(diffImageCopy(outputs, { ...inputs, tags: {} }), inPlace);
            const tagged = { ...outputs, tags: { a: "1", b: "2" } };
            assert.deepEqual(diffImageCopy(tagged, { ...inputs, tags: { b: "2", a: "1" } }), NO_CHANGE);
            assert.deepEqual(diffImageCopy(tagged, inputs), inPlace);
        });

        it("replaces on sourceImageId and sourceRegion", () => {
            assert.deepEqual(
                diffImageCopy(outputs, { ...inputs, sourceImageId: "img-bbbbbbbb" }),
                replace("sourceImageId"),
            );
            assert.deepEqual(
                diffImageCopy(outputs, { ...inputs, sourceImageId: UNKNOWN }),
                replace("sourceImageId"),
            );
            assert.deepEqual(
                diffImageCopy(outputs, {
                    ...inputs,
                    sourceRegion: "ap-beijing",
                    destinationRegions: ["ap-shanghai"],
                }),
                replace("sourceRegion"),
            );
        });
    });
});
