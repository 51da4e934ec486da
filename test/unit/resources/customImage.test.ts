import { strict as assert } from "node:assert";
import { customImage } from "../../../provider/resources/customImageHandler";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, RESOURCE_NAME_TAG } from "../../../provider/markers";
import { startNewRun } from "../../../provider/processContext";
import { rejection, REGION, useFakeCloud } from "./harness";

const MARKERS = { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, [RESOURCE_NAME_TAG]: "web" };

const IMPORT_SOURCE = {
    import: {
        imageUrl: "https://cos.test/x.qcow2",
        osType: "CentOS",
        osVersion: "7",
        architecture: "x86_64",
    },
};

const inputs = {
    __logicalName: "web",
    __provider: "serialized-provider-text",
    region: REGION,
    imageName: "web-2026-11",
    description: "web servers",
    source: { instanceId: "ins-a1b2c3d4", forcePoweroff: true },
    tags: { team: "web" },
    // As the check fills them in.
    family: "",
    deprecated: false,
};

describe("CustomImage provider", () => {
    const h = useFakeCloud();

    describe("check", () => {
        it("fills the region from the stack config given to configure() and keeps __logicalName", async () => {
            const { region: _r, ...news } = inputs;
            const result = await customImage.check({}, news);
            assert.deepEqual(result.failures, []);
            assert.equal(result.inputs?.region, REGION);
            assert.equal(result.inputs?.__logicalName, "web");
        });
    });

    describe("create", () => {
        it("creates from an instance with marker tags, waits for NORMAL with progress, and returns every output", async () => {
            const result = await customImage.create(inputs);
            const [call] = h.cloud.callsOf("CreateImage");
            assert.equal(h.cloud.callsOf("CreateImage").length, 1);
            assert.equal(call.body.InstanceId, "ins-a1b2c3d4");
            assert.equal(call.body.ForcePoweroff, "true");
            assert.deepEqual(call.body.TagSpecification, [
                {
                    ResourceType: "image",
                    Tags: [
                        { Key: "team", Value: "web" },
                        { Key: MANAGED_BY_TAG, Value: MANAGED_BY_VALUE },
                        { Key: RESOURCE_NAME_TAG, Value: "web" },
                    ],
                },
            ]);
            assert.match(result.id, /^img-/);
            const outs = result.outs as Record<string, unknown>;
            assert.equal(outs.imageId, result.id);
            assert.equal(outs.imageState, "NORMAL");
            assert.equal(outs.region, REGION);
            assert.equal(outs.imageType, "PRIVATE_IMAGE");
            assert.equal(outs.architecture, "x86_64");
            assert.equal(outs.imageSizeGb, 50);
            assert.equal(outs.createdTime, "2026-01-01T00:00:00Z");
            assert.equal((outs.snapshotIds as string[]).length, 1);
            assert.equal(outs.imageName, inputs.imageName);
            assert.equal(outs.__logicalName, "web");
            const progress = h.lines.filter((l) => l.includes("waiting for NORMAL"));
            assert.ok(
                progress.some((l) => l.includes("CREATING (")),
                h.lines.join("\n"),
            );
            assert.ok(
                h.lines.some((l) => / NORMAL after \d+s$/.test(l)),
                h.lines.join("\n"),
            );
            assert.ok(
                progress.every((l) =>
                    l.startsWith(`tencentcloud-images: CustomImage "web": ${result.id} in ${REGION}:`),
                ),
            );
        });

        it("imports from a URL", async () => {
            const source = IMPORT_SOURCE;
            const result = await customImage.create({ ...inputs, source });
            const [call] = h.cloud.callsOf("ImportImage");
            assert.equal(call.body.ImageUrl, "https://cos.test/x.qcow2");
            assert.equal(call.body.OsType, "CentOS");
            assert.equal((result.outs as Record<string, unknown>).imageState, "NORMAL");
            assert.equal(h.cloud.callsOf("CreateImage").length, 0);
        });

        it("imports when the ImportImage reply names no image: finds it by name and markers, then waits", async () => {
            h.cloud.importReplyNamesNoImage = true;
            h.cloud.createPlan = [{ state: "IMPORTING" }, { state: "NORMAL" }];
            h.cloud.addImage({ region: REGION, ImageName: `${inputs.imageName}-other` });
            const source = IMPORT_SOURCE;
            const result = await customImage.create({ ...inputs, source });
            const [made] = h.cloud.byName(REGION, inputs.imageName);
            assert.equal(result.id, made.ImageId);
            assert.equal((result.outs as Record<string, unknown>).imageState, "NORMAL");
            assert.equal(h.cloud.callsOf("ImportImage").length, 1);
            const lookups = h.cloud.callsOf("DescribeImages").filter((c) => Array.isArray(c.body.Filters));
            assert.ok(
                lookups.some((c) =>
                    (c.body.Filters as { Name: string; Values: string[] }[]).some(
                        (f) => f.Name === `tag:${RESOURCE_NAME_TAG}` && f.Values[0] === "web",
                    ),
                ),
                "looked up by the resource's marker tag",
            );
        });

        it("joins the family at creation (ImageFamily on CreateImage), and deprecates once NORMAL", async () => {
            const result = await customImage.create({ ...inputs, family: "web", deprecated: true });
            const [call] = h.cloud.callsOf("CreateImage");
            assert.equal(call.body.ImageFamily, "web");
            const [modify] = h.cloud.callsOf("ModifyImageAttribute");
            assert.deepEqual(modify.body, { ImageId: result.id, ImageDeprecated: true });
            const image = h.cloud.images.get(result.id)!;
            assert.deepEqual([image.Family, image.Deprecated], ["web", true]);
            const outs = result.outs as Record<string, unknown>;
            assert.deepEqual([outs.family, outs.deprecated], ["web", true]);
        });

        it("keeps a NORMAL image it could not deprecate in the state, not deprecated, saying to run up again", async () => {
            h.cloud.failNext("ModifyImageAttribute", "FailedOperation");
            const error = await rejection(customImage.create({ ...inputs, deprecated: true }));
            assert.match(error.message, /is NORMAL but could not be marked deprecated/);
            assert.match(error.message, /run `pulumi up` again to mark it deprecated/);
            assert.match(String(error.id), /^img-/);
            const props = error.properties as Record<string, unknown>;
            assert.deepEqual([props.imageState, props.deprecated], ["NORMAL", false]);
        });

        it("sends no ImageFamily and no ModifyImageAttribute for no family and not deprecated", async () => {
            await customImage.create({ ...inputs, family: "", deprecated: false });
            assert.equal("ImageFamily" in h.cloud.callsOf("CreateImage")[0].body, false);
            assert.equal(h.cloud.callsOf("ModifyImageAttribute").length, 0);
        });

        it("refuses to take over an image of the same name it did not make", async () => {
            const other = h.cloud.addImage({ region: REGION, ImageName: inputs.imageName });
            const error = await rejection(customImage.create(inputs));
            assert.match(
                error.message,
                /^CustomImage "web": create failed: an image named "web-2026-11" already exists/,
            );
            assert.match(error.message, new RegExp(other.ImageId));
            assert.match(error.message, /adoptExisting: true/);
            assert.equal(error.id, undefined);
            assert.equal(h.cloud.callsOf("CreateImage").length, 0);
        });

        it("adoptExisting takes over the image, bringing description and tags in line", async () => {
            const other = h.cloud.addImage({
                region: REGION,
                ImageName: inputs.imageName,
                Tags: { old: "x" },
            });
            const result = await customImage.create({ ...inputs, adoptExisting: true });
            assert.equal(result.id, other.ImageId);
            assert.equal(h.cloud.callsOf("CreateImage").length, 0);
            assert.equal(other.ImageDescription, "web servers");
            assert.deepEqual(other.Tags, { team: "web", ...MARKERS });
            assert.ok(h.lines.some((l) => l.includes(`adopting the existing image ${other.ImageId}`)));
        });

        it("uses an image carrying its own marker instead of making a second one", async () => {
            const earlier = h.cloud.addImage({
                region: REGION,
                ImageName: inputs.imageName,
                Tags: { ...MARKERS },
            });
            const result = await customImage.create(inputs);
            assert.equal(result.id, earlier.ImageId);
            assert.equal(h.cloud.callsOf("CreateImage").length, 0);
        });

        it("after a lost CreateImage reply, finds the image by name and marker (no duplicate)", async () => {
            h.cloud.loseReplyOnce("CreateImage");
            const result = await customImage.create(inputs);
            assert.equal(h.cloud.callsOf("CreateImage").length, 1);
            assert.equal(h.cloud.byName(REGION, inputs.imageName).length, 1);
            assert.equal(result.id, h.cloud.byName(REGION, inputs.imageName)[0].ImageId);
            assert.ok(h.lines.some((l) => l.includes("CreateImage reply was lost")));
        });

        it("fails fast on CREATEFAILED, deletes the useless image, and says what to do", async () => {
            h.cloud.createPlan = [{ state: "CREATEFAILED" }];
            const error = await rejection(customImage.create(inputs));
            assert.match(error.message, /^CustomImage "web": create failed: .*CREATEFAILED/);
            assert.match(error.message, /was deleted; fix the source/);
            assert.equal(h.cloud.byName(REGION, inputs.imageName).length, 0);
            assert.equal(error.id, undefined);
        });

        it("keeps an image that exists when the wait fails (id and properties for the engine)", async () => {
            h.cloud.createPlan = [{ state: "CREATING" }, { state: "CREATING" }, { state: "CREATING" }];
            // The waiter gives up after three failed polls in a row; the read afterwards fails too.
            h.cloud.failPolls(4);
            const error = await rejection(customImage.create(inputs));
            const [image] = h.cloud.byName(REGION, inputs.imageName);
            assert.equal(error.id, image.ImageId);
            const props = error.properties as Record<string, unknown>;
            assert.equal(props.imageId, image.ImageId);
            assert.equal(props.__provider, "serialized-provider-text");
            assert.equal(props.imageName, inputs.imageName);
            assert.match(error.message, /run `pulumi up` again to keep waiting/);
        });
    });

    describe("read", () => {
        async function created() {
            const { id, outs } = await customImage.create(inputs);
            return { id, outs: outs as Record<string, unknown> };
        }

        it("returns props and the same inputs when nothing drifted", async () => {
            const { id, outs } = await created();
            const result = await customImage.read(id, outs);
            assert.equal(result.id, id);
            assert.deepEqual(result.props, outs);
            const {
                __provider: _p,
                imageId: _i,
                imageState: _s,
                imageType: _t,
                osName: _o,
                platform: _pl,
                architecture: _a,
                imageSizeGb: _g,
                createdTime: _c,
                snapshotIds: _sn,
                ...expected
            } = outs;
            assert.deepEqual(result.inputs, expected);
        });

        it("returns no undefined value anywhere (the engine's Struct cannot hold one)", async () => {
            const { description: _d, ...noDescription } = inputs as Record<string, unknown>;
            const { id, outs } = await customImage.create({ ...noDescription, imageName: "no-description" });
            const result = await customImage.read(id, outs as Record<string, unknown>);
            const undefinedPaths = (value: unknown, path: string): string[] =>
                value === undefined
                    ? [path]
                    : value !== null && typeof value === "object"
                      ? Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, `${path}.${k}`))
                      : [];
            assert.deepEqual(undefinedPaths(outs, "outs"), []);
            assert.deepEqual(undefinedPaths(result.props, "props"), []);
            assert.deepEqual(undefinedPaths(result.inputs, "inputs"), []);
        });

        it("shows a rename, description and tag change made outside Pulumi", async () => {
            const { id, outs } = await created();
            const image = h.cloud.images.get(id)!;
            image.ImageName = "renamed";
            image.ImageDescription = "";
            image.Tags.extra = "1";
            const result = await customImage.read(id, outs);
            assert.equal(result.inputs?.imageName, "renamed");
            assert.equal(result.inputs?.description, "");
            assert.deepEqual(result.inputs?.tags, { team: "web", extra: "1" });
        });

        it("shows a family or deprecation changed outside Pulumi", async () => {
            const { id, outs } = await customImage.create({ ...inputs, family: "web", deprecated: false });
            const image = h.cloud.images.get(id)!;
            const same = await customImage.read(id, outs as Record<string, unknown>);
            assert.deepEqual([same.inputs?.family, same.inputs?.deprecated], ["web", false]);
            image.Family = "";
            image.Deprecated = true;
            // The next refresh is another engine run (a refresh reads each region once per run).
            startNewRun();
            const result = await customImage.read(id, outs as Record<string, unknown>);
            assert.deepEqual([result.inputs?.family, result.inputs?.deprecated], ["", true]);
            assert.deepEqual([result.props?.family, result.props?.deprecated], ["", true]);
        });

        it("reports an image deleted outside Pulumi as gone at once", async () => {
            const { id, outs } = await created();
            h.cloud.images.delete(id);
            const before = h.cloud.callsOf("DescribeImages").length;
            const result = await customImage.read(id, outs);
            assert.equal(result.id, "");
            assert.equal(h.cloud.callsOf("DescribeImages").length, before + 1);
        });

        it("does not wait for an image that is still creating", async () => {
            const image = h.cloud.addImage({
                region: REGION,
                ImageName: "slow",
                ImageState: "CREATING",
                plan: [],
            });
            const result = await customImage.read(image.ImageId, {
                ...inputs,
                imageName: "slow",
                imageId: image.ImageId,
            });
            assert.equal((result.props as Record<string, unknown>).imageState, "CREATING");
        });
    });

    describe("update", () => {
        it("renames, changes the description and the tags in place, never touching the markers", async () => {
            const { id, outs } = await customImage.create({ ...inputs, tags: { team: "web", old: "x" } });
            const news = {
                ...inputs,
                imageName: "web-2026-12",
                description: "new",
                tags: { team: "api", env: "prod" },
            };
            const result = await customImage.update(id, outs as Record<string, unknown>, news);
            const [modify] = h.cloud.callsOf("ModifyImageAttribute");
            assert.deepEqual(modify.body, { ImageId: id, ImageName: "web-2026-12", ImageDescription: "new" });
            const [tags] = h.cloud.callsOf("ModifyResourceTags");
            assert.equal(tags.service, "tag");
            assert.deepEqual(tags.body.ReplaceTags, [
                { TagKey: "team", TagValue: "api" },
                { TagKey: "env", TagValue: "prod" },
            ]);
            assert.deepEqual(tags.body.DeleteTags, [{ TagKey: "old" }]);
            assert.deepEqual(h.cloud.images.get(id)!.Tags, { team: "api", env: "prod", ...MARKERS });
            assert.equal((result.outs as Record<string, unknown>).imageName, "web-2026-12");
            assert.equal((result.outs as Record<string, unknown>).imageId, id);
        });

        it("moves the image into another family, out of it, and (un)deprecates it in place", async () => {
            const { id, outs } = await customImage.create({ ...inputs, family: "web" });
            const moved = await customImage.update(id, outs as Record<string, unknown>, {
                ...inputs,
                family: "api",
                deprecated: true,
            });
            const out = await customImage.update(id, moved.outs as Record<string, unknown>, {
                ...inputs,
                family: "",
                deprecated: false,
            });
            assert.deepEqual(
                h.cloud.callsOf("ModifyImageAttribute").map((c) => c.body),
                [
                    { ImageId: id, ImageFamily: "api", ImageDeprecated: true },
                    { ImageId: id, ImageFamily: "", ImageDeprecated: false },
                ],
            );
            const image = h.cloud.images.get(id)!;
            assert.deepEqual([image.Family, image.Deprecated], ["", false]);
            const outsAfter = out.outs as Record<string, unknown>;
            assert.deepEqual([outsAfter.family, outsAfter.deprecated], ["", false]);
        });

        it("sends nothing when only stored settings changed", async () => {
            const { id, outs } = await customImage.create(inputs);
            await customImage.update(id, outs as Record<string, unknown>, {
                ...inputs,
                deleteSnapshotsOnDelete: true,
            });
            assert.equal(h.cloud.callsOf("ModifyImageAttribute").length, 0);
            assert.equal(h.cloud.callsOf("ModifyResourceTags").length, 0);
        });
    });

    describe("delete", () => {
        it("deletes with DeleteBindedSnap when asked and waits until the image is gone", async () => {
            const { id, outs } = await customImage.create({ ...inputs, deleteSnapshotsOnDelete: true });
            await customImage.delete(id, outs as Record<string, unknown>);
            const [call] = h.cloud.callsOf("DeleteImages");
            assert.deepEqual(call.body, { ImageIds: [id], DeleteBindedSnap: true });
            assert.equal(h.cloud.images.has(id), false);
            assert.ok(h.lines.some((l) => l.includes("GONE")));
        });

        it("succeeds when the image is already gone", async () => {
            const { id, outs } = await customImage.create(inputs);
            h.cloud.images.delete(id);
            await customImage.delete(id, outs as Record<string, unknown>);
        });

        it("names the way out when the image is still shared", async () => {
            const { id, outs } = await customImage.create(inputs);
            h.cloud.shares.set(id, new Set(["100000000002", "100000000003"]));
            const error = await rejection(customImage.delete(id, outs as Record<string, unknown>));
            assert.match(
                error.message,
                /^CustomImage "web": delete failed: image img-\w+ in ap-guangzhou is still shared with account\(s\) 100000000002, 100000000003/,
            );
            assert.match(error.message, /delete the ImageShare of this image first/);
            assert.match(error.message, /pulumi destroy` deletes the share before the image/);
            assert.match(error.message, /\(InvalidImageId\.InShared, RequestId req-\w+\)/);
            assert.equal(h.cloud.images.has(id), true);
        });
    });
});
