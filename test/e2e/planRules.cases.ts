/**
 * One case per rule of "Consequences for plan-time validation" (/work/shared/reference/image-rules.md):
 * a program that breaks the rule, the emulator settings it needs, and the message `pulumi preview`
 * must fail with. Used by planRules.test.ts (the real engine) and planRulesTable.test.ts (the docs
 * table in docs/plan-rules.md lists exactly these titles).
 */
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../../emulator/accounts";
import type { ConfigPatch } from "../../emulator/controls";
import type { Seed } from "../../emulator/models/seed";
import { seededInstanceId } from "../../emulator/models/seed";
import type { Image, ImageBackend } from "../../provider/backend/types";
import type { ImagesPackage, ImagesProgram } from "./harness/imagesSandbox";

/** The numbered rules of "Consequences for plan-time validation", in short. */
export const RULES = {
    quota: "1. a region's custom-image quota (existing + CustomImages + ImageCopy destinations − deletions)",
    shareLimit: "2. an image's share limit (accounts already shared + every ImageShare of the image)",
    ownImage:
        "3. only the account's own custom images can be shared, copied or renamed, never shared with itself",
    regionOfImage: "4. shares stay in the image's region; copies go to other regions",
    regionExists: "5. marketplace images in mainland China only; regions must exist",
    formats: "6. formats and lengths; instances, snapshots and images must exist in the stated region",
} as const;

/** The home region of every case (the provider's default region, see harness/imagesSandbox.ts). */
export const CASE_REGION = "ap-guangzhou";

/** The name of the account's own seeded image (see {@link PLAN_RULES_SEED}). */
export const OWN_IMAGE_NAME = "app-base";

/** The name of the account's own seeded image in ap-shanghai. */
export const OWN_SHANGHAI_IMAGE_NAME = "app-base-sh";

/** Accounts that `app-base` is already shared with when the emulator starts. */
export const ALREADY_SHARED = [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId];

/**
 * The emulator's seed for all cases: the built-in world (public and marketplace images, instances,
 * images shared in by accounts 2 and 3) plus custom images of the main account: `app-base` in
 * ap-guangzhou, already shared with two accounts, and `app-base-sh` in ap-shanghai.
 */
export const PLAN_RULES_SEED: Seed = {
    images: [
        {
            accountId: MAIN_ACCOUNT.accountId,
            region: CASE_REGION,
            imageName: OWN_IMAGE_NAME,
            imageDescription: "the main account's own image, shared with accounts 2 and 3",
            sharedWith: ALREADY_SHARED,
        },
        {
            accountId: MAIN_ACCOUNT.accountId,
            region: "ap-shanghai",
            imageName: OWN_SHANGHAI_IMAGE_NAME,
            imageDescription: "the main account's own image in ap-shanghai",
        },
    ],
};

/** Real IDs of the seeded world, looked up through the API in the test's before() hook. */
export interface CaseIds {
    /** A public image (Ubuntu) in ap-guangzhou. */
    publicImageId: string;
    /** A marketplace image in ap-guangzhou (marketplace images exist in mainland China only). */
    marketImageId: string;
    /** An image account 2 shares with the main account, in ap-guangzhou. */
    sharedInImageId: string;
    /** Its name. */
    sharedInImageName: string;
    /** The main account's own `app-base` in ap-guangzhou. */
    ownImageId: string;
    /** The main account's own `app-base-sh` in ap-shanghai. */
    ownShanghaiImageId: string;
}

