import assert from "node:assert/strict";
import type { Image } from "../../../provider/backend/types";
import {
    actions,
    planLines,
    planRetention,
    type RetentionFacts,
    type RetentionPolicy,
} from "../../../provider/plan/retentionPlan";

const R = "ap-guangzhou";
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-12-04T00:00:00Z");

/** Image n of family web, n days old (so a higher n is older). */
function image(n: number, over: Partial<Image> = {}): Image {
    return {
        imageId: `img-0000000${n}`,
        region: "ap-guangzhou",
        imageName: `web-${n}`,
        imageDescription: "",
        imageType: "PRIVATE_IMAGE",
        imageState: "NORMAL",
        osName: "",
        platform: "",
        architecture: "x86_64",
        imageSizeGb: 50,
        createdTime: new Date(NOW - n * DAY).toISOString().replace(/\.000Z$/, "Z"),
        imageCreator: "100000000001",
        imageSource: "CREATE_IMAGE",
        syncPercent: null,
        snapshots: [],
        tags: {},
        imageFamily: "web",
        ...over,
    };
}

const facts = (over: Partial<RetentionFacts> = {}): RetentionFacts => ({
    now: NOW,
    inUse: new Map(),
    sharedWith: new Map(),
    stackUse: () => undefined,
    ...over,
});
const policy = (over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
    family: "web",
    keepLatest: 2,
    action: "delete",
    ...over,
});
const decisions = (entries: { imageId?: string; decision: string }[]) =>
    entries.map((e) => `${e.imageId}:${e.decision}`);

describe("plan/retentionPlan", () => {
    const five = [3, 1, 5, 2, 4].map((n) => image(n));

    it("keeps the newest keepLatest of the family and deletes the rest, newest first", () => {
        const entries = planRetention(R, five, policy(), facts());
        assert.deepEqual(decisions(entries), [
            "img-00000001:keep",
            "img-00000002:keep",
            "img-00000003:delete",
            "img-00000004:delete",
            "img-00000005:delete",
        ]);
        assert.match(
            planLines(entries)[0],
            /^keep img-00000001 'web-1' \(created 2026-12-03T00:00:00Z\): one of the newest 2$/,
        );
        assert.match(planLines(entries)[2], /^delete img-00000003 'web-3' .*: older than the newest 2$/);
    });

    it("selects by family, name prefix and tags together, and only the account's own images", () => {
        const images = [
            image(1),
            image(2, { imageFamily: "db" }),
            image(3, { imageName: "api-3" }),
            image(4, { tags: { team: "a" } }),
            image(5, { imageType: "SHARED_IMAGE", tags: { team: "a" } }),
        ];
        const entries = planRetention(
            R,
            images,
            policy({ namePrefix: "web-", tags: { team: "a" }, keepLatest: 1 }),
            facts(),
        );
        assert.deepEqual(decisions(entries), ["img-00000004:keep"]);
    });

    it("keepDays also keeps the young ones", () => {
        const entries = planRetention(R, five, policy({ keepLatest: 1, keepDays: 3 }), facts());
        assert.deepEqual(decisions(actions(entries)), [
            "img-00000003:delete",
            "img-00000004:delete",
            "img-00000005:delete",
        ]);
        assert.match(planLines(entries)[1], /younger than 3 days/);
    });

    it("never touches the stack's images, protected ones, ones in use, shared or busy ones", () => {
        const images = [
            image(1),
            image(2, { tags: { keep: "yes" } }),
            image(3),
            image(4),
            image(5, { imageState: "SYNCING" }),
            image(6),
        ];
        const entries = planRetention(
            R,
            images,
            policy({ keepLatest: 1, protectTags: { keep: "yes" } }),
            facts({
                inUse: new Map([["img-00000003", ["ins-aaaaaaaa"]]]),
                sharedWith: new Map([["img-00000004", ["100000000002"]]]),
                stackUse: (i) => (i.imageId === "img-00000006" ? 'CustomImage "base"' : undefined),
            }),
        );
        assert.deepEqual(decisions(actions(entries)), []);
        const lines = planLines(entries).join("\n");
        assert.match(lines, /img-00000002.*protect tag keep=yes/);
        assert.match(lines, /img-00000003.*instance ins-aaaaaaaa runs it/);
        assert.match(lines, /img-00000004.*shared with 100000000002 \(set unshareBeforeDelete/);
        assert.match(lines, /img-00000005.*is SYNCING/);
        assert.match(lines, /img-00000006.*CustomImage "base" of this stack/);
    });

    it("unshareBeforeDelete deletes a shared image after cancelling its shares", () => {
        const entries = planRetention(
            R,
            [image(1), image(2)],
            policy({ keepLatest: 1, unshareBeforeDelete: true }),
            facts({ sharedWith: new Map([["img-00000002", ["100000000002"]]]) }),
        );
        assert.deepEqual(
            actions(entries).map((e) => e.unshare),
            [["100000000002"]],
        );
    });

    it("deprecate acts on NORMAL images that are not deprecated yet", () => {
        const images = [image(1), image(2), image(3, { imageDeprecated: true })];
        const entries = planRetention(R, images, policy({ keepLatest: 1, action: "deprecate" }), facts());
        assert.deepEqual(decisions(entries), [
            "img-00000001:keep",
            "img-00000002:deprecate",
            "img-00000003:keep",
        ]);
    });

    it("the images this plan adds: before it counted among the newest, after it within makeRoomFor, once each", () => {
        const marked = (n: number, marker: string) =>
            image(n, {
                tags: {
                    "pulumi-images:managed-by": "pulumi-tencentcloud-images",
                    "pulumi-images:name": marker,
                },
            });
        const images = [marked(0, "new-a"), image(1), image(2), image(3), marked(4, "old-b")];
        const addition = (markerName: string, by: string, existingIds: string[] = []) => ({
            region: R,
            count: 1,
            imageName: markerName,
            family: "web",
            tags: {},
            markerName,
            existingIds,
            by,
        });
        const entries = planRetention(R, images, policy({ keepLatest: 3, makeRoomFor: 2 }), facts(), {
            before: [addition("new-a", 'CustomImage "a"'), addition("new-c", 'CustomImage "c"')],
            after: [addition("old-b", 'CustomImage "b"', ["img-00000004"])],
        });
        assert.deepEqual(planLines(entries), [
            `keep img-00000000 'web-0' (created ${image(0).createdTime}): new in this plan: CustomImage "a" made it`,
            `keep (new in this plan) 'new-c': CustomImage "c" makes it`,
            `delete img-00000001 'web-1' (created ${image(1).createdTime}): older than the newest 0 that exist (keepLatest 3 − makeRoomFor 2 − 2 new in this plan)`,
            `delete img-00000002 'web-2' (created ${image(2).createdTime}): older than the newest 0 that exist (keepLatest 3 − makeRoomFor 2 − 2 new in this plan)`,
            `delete img-00000003 'web-3' (created ${image(3).createdTime}): older than the newest 0 that exist (keepLatest 3 − makeRoomFor 2 − 2 new in this plan)`,
            `delete img-00000004 'web-4' (created ${image(4).createdTime}): older than the newest 0 that exist (keepLatest 3 − makeRoomFor 2 − 2 new in this plan)`,
        ]);
        assert.deepEqual(
            actions(entries).map((e) => e.imageId),
            ["img-00000001", "img-00000002", "img-00000003", "img-00000004"],
        );
        assert.match(planLines(entries, true)[1], /^ap-guangzhou: keep \(new in this plan\) 'new-c'/);
    });
});