/** Looks the {@link CaseIds} up through the API, as the main account (the emulator seeded with {@link PLAN_RULES_SEED}). */
export async function lookUpCaseIds(api: ImageBackend): Promise<CaseIds> {
    const [publics, markets, shared, own, ownShanghai] = await Promise.all([
        api.listImages(CASE_REGION, { imageTypes: ["PUBLIC_IMAGE"] }),
        // No image-type filter value selects marketplace images: they are told apart by their ImageType.
        api.listImages(CASE_REGION).then((all) => all.filter((i) => i.imageType === "MARKET_IMAGE")),
        api.listImages(CASE_REGION, { imageTypes: ["SHARED_IMAGE"] }),
        api.listImages(CASE_REGION, { imageTypes: ["PRIVATE_IMAGE"] }),
        api.listImages("ap-shanghai", { imageTypes: ["PRIVATE_IMAGE"] }),
    ]);
    const pick = (list: Image[], what: string, test: (i: Image) => boolean): Image => {
        const found = list.find(test);
        if (!found) throw new Error(`the emulator's seed has no ${what}`);
        return found;
    };
    const sharedIn = pick(
        shared,
        "image shared in by account 2",
        (i) => i.imageCreator === SECOND_ACCOUNT.accountId,
    );
    return {
        publicImageId: pick(publics, "public Ubuntu image", (i) => /ubuntu/i.test(i.osName)).imageId,
        marketImageId: pick(markets, "marketplace image", () => true).imageId,
        sharedInImageId: sharedIn.imageId,
        sharedInImageName: sharedIn.imageName,
        ownImageId: pick(own, OWN_IMAGE_NAME, (i) => i.imageName === OWN_IMAGE_NAME).imageId,
        ownShanghaiImageId: pick(
            ownShanghai,
            OWN_SHANGHAI_IMAGE_NAME,
            (i) => i.imageName === OWN_SHANGHAI_IMAGE_NAME,
        ).imageId,
    };
}

/** The pattern a case's message must match, for these IDs. */
export function expectedMessage(c: PlanRuleCase, ids: CaseIds): RegExp {
    return typeof c.expected === "function" ? c.expected(ids) : c.expected;
}

/** One plan rule, proven by a preview that fails. */
export interface PlanRuleCase {
    /** Short human title; also the first column of docs/plan-rules.md. */
    title: string;
    /** The rule it breaks (one of {@link RULES}). */
    rule: string;
    /** A short code line for the docs table. */
    example: string;
    /** The service's settings for this case (merged after a reset to {@link PLAN_RULES_SEED}). */
    service?: ConfigPatch;
    /** Stack config of the case's stack (e.g. `tencentcloud-images:maxShareAccounts`). */
    config?: Record<string, string>;
    /** The program, given the seeded IDs. */
    program: (ids: CaseIds) => ImagesProgram;
    /**
     * What the engine's error output must contain. Where several resources add to one limit, the one
     * that fails is the one the engine checks last, and the engine does not keep the program's order
     * (registrations arrive concurrently), so those patterns accept any of them.
     */
    expected: RegExp | ((ids: CaseIds) => RegExp);
}

/** Escapes text for a RegExp. */
export function literal(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const MAIN = MAIN_ACCOUNT.accountId;
const webInstance = (region: string) => seededInstanceId(MAIN, region, "web-1");

/** `count` new CustomImages named `<prefix>-<i>` in `region`, made from that region's web-1. */
function newImages(images: ImagesPackage, prefix: string, region: string, count: number) {
    return Array.from(
        { length: count },
        (_, i) =>
            new images.CustomImage(`${prefix}-${i + 1}`, {
                region,
                imageName: `${prefix}-${i + 1}`,
                source: { instanceId: webInstance(region) },
            }),
    );
}

/** The rule cases: every one must make `pulumi preview` fail with `expected` and change nothing. */
export const PLAN_RULE_CASES: readonly PlanRuleCase[] = [
    {
        title: "Quota exceeded by CustomImages in one region",
        rule: RULES.quota,
        example: `3 × new CustomImage(…, { region: "ap-guangzhou", … }) with quota 3 and app-base already there`,
        service: { imageQuotas: { [MAIN]: { [CASE_REGION]: 3 } } },
        program: () => (images) => void newImages(images, "web", CASE_REGION, 3),
        expected:
            /CustomImage "web-[123]": region ap-guangzhou would hold 4 custom images but its quota is 3: 1 exist, this plan adds 3 \(CustomImage "web-1", CustomImage "web-2", CustomImage "web-3"\) and deletes 0/,
    },
    {
        title: "Quota exceeded by ImageCopy destinations and a CustomImage",
        rule: RULES.quota,
        example: `new CustomImage("sh-web", { region: "ap-shanghai", … }) + new ImageCopy("app-copies", { destinationRegions: ["ap-shanghai"], … }) with quota 2 and app-base-sh already there`,
        service: { imageQuotas: { [MAIN]: { "ap-shanghai": 2 } } },
        program: (ids) => (images) => {
            new images.CustomImage("sh-web", {
                region: "ap-shanghai",
                imageName: "sh-web",
                source: { instanceId: webInstance("ap-shanghai") },
            });
            new images.ImageCopy("app-copies", {
                sourceImageId: ids.ownImageId,
                destinationRegions: ["ap-shanghai", "ap-tokyo"],
            });
        },
        expected:
            /region ap-shanghai would hold 3 custom images but its quota is 2: 1 exist, this plan adds 2 \(CustomImage "sh-web", ImageCopy "app-copies"\)/,
    },
    {
        title: "Quota exceeded by new images whose IDs are still unknown",
        rule: RULES.quota,
        example: `11 × new CustomImage(…, { region: "ap-tokyo", … }), each shared by an ImageShare of its (unknown) imageId, quota 10`,
        program: () => (images) => {
            for (const [i, image] of newImages(images, "tokyo", "ap-tokyo", 11).entries()) {
                new images.ImageShare(`tokyo-share-${i + 1}`, {
                    imageId: image.imageId,
                    region: "ap-tokyo",
                    accountIds: [SECOND_ACCOUNT.accountId],
                });
            }
        },
        expected:
            /region ap-tokyo would hold 11 custom images but its quota is 10: 0 exist, this plan adds 11/,
    },
    {
        title: "Share limit exceeded across two ImageShares of one image",
        rule: RULES.shareLimit,
        example: `tencentcloud-images:maxShareAccounts 3; app-base shared with 2; ImageShare "share-a" adds 1 account, "share-b" 1 more`,
        config: { "tencentcloud-images:maxShareAccounts": "3" },
        program: (ids) => (images) => {
            new images.ImageShare("share-a", { imageId: ids.ownImageId, accountIds: ["100000000004"] });
            new images.ImageShare("share-b", { imageId: ids.ownImageId, accountIds: ["100000000005"] });
        },
        expected: (ids) =>
            new RegExp(
                `ImageShare "share-[ab]": ` +
                    literal(
                        `${ids.ownImageId} in ap-guangzhou would be shared with 4 accounts but the limit is 3: ` +
                            `it is shared with 2 that stay, this plan adds 2 (ImageShare "share-a", ImageShare "share-b")`,
                    ),
            ),
    },
    {
        title: "Sharing a public image",
        rule: RULES.ownImage,
        example: `new ImageShare("s", { imageId: "<public Ubuntu image>", accountIds: ["100000000002"] })`,
        program: (ids) => (images) =>
            void new images.ImageShare("public-share", {
                imageId: ids.publicImageId,
                accountIds: [SECOND_ACCOUNT.accountId],
            }),
        expected: (ids) =>
            new RegExp(
                `ImageShare "public-share": ${ids.publicImageId} is a public image \\(.*\\) owned by Tencent Cloud; only your own custom images \\(PRIVATE_IMAGE\\) can be shared`,
            ),
    },
    {
        title: "Sharing a marketplace image",
        rule: RULES.ownImage,
        example: `new ImageShare("s", { imageId: "<marketplace image>", region: "ap-guangzhou", accountIds: […] })`,
        program: (ids) => (images) =>
            void new images.ImageShare("market-share", {
                imageId: ids.marketImageId,
                accountIds: [SECOND_ACCOUNT.accountId],
            }),
        expected: (ids) =>
            new RegExp(
                `ImageShare "market-share": ${ids.marketImageId} is a marketplace image \\(.*\\) sold by a third-party vendor; only your own custom images \\(PRIVATE_IMAGE\\) can be shared`,
            ),
    },
    {
        title: "Sharing a shared-in image",
        rule: RULES.ownImage,
        example: `new ImageShare("s", { imageId: "<image account 2 shares with you>", accountIds: ["100000000003"] })`,
        program: (ids) => (images) =>
            void new images.ImageShare("reshare", {
                imageId: ids.sharedInImageId,
                accountIds: [THIRD_ACCOUNT.accountId],
            }),
        expected: (ids) =>
            new RegExp(
                `ImageShare "reshare": ${ids.sharedInImageId} is an image \\("${ids.sharedInImageName}"\\) that account ${SECOND_ACCOUNT.accountId} shares with this account; only your own custom images \\(PRIVATE_IMAGE\\) can be shared`,
            ),
    },
    {
        title: "Copying a shared-in image",
        rule: RULES.ownImage,
        example: `new ImageCopy("c", { sourceImageId: "<image account 2 shares with you>", destinationRegions: ["ap-tokyo"] })`,
        program: (ids) => (images) =>
            void new images.ImageCopy("shared-copy", {
                sourceImageId: ids.sharedInImageId,
                destinationRegions: ["ap-tokyo"],
            }),
        expected: (ids) =>
            new RegExp(
                `ImageCopy "shared-copy": ${ids.sharedInImageId} is an image .* that account ${SECOND_ACCOUNT.accountId} shares with this account; only your own custom images \\(PRIVATE_IMAGE\\) can be copied`,
            ),
    },
    {
        title: "Copying a public image",
        rule: RULES.ownImage,
        example: `new ImageCopy("c", { sourceImageId: "<public Ubuntu image>", destinationRegions: ["ap-tokyo"] })`,
        program: (ids) => (images) =>
            void new images.ImageCopy("public-copy", {
                sourceImageId: ids.publicImageId,
                destinationRegions: ["ap-tokyo"],
            }),
        expected: (ids) =>
            new RegExp(
                `ImageCopy "public-copy": ${ids.publicImageId} is a public image .* owned by Tencent Cloud; only your own custom images \\(PRIVATE_IMAGE\\) can be copied`,
            ),
    },
    {
        title: "Adopting (renaming) a shared-in image",
        rule: RULES.ownImage,
        example: `new CustomImage("adopt", { imageName: "team-base-tencentos", adoptExisting: true, … })`,
        program: (ids) => (images) =>
            void new images.CustomImage("adopt", {
                imageName: ids.sharedInImageName,
                adoptExisting: true,
                source: { instanceId: webInstance(CASE_REGION) },
            }),
        expected: (ids) =>
            new RegExp(
                `CustomImage "adopt": ${ids.sharedInImageId} is an image .* that account ${SECOND_ACCOUNT.accountId} shares with this account; only your own custom images \\(PRIVATE_IMAGE\\) can be adopted by a CustomImage`,
            ),
    },
    {
        title: "Sharing with the account itself",
        rule: RULES.ownImage,
        example: `new ImageShare("s", { imageId: "<own image>", accountIds: ["100000000001"] }) // your own account ID`,
        program: (ids) => (images) =>
            void new images.ImageShare("self-share", { imageId: ids.ownImageId, accountIds: [MAIN] }),
        expected: (ids) =>
            new RegExp(
                literal(
                    `ImageShare "self-share": accountIds[0] "${MAIN}" is this account, the owner of ${ids.ownImageId}; an image cannot be shared with its own account`,
                ),
            ),
    },
    {
        title: "Sharing in a region other than the image's",
        rule: RULES.regionOfImage,
        example: `new ImageShare("s", { imageId: "<own image in ap-guangzhou>", region: "ap-shanghai", accountIds: […] })`,
        program: (ids) => (images) =>
            void new images.ImageShare("wrong-region-share", {
                imageId: ids.ownImageId,
                region: "ap-shanghai",
                accountIds: [SECOND_ACCOUNT.accountId],
            }),
        expected: (ids) =>
            new RegExp(
                literal(
                    `ImageShare "wrong-region-share": imageId "${ids.ownImageId}" is not an image in ap-shanghai`,
                ),
            ),
    },
    {
        title: "Copying an image to its own region",
        rule: RULES.regionOfImage,
        example: `new ImageCopy("c", { sourceImageId: "<own image>", sourceRegion: "ap-guangzhou", destinationRegions: ["ap-guangzhou"] })`,
        program: (ids) => (images) =>
            void new images.ImageCopy("self-copy", {
                sourceImageId: ids.ownImageId,
                sourceRegion: CASE_REGION,
                destinationRegions: ["ap-tokyo", CASE_REGION],
            }),
        expected:
            /ImageCopy "self-copy": destinationRegions includes the source region ap-guangzhou; a custom image cannot be copied to its own region/,
    },
    {
        title: "A region that does not exist",
        rule: RULES.regionExists,
        example: `new ImageCopy("c", { sourceImageId: "<own image>", destinationRegions: ["ap-shangai"] })`,
        program: (ids) => (images) =>
            void new images.ImageCopy("typo-copy", {
                sourceImageId: ids.ownImageId,
                destinationRegions: ["ap-shangai"],
            }),
        expected:
            /ImageCopy "typo-copy": destinationRegions\[0\] "ap-shangai" is not a CVM region: it is unknown, or CVM is not offered there .*did you mean ap-shanghai\?/,
    },
    {
        title: "A marketplace image outside mainland China",
        rule: RULES.regionExists,
        example: `new ImageShare("s", { imageId: "<marketplace image>", region: "ap-singapore", accountIds: […] })`,
        program: (ids) => (images) =>
            void new images.ImageShare("market-abroad", {
                imageId: ids.marketImageId,
                region: "ap-singapore",
                accountIds: [SECOND_ACCOUNT.accountId],
            }),
        expected: (ids) =>
            new RegExp(
                literal(
                    `ImageShare "market-abroad": ${ids.marketImageId} is a marketplace image, and marketplace images are offered only in mainland China regions`,
                ),
            ),
    },
    {
        title: "Image name too long",
        rule: RULES.formats,
        example: `new CustomImage("c", { imageName: "x".repeat(61), … })`,
        program: () => (images) =>
            void new images.CustomImage("long-name", {
                imageName: "n".repeat(61),
                source: { instanceId: webInstance(CASE_REGION) },
            }),
        expected:
            /CustomImage "long-name": imageName "n+…" is 61 characters; Tencent Cloud allows at most 60: shorten it/,
    },
    {
        title: "Two CustomImages of one name in one region",
        rule: RULES.formats,
        example: `new CustomImage("web-a", { imageName: "web" }) + new CustomImage("web-b", { imageName: "web" }), both new in ap-guangzhou`,
        program: () => (images) => {
            for (const name of ["web-a", "web-b"]) {
                new images.CustomImage(name, {
                    imageName: "web",
                    source: { instanceId: webInstance(CASE_REGION) },
                });
            }
        },
        expected:
            /CustomImage "web-[ab]": imageName "web" in ap-guangzhou is also the name CustomImage "web-[ab]" gives an image there in this plan; image names are unique per account and region, so the second image would be refused half-way through pulumi up: give one of them another name/,
    },
    {
        title: "An ImageCopy's copies meet a CustomImage's name in a destination",
        rule: RULES.formats,
        example: `new ImageCopy("app-copies", { sourceImageId: "<app-base>", destinationRegions: ["ap-shanghai"] }) + new CustomImage("sh-app", { region: "ap-shanghai", imageName: "app-base" })`,
        program: (ids) => (images) => {
            new images.ImageCopy("app-copies", {
                sourceImageId: ids.ownImageId,
                destinationRegions: ["ap-shanghai"],
            });
            new images.CustomImage("sh-app", {
                region: "ap-shanghai",
                imageName: OWN_IMAGE_NAME,
                source: { instanceId: webInstance("ap-shanghai") },
            });
        },
        // The engine checks the two in either order: the second one fails, naming the first.
        expected:
            /(ImageCopy "app-copies": the copies' name "app-base" in ap-shanghai is also the name CustomImage "sh-app" gives an image there in this plan|CustomImage "sh-app": imageName "app-base" in ap-shanghai is also the name ImageCopy "app-copies" gives an image there in this plan); image names are unique per account and region/,
    },
    {
        title: "Description too long",
        rule: RULES.formats,
        example: `new CustomImage("c", { description: "d".repeat(257), … })`,
        program: () => (images) =>
            void new images.CustomImage("long-description", {
                imageName: "long-description",
                description: "d".repeat(257),
                source: { instanceId: webInstance(CASE_REGION) },
            }),
        expected:
            /CustomImage "long-description": description "d+…" is 257 characters; Tencent Cloud allows at most 256: shorten it/,
    },
    {
        title: "A reserved tag key",
        rule: RULES.formats,
        example: `new CustomImage("c", { tags: { "qcs:env": "prod" }, … })`,
        program: () => (images) =>
            void new images.CustomImage("bad-tag", {
                imageName: "bad-tag",
                tags: { "qcs:env": "prod" },
                source: { instanceId: webInstance(CASE_REGION) },
            }),
        expected:
            /CustomImage "bad-tag": tags: tag key "qcs:env" starts with "qcs:", which Tencent Cloud reserves/,
    },
    {
        title: "Malformed account ID",
        rule: RULES.formats,
        example: `new ImageShare("s", { imageId: "<own image>", accountIds: ["team-b"] })`,
        program: (ids) => (images) =>
            void new images.ImageShare("bad-account", { imageId: ids.ownImageId, accountIds: ["team-b"] }),
        expected: /ImageShare "bad-account": accountIds\[0\] "team-b" is not a root-account ID/,
    },
    {
        title: "Malformed image ID",
        rule: RULES.formats,
        example: `new ImageCopy("c", { sourceImageId: "img-123", destinationRegions: ["ap-tokyo"] })`,
        program: () => (images) =>
            void new images.ImageCopy("bad-image-id", {
                sourceImageId: "img-123",
                destinationRegions: ["ap-tokyo"],
            }),
        expected:
            /ImageCopy "bad-image-id": sourceImageId "img-123" is not an image ID: they look like img-gvbnzy6f/,
    },
    {
        title: "Malformed instance ID",
        rule: RULES.formats,
        example: `new CustomImage("c", { source: { instanceId: "i-12345" }, … })`,
        program: () => (images) =>
            void new images.CustomImage("bad-instance-id", {
                imageName: "bad-instance-id",
                source: { instanceId: "i-12345" },
            }),
        expected:
            /CustomImage "bad-instance-id": source\.instanceId "i-12345" is not an instance ID: they look like ins-2v3sqe2t/,
    },
    {
        title: "An instance that is not in the image's region",
        rule: RULES.formats,
        example: `new CustomImage("c", { region: "ap-guangzhou", source: { instanceId: "<instance in ap-shanghai>" }, … })`,
        program: () => (images) =>
            void new images.CustomImage("elsewhere", {
                imageName: "elsewhere",
                source: { instanceId: webInstance("ap-shanghai") },
            }),
        expected: new RegExp(
            literal(
                `CustomImage "elsewhere": source.instanceId "${webInstance("ap-shanghai")}" is not an instance in ap-guangzhou`,
            ),
        ),
    },
    {
        title: "A snapshot that does not exist",
        rule: RULES.formats,
        example: `new CustomImage("c", { source: { snapshotIds: ["snap-zzzzzzzz"] }, … })`,
        program: () => (images) =>
            void new images.CustomImage("no-snapshot", {
                imageName: "no-snapshot",
                source: { snapshotIds: ["snap-zzzzzzzz"] },
            }),
        expected:
            /CustomImage "no-snapshot": source\.snapshotIds\[0\] "snap-zzzzzzzz" is not a snapshot in ap-guangzhou/,
    },
];
