/**
 * Invalid inputs, one case per argument and rule of the three resources: the inputs as the
 * provider's `check` receives them (the resource's arguments plus the hidden `__logicalName`), the
 * property the failure must name, and a pattern for the rule and the fix the message must state.
 * Used by badInputs.test.ts, which runs every case through the installed package's check against
 * the emulator and a subset through the real engine's `pulumi preview`.
 */
import { MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT } from "../../emulator/accounts";
import type { Seed } from "../../emulator/models/seed";
import { seededInstanceId } from "../../emulator/models/seed";

/** The resource kinds, as the handlers module names them. */
export type CaseKind = "CustomImage" | "ImageShare" | "ImageCopy" | "ImageRetention";

/** Real IDs of the seeded world (looked up in the test's before hook). */
export interface Fixtures {
    /** The main account's own image `bad-inputs-own` in ap-guangzhou, shared with accounts 2 and 3. */
    ownImageId: string;
    /** A public image (the same ID in every region). */
    publicImageId: string;
    /** Account 2's image shared with the main account in ap-guangzhou. */
    sharedInImageId: string;
    /** Account 2's private image in ap-guangzhou, not shared with the main account. */
    foreignPrivateImageId: string;
    /** A marketplace image in ap-guangzhou. */
    marketImageId: string;
    /** Disks and snapshots of the main account's seeded instances in ap-guangzhou. */
    webSystemDiskId: string;
    webDataDiskId: string;
    dbDataDiskId: string;
    webSystemSnapshotId: string;
    dbSystemSnapshotId: string;
    webDataSnapshotId: string;
}

export interface BadInputCase {
    /** What is wrong, in a few words (also the logical name's suffix). */
    title: string;
    kind: CaseKind;
    /** The top-level property the failure must be about. */
    property: string;
    /** The arguments (without __logicalName). */
    args: (f: Fixtures) => Record<string, unknown>;
    /** The rule and the fix, as the message must state them. */
    expect: RegExp;
    /** Run through the real engine's `pulumi preview` too. */
    engine?: boolean;
}

export const HOME = "ap-guangzhou";
/** A region whose custom-image quota is 0 for the main account (see {@link BAD_INPUTS_SEED}). */
export const FULL_REGION = "ap-tokyo";
export const OWN_IMAGE_NAME = "bad-inputs-own";

/** The emulator seed: the built-in world plus one own image (shared twice) and a full region. */
export const BAD_INPUTS_SEED: Seed = {
    imageQuota: 100,
    imageQuotas: { [MAIN_ACCOUNT.accountId]: { [FULL_REGION]: 0 } },
    images: [
        {
            accountId: MAIN_ACCOUNT.accountId,
            region: HOME,
            imageName: OWN_IMAGE_NAME,
            sharedWith: [SECOND_ACCOUNT.accountId, THIRD_ACCOUNT.accountId],
        },
    ],
};

const web = seededInstanceId(MAIN_ACCOUNT.accountId, HOME, "web-1");
const shanghaiWeb = seededInstanceId(MAIN_ACCOUNT.accountId, "ap-shanghai", "web-1");
const fromWeb = { instanceId: web };
const image = (extra: Record<string, unknown>) => ({
    region: HOME,
    imageName: "bad-x",
    source: fromWeb,
    ...extra,
});
const goodImport = {
    imageUrl: "https://bucket.cos.ap-guangzhou.myqcloud.com/app.qcow2",
    osType: "CentOS",
    osVersion: "7",
    architecture: "x86_64",
};
const importing = (extra: Record<string, unknown>) =>
    image({ source: { import: { ...goodImport, ...extra } } });
const share = (f: Fixtures, extra: Record<string, unknown>) => ({
    imageId: f.ownImageId,
    region: HOME,
    accountIds: ["100000000004"],
    ...extra,
});
const copy = (f: Fixtures, extra: Record<string, unknown>) => ({
    sourceImageId: f.ownImageId,
    sourceRegion: HOME,
    destinationRegions: ["ap-shanghai"],
    ...extra,
});
const retention = (extra: Record<string, unknown>) => ({
    region: HOME,
    family: "web",
    keepLatest: 3,
    ...extra,
});
const manyAccounts = (n: number) => Array.from({ length: n }, (_, i) => String(200000000000 + i));
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

/** Every case. Titles are unique. */
export const BAD_INPUT_CASES: BadInputCase[] = [
    // ---------------------------------------------------------------- CustomImage: region, name, description
    {
        title: "region not a region ID",
        kind: "CustomImage",
        property: "region",
        args: () => image({ region: "Guangzhou" }),
        expect: /region "Guangzhou" is not a region ID.*did you mean ap-guangzhou/,
        engine: true,
    },
    {
        title: "region that does not exist",
        kind: "CustomImage",
        property: "region",
        args: () => image({ region: "ap-atlantis" }),
        expect: /region "ap-atlantis" is not a CVM region: it is unknown, or CVM is not offered there .*: use one of those/,
    },
    {
        title: "region of the wrong type",
        kind: "CustomImage",
        property: "region",
        args: () => image({ region: 7 }),
        expect: /region must be a string, not a number: change it/,
    },
    {
        title: "imageName empty",
        kind: "CustomImage",
        property: "imageName",
        args: () => image({ imageName: "" }),
        expect: /imageName is empty: give it a value/,
    },
    {
        title: "imageName too long",
        kind: "CustomImage",
        property: "imageName",
        args: () => image({ imageName: "n".repeat(61) }),
        expect: /imageName ".*" is 61 characters; Tencent Cloud allows at most 60: shorten it/,
        engine: true,
    },
    {
        title: "imageName missing",
        kind: "CustomImage",
        property: "imageName",
        args: () => ({ region: HOME, source: fromWeb }),
        expect: /imageName is required: set it/,
    },
    {
        title: "imageName taken by another image",
        kind: "CustomImage",
        property: "imageName",
        args: () => image({ imageName: OWN_IMAGE_NAME }),
        expect: /imageName "bad-inputs-own" is already the name of img-\w+ in ap-guangzhou; image names are unique: choose another name, or set adoptExisting: true/,
    },
    {
        title: "description too long",
        kind: "CustomImage",
        property: "description",
        args: () => image({ description: "d".repeat(257) }),
        expect: /description ".*" is 257 characters; Tencent Cloud allows at most 256: shorten it/,
    },
    {
        title: "description not a string",
        kind: "CustomImage",
        property: "description",
        args: () => image({ description: 42 }),
        expect: /description must be a string, not a number/,
    },
    // ---------------------------------------------------------------- CustomImage: family
    {
        title: "family with a space",
        kind: "CustomImage",
        property: "family",
        args: () => image({ family: "web servers" }),
        expect: /family "web servers" is not an image family name; Tencent Cloud refuses other family names \(InvalidImageFamily\): use 1 to 60 letters, digits, '\.', '_' or '-', starting with a letter/,
        engine: true,
    },
    {
        title: "family starting with a digit",
        kind: "CustomImage",
        property: "family",
        args: () => image({ family: "2026-web" }),
        expect: /family "2026-web" is not an image family name.*starting with a letter/,
    },
    {
        title: "family too long",
        kind: "CustomImage",
        property: "family",
        args: () => image({ family: "f".repeat(61) }),
        expect: /family ".*" is not an image family name.*1 to 60 letters/,
    },
    {
        title: "deprecated not a boolean",
        kind: "CustomImage",
        property: "deprecated",
        args: () => image({ deprecated: "yes" }),
        expect: /deprecated must be a boolean, not a string: change it/,
    },
    // ---------------------------------------------------------------- CustomImage: source
    {
        title: "source missing",
        kind: "CustomImage",
        property: "source",
        args: () => ({ region: HOME, imageName: "bad-x" }),
        expect: /source is required: set it/,
    },
    {
        title: "source names no kind",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: {} }),
        expect: /source names no image source; exactly one of source.instanceId, source.snapshotIds or source.import/,
    },
    {
        title: "source names two kinds",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { instanceId: web, snapshotIds: [f.webSystemSnapshotId] } }),
        expect: /source has instanceId and snapshotIds; exactly one of .*: keep one/,
        engine: true,
    },
    {
        title: "source with an unknown property",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: web, instanceID: web } }),
        expect: /source has an unknown property instanceID: remove it or fix the spelling/,
    },
    {
        title: "source.instanceId malformed",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: "i-123" } }),
        expect: /source.instanceId "i-123" is not an instance ID: they look like ins-/,
    },
    {
        title: "source.instanceId not in the region",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: "ins-zzzzzzzz" } }),
        expect: /source.instanceId "ins-zzzzzzzz" is not an instance in ap-guangzhou .*: check the ID, and that the image's region is the instance's region/,
    },
    {
        title: "source.instanceId of another region",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: shanghaiWeb } }),
        expect: /source.instanceId \"ins-\w+\" is not an instance in ap-guangzhou .*that the image's region is the instance's region/,
        engine: true,
    },
    {
        title: "source.dataDiskIds malformed",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: web, dataDiskIds: ["vol-1"] } }),
        expect: /source.dataDiskIds\[0\] "vol-1" is not a cloud disk ID: they look like disk-/,
    },
    {
        title: "source.dataDiskIds listed twice",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { instanceId: web, dataDiskIds: [f.webDataDiskId, f.webDataDiskId] } }),
        expect: /source.dataDiskIds\[1\] .* is listed twice; each data disk may appear once: remove the duplicate/,
    },
    {
        title: "source.dataDiskIds with the system disk",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { instanceId: web, dataDiskIds: [f.webSystemDiskId] } }),
        expect: /source.dataDiskIds\[0\] "disk-\w+" is the system disk of ins-\w+; .*: remove it from dataDiskIds/,
    },
    {
        title: "source.dataDiskIds of another instance",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { instanceId: web, dataDiskIds: [f.dbDataDiskId] } }),
        expect: /source.dataDiskIds\[0\] "disk-\w+" is not a data disk of ins-\w+ .*: list only those/,
    },
    {
        title: "source.dataDiskIds without an instance",
        kind: "CustomImage",
        property: "source",
        args: (f) =>
            image({ source: { snapshotIds: [f.webSystemSnapshotId], dataDiskIds: [f.webDataDiskId] } }),
        expect: /source.dataDiskIds only applies to an instance source \(source.instanceId\): remove it or set source.instanceId/,
    },
    {
        title: "source.forcePoweroff not a boolean",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: web, forcePoweroff: "yes" } }),
        expect: /source.forcePoweroff must be a boolean, not a string: change it/,
    },
    {
        title: "source.sysprep not a boolean",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { instanceId: web, sysprep: 1 } }),
        expect: /source.sysprep must be a boolean, not a number: change it/,
    },
    {
        title: "source.forcePoweroff without an instance",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { snapshotIds: [f.webSystemSnapshotId], forcePoweroff: true } }),
        expect: /source.forcePoweroff only applies to an instance source/,
    },
    {
        title: "source.snapshotIds empty",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { snapshotIds: [] } }),
        expect: /source.snapshotIds is empty: list at least 1/,
    },
    {
        title: "source.snapshotIds malformed",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { snapshotIds: ["snapshot-1"] } }),
        expect: /source.snapshotIds\[0\] "snapshot-1" is not a snapshot ID: they look like snap-/,
    },
    {
        title: "source.snapshotIds listed twice",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { snapshotIds: [f.webSystemSnapshotId, f.webSystemSnapshotId] } }),
        expect: /is listed twice; each snapshot may appear once/,
    },
    {
        title: "source.snapshotIds not found",
        kind: "CustomImage",
        property: "source",
        args: () => image({ source: { snapshotIds: ["snap-zzzzzzzz"] } }),
        expect: /source.snapshotIds\[0\] "snap-zzzzzzzz" is not a snapshot in ap-guangzhou .*: check the ID/,
    },
    {
        title: "source.snapshotIds without a system disk",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { snapshotIds: [f.webDataSnapshotId] } }),
        expect: /source.snapshotIds has 0 system-disk snapshots; .*: add the snapshot of a system disk/,
    },
    {
        title: "source.snapshotIds with two system disks",
        kind: "CustomImage",
        property: "source",
        args: (f) => image({ source: { snapshotIds: [f.webSystemSnapshotId, f.dbSystemSnapshotId] } }),
        expect: /source.snapshotIds has 2 system-disk snapshots .*: keep one system-disk snapshot/,
    },
    {
        title: "source.import.imageUrl not http(s)",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ imageUrl: "ftp://host/app.qcow2" }),
        expect: /source.import.imageUrl "ftp:\/\/host\/app.qcow2" is not an http\(s\) URL: give the COS URL/,
        engine: true,
    },
    {
        title: "source.import.osType empty",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ osType: "" }),
        expect: /source.import.osType is empty: give it a value/,
    },
    {
        title: "source.import.osVersion empty",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ osVersion: "" }),
        expect: /source.import.osVersion is empty: give it a value/,
    },
    {
        title: "source.import.architecture unknown",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ architecture: "x64" }),
        expect: /source.import.architecture "x64" is not one of "x86_64", "i386", "arm_64": use one of them/,
    },
    {
        title: "source.import.architecture missing",
        kind: "CustomImage",
        property: "source",
        args: () => {
            const { architecture: _dropped, ...rest } = goodImport;
            return image({ source: { import: rest } });
        },
        expect: /source.import.architecture is required: set it/,
    },
    {
        title: "source.import.bootMode unknown",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ bootMode: "BIOS" }),
        expect: /source.import.bootMode "BIOS" is not one of "Legacy BIOS", "UEFI"/,
    },
    {
        title: "source.import.licenseType unknown",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ licenseType: "free" }),
        expect: /source.import.licenseType "free" is not one of "TencentCloud", "BYOL"/,
    },
    {
        title: "source.import.force not a boolean",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ force: "true" }),
        expect: /source.import.force must be a boolean, not a string/,
    },
    {
        title: "source.import with an unknown property",
        kind: "CustomImage",
        property: "source",
        args: () => importing({ format: "qcow2" }),
        expect: /source.import has an unknown property format: remove it or fix the spelling/,
    },
    // ---------------------------------------------------------------- CustomImage: tags
    {
        title: "tags more than 48",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: manyTags(49) }),
        expect: /tags has 49 tags; Tencent Cloud allows at most 50 per image and this package uses 2 .* so at most 48: remove some/,
        engine: true,
    },
    {
        title: "tag key too long",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { ["k".repeat(128)]: "v" } }),
        expect: /has 128 characters; keys have 1 to 127: change it/,
    },
    {
        title: "tag value too long",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { team: "v".repeat(256) } }),
        expect: /tag "team" has a value of 256 characters; values have 1 to 255: change it/,
    },
    {
        title: "tag value empty",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { team: "" } }),
        expect: /tag "team" has a value of 0 characters; values have 1 to 255: change it/,
    },
    {
        title: "tag key with the reserved prefix qcs:",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { "qcs:owner": "me" } }),
        expect: /tag key "qcs:owner" starts with "qcs:", which Tencent Cloud reserves: change it/,
    },
    {
        title: "tag key with the reserved prefix project",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { projectId: "1" } }),
        expect: /starts with "project", which Tencent Cloud reserves/,
    },
    {
        title: "tag key of the package's own markers",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { "pulumi-images:name": "other" } }),
        expect: /tag key "pulumi-images:name" is reserved: .* marker tags this package sets .*: use another key/,
    },
    {
        title: "tag key with a character not allowed",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { "team#1": "web" } }),
        expect: /tag key "team#1" contains a character that is not allowed; use letters, digits, spaces and/,
    },
    {
        title: "tag value with a character not allowed",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { team: "web&db" } }),
        expect: /the value of tag "team" contains a character that is not allowed/,
    },
    {
        title: "tag key with a leading space",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { " team": "web" } }),
        expect: /tag key " team" starts or ends with a space: change it/,
    },
    {
        title: "tag value with a trailing space",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: { team: "web " } }),
        expect: /the value of tag "team" starts or ends with a space: change it/,
    },
    {
        title: "tags not a map",
        kind: "CustomImage",
        property: "tags",
        args: () => image({ tags: ["team=web"] }),
        expect: /tags must be a record, not a list: change it/,
    },
    // ---------------------------------------------------------------- CustomImage: flags and limits
    {
        title: "deleteSnapshotsOnDelete not a boolean",
        kind: "CustomImage",
        property: "deleteSnapshotsOnDelete",
        args: () => image({ deleteSnapshotsOnDelete: "true" }),
        expect: /deleteSnapshotsOnDelete must be a boolean, not a string: change it/,
    },
    {
        title: "adoptExisting not a boolean",
        kind: "CustomImage",
        property: "adoptExisting",
        args: () => image({ adoptExisting: "yes" }),
        expect: /adoptExisting must be a boolean, not a string: change it/,
    },
    {
        title: "adoptExisting of an image that is not the account's",
        kind: "CustomImage",
        property: "adoptExisting",
        args: () => image({ imageName: "team-base-tencentos", adoptExisting: true }),
        expect: /"team-base-tencentos"\) that account 100000000002 shares with this account; only your own custom images .* can be adopted .*: choose another imageName, or drop adoptExisting/,
    },
    {
        title: "timeoutMinutes zero",
        kind: "CustomImage",
        property: "timeoutMinutes",
        args: () => image({ timeoutMinutes: 0 }),
        expect: /timeoutMinutes is 0; at least 1 is required: raise it/,
    },
    {
        title: "timeoutMinutes not whole",
        kind: "CustomImage",
        property: "timeoutMinutes",
        args: () => image({ timeoutMinutes: 1.5 }),
        expect: /timeoutMinutes is 1.5: use a whole number/,
    },
    {
        title: "timeoutMinutes above a day",
        kind: "CustomImage",
        property: "timeoutMinutes",
        args: () => image({ timeoutMinutes: 2000 }),
        expect: /timeoutMinutes is 2000; at most 1440 is allowed: lower it/,
    },
    {
        title: "region quota full",
        kind: "CustomImage",
        property: "region",
        args: () =>
            image({
                region: FULL_REGION,
                source: { instanceId: seededInstanceId(MAIN_ACCOUNT.accountId, FULL_REGION, "web-1") },
            }),
        expect: /region ap-tokyo would hold 1 custom images but its quota is 0: .*delete custom images you no longer need in ap-tokyo, ask Tencent Cloud to raise the quota/,
        engine: true,
    },
    // ---------------------------------------------------------------- ImageShare
    {
        title: "imageId malformed",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { imageId: "image-1" }),
        expect: /imageId "image-1" is not an image ID: they look like img-/,
    },
    {
        title: "imageId missing",
        kind: "ImageShare",
        property: "imageId",
        args: () => ({ region: HOME, accountIds: ["100000000004"] }),
        expect: /imageId is required: set it/,
    },
    {
        title: "imageId not found",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { imageId: "img-zzzzzzzz" }),
        expect: /imageId "img-zzzzzzzz" is not an image in ap-guangzhou .*: check the ID/,
    },
    {
        title: "imageId of a public image",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { imageId: f.publicImageId }),
        expect: /img-\w+ is a public image .* owned by Tencent Cloud; only your own custom images \(PRIVATE_IMAGE\) can be shared: /,
        engine: true,
    },
    {
        title: "imageId of an image shared in by another account",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { imageId: f.sharedInImageId }),
        expect: /that account 100000000002 shares with this account; only your own custom images \(PRIVATE_IMAGE\) can be shared: /,
    },
    {
        title: "imageId of another account's private image",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { imageId: f.foreignPrivateImageId }),
        expect: /imageId "img-[a-z0-9]{8}" is not an image in ap-guangzhou .*: check the ID/,
    },
    {
        title: "imageId of a marketplace image",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { imageId: f.marketImageId }),
        expect: /is a marketplace image .*; only your own custom images \(PRIVATE_IMAGE\) can be shared: /,
    },
    {
        title: "imageId in another region than region",
        kind: "ImageShare",
        property: "imageId",
        args: (f) => share(f, { region: "ap-shanghai" }),
        expect: /imageId "img-\w+" is not an image in ap-shanghai .*set the region of the image/,
    },
    {
        title: "share region not a region ID",
        kind: "ImageShare",
        property: "region",
        args: (f) => share(f, { region: "ap_guangzhou" }),
        expect: /region "ap_guangzhou" is not a region ID.*did you mean ap-guangzhou/,
    },
    {
        title: "accountIds empty",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: [] }),
        expect: /accountIds is empty: list at least 1/,
    },
    {
        title: "accountIds not digits",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: ["team-a"] }),
        expect: /accountIds\[0\] "team-a" is not a root-account ID: account IDs are digit strings/,
        engine: true,
    },
    {
        title: "accountIds too short",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: ["1234"] }),
        expect: /accountIds\[0\] "1234" is not a root-account ID/,
    },
    {
        title: "accountIds listed twice",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: ["100000000004", "100000000004"] }),
        expect: /accountIds\[1\] "100000000004" is listed twice; each account may appear once: remove the duplicate/,
    },
    {
        title: "accountIds with the owner itself",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: [MAIN_ACCOUNT.accountId] }),
        expect: /accountIds\[0\] "100000000001" is this account, the owner of img-\w+; an image cannot be shared with its own account: remove it from accountIds/,
    },
    {
        title: "accountIds more than 50",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: manyAccounts(51) }),
        expect: /accountIds lists 51 accounts; one image can be shared with at most 50: list fewer accounts/,
    },
    {
        title: "accountIds over the image's share limit with the existing shares",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: manyAccounts(49) }),
        expect: /would be shared with 51 accounts but the limit is 50: it is shared with 2 that stay, this plan adds 49 .*; remove accounts from accountIds/,
    },
    {
        title: "accountIds not a list",
        kind: "ImageShare",
        property: "accountIds",
        args: (f) => share(f, { accountIds: "100000000004" }),
        expect: /accountIds must be a list, not a string: change it/,
    },
    {
        title: "mode unknown",
        kind: "ImageShare",
        property: "mode",
        args: (f) => share(f, { mode: "exclusive" }),
        expect: /mode "exclusive" is not one of "additive", "authoritative": use one of them/,
    },
    // ---------------------------------------------------------------- ImageCopy
    {
        title: "sourceImageId malformed",
        kind: "ImageCopy",
        property: "sourceImageId",
        args: (f) => copy(f, { sourceImageId: "IMG-1" }),
        expect: /sourceImageId "IMG-1" is not an image ID: they look like img-/,
    },
    {
        title: "sourceImageId not found",
        kind: "ImageCopy",
        property: "sourceImageId",
        args: (f) => copy(f, { sourceImageId: "img-zzzzzzzz" }),
        expect: /sourceImageId "img-zzzzzzzz" is not an image in ap-guangzhou .*: check the ID/,
    },
    {
        title: "sourceImageId of a public image",
        kind: "ImageCopy",
        property: "sourceImageId",
        args: (f) => copy(f, { sourceImageId: f.publicImageId }),
        expect: /is a public image .*; only your own custom images \(PRIVATE_IMAGE\) can be copied: /,
    },
    {
        title: "sourceImageId of an image shared in by another account",
        kind: "ImageCopy",
        property: "sourceImageId",
        args: (f) => copy(f, { sourceImageId: f.sharedInImageId }),
        expect: /account 100000000002 shares with this account; only your own custom images \(PRIVATE_IMAGE\) can be copied: /,
        engine: true,
    },
    {
        title: "sourceRegion not a region ID",
        kind: "ImageCopy",
        property: "sourceRegion",
        args: (f) => copy(f, { sourceRegion: "guangzhou" }),
        expect: /sourceRegion "guangzhou" is not a region ID/,
    },
    {
        title: "sourceRegion that does not exist",
        kind: "ImageCopy",
        property: "sourceRegion",
        args: (f) => copy(f, { sourceRegion: "ap-atlantis" }),
        expect: /sourceRegion "ap-atlantis" is not a CVM region: it is unknown, or CVM is not offered there .*: use one of those/,
    },
    {
        title: "destinationRegions empty",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: [] }),
        expect: /destinationRegions is empty: list at least 1/,
    },
    {
        title: "destinationRegions listed twice",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: ["ap-shanghai", "ap-shanghai"] }),
        expect: /destinationRegions\[1\] "ap-shanghai" is listed twice; each destination region may appear once/,
    },
    {
        title: "destinationRegions with the source region",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: ["ap-shanghai", HOME] }),
        expect: /destinationRegions includes the source region ap-guangzhou; a custom image cannot be copied to its own region: remove ap-guangzhou/,
        engine: true,
    },
    {
        title: "destinationRegions with a region that does not exist",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: ["ap-atlantis"] }),
        expect: /destinationRegions\[0\] "ap-atlantis" is not a CVM region: it is unknown, or CVM is not offered there/,
    },
    {
        title: "destinationRegions with a malformed region",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: ["Tokyo"] }),
        expect: /destinationRegions\[0\] "Tokyo" is not a region ID: region IDs look like ap-guangzhou; known regions: .*ap-tokyo/,
    },
    {
        title: "destinationRegions not a list",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: "ap-shanghai" }),
        expect: /destinationRegions must be a list, not a string: change it/,
    },
    {
        title: "destinationRegions into a full region",
        kind: "ImageCopy",
        property: "destinationRegions",
        args: (f) => copy(f, { destinationRegions: [FULL_REGION] }),
        expect: /region ap-tokyo would hold 1 custom images but its quota is 0: .*ask Tencent Cloud to raise the quota/,
    },
    {
        title: "copy imageName empty",
        kind: "ImageCopy",
        property: "imageName",
        args: (f) => copy(f, { imageName: "" }),
        expect: /imageName is empty: give it a value/,
    },
    {
        title: "copy imageName too long",
        kind: "ImageCopy",
        property: "imageName",
        args: (f) => copy(f, { imageName: "c".repeat(61) }),
        expect: /imageName ".*" is 61 characters; Tencent Cloud allows at most 60: shorten it/,
    },
    {
        title: "retainCopiesOnDelete not a boolean",
        kind: "ImageCopy",
        property: "retainCopiesOnDelete",
        args: (f) => copy(f, { retainCopiesOnDelete: "no" }),
        expect: /retainCopiesOnDelete must be a boolean, not a string: change it/,
    },
    {
        title: "copy deleteSnapshotsOnDelete not a boolean",
        kind: "ImageCopy",
        property: "deleteSnapshotsOnDelete",
        args: (f) => copy(f, { deleteSnapshotsOnDelete: 1 }),
        expect: /deleteSnapshotsOnDelete must be a boolean, not a number: change it/,
    },
    {
        title: "copy timeoutMinutes negative",
        kind: "ImageCopy",
        property: "timeoutMinutes",
        args: (f) => copy(f, { timeoutMinutes: -5 }),
        expect: /timeoutMinutes is -5; at least 1 is required: raise it/,
    },
    {
        title: "copy tags with a reserved marker key",
        kind: "ImageCopy",
        property: "tags",
        args: (f) => copy(f, { tags: { "pulumi-images:name": "other" } }),
        expect: /tags: tag key "pulumi-images:name" is reserved: .* use another key/,
        engine: true,
    },
    // ---------------------------------------------------------------- ImageRetention
    {
        title: "retention keepLatest 0",
        kind: "ImageRetention",
        property: "keepLatest",
        args: () => retention({ keepLatest: 0 }),
        expect: /keepLatest is 0; an ImageRetention always keeps at least the newest image it selects \(keepLatest ≥ 1\): set keepLatest to 1 or more/,
        engine: true,
    },
    {
        title: "retention keepLatest not a whole number",
        kind: "ImageRetention",
        property: "keepLatest",
        args: () => retention({ keepLatest: 2.5 }),
        expect: /keepLatest is 2\.5: use a whole number/,
    },
    {
        title: "retention with an empty selector",
        kind: "ImageRetention",
        property: "",
        args: () => ({ region: HOME, keepLatest: 3, tags: {} }),
        expect: /the selector is empty: an ImageRetention must select its images by family, namePrefix or tags .*: set family, namePrefix or tags/,
        engine: true,
    },
    {
        title: "retention family in a format the service refuses",
        kind: "ImageRetention",
        property: "family",
        args: () => retention({ family: "web servers" }),
        expect: /family "web servers" is not an image family name; Tencent Cloud refuses other family names \(InvalidImageFamily\): use 1 to 60 letters/,
        engine: true,
    },
    {
        title: "retention family empty",
        kind: "ImageRetention",
        property: "family",
        args: () => retention({ family: "" }),
        expect: /family "" is empty: name the family to select/,
    },
    {
        title: "retention protect tag that is not a tag",
        kind: "ImageRetention",
        property: "protectTags",
        args: () => retention({ protectTags: { "keep me!": "yes" } }),
        expect: /protectTags: tag key "keep me!" contains a character that is not allowed; use letters, digits, spaces and .*: change it/,
        engine: true,
    },
    {
        title: "retention protect tag with an empty value",
        kind: "ImageRetention",
        property: "protectTags",
        args: () => retention({ protectTags: { keep: "" } }),
        expect: /protectTags: tag "keep" has a value of 0 characters; values have 1 to 255: change it/,
    },
    {
        title: "retention region not a region ID",
        kind: "ImageRetention",
        property: "region",
        args: () => retention({ region: "Guangzhou" }),
        expect: /region "Guangzhou" is not a region ID.*did you mean ap-guangzhou/,
    },
    {
        title: "retention namePrefix too long",
        kind: "ImageRetention",
        property: "namePrefix",
        args: () => retention({ namePrefix: "x".repeat(61) }),
        expect: /namePrefix "x+…" is 61 characters; Tencent Cloud allows at most 60: shorten it/,
    },
    {
        title: "retention selector tags with a reserved marker key",
        kind: "ImageRetention",
        property: "tags",
        args: () => retention({ tags: { "pulumi-images:name": "web" } }),
        expect: /tags: tag key "pulumi-images:name" is reserved: .* use another key/,
    },
    {
        title: "retention makeRoomFor negative",
        kind: "ImageRetention",
        property: "makeRoomFor",
        args: () => retention({ makeRoomFor: -1 }),
        expect: /makeRoomFor is -1; at least 0 is required: raise it/,
    },
    {
        title: "retention makeRoomFor not a whole number",
        kind: "ImageRetention",
        property: "makeRoomFor",
        args: () => retention({ makeRoomFor: 1.5 }),
        expect: /makeRoomFor is 1\.5: use a whole number/,
    },
    {
        title: "retention allFamilyRegions without family",
        kind: "ImageRetention",
        property: "allFamilyRegions",
        args: () => retention({ family: undefined, namePrefix: "web-", allFamilyRegions: true }),
        expect: /allFamilyRegions is true but family is not set; .*: set family, or drop allFamilyRegions/,
    },
    {
        title: "retention keepDays 0",
        kind: "ImageRetention",
        property: "keepDays",
        args: () => retention({ keepDays: 0 }),
        expect: /keepDays is 0; at least 1 is required: raise it/,
    },
    {
        title: "retention action unknown",
        kind: "ImageRetention",
        property: "action",
        args: () => retention({ action: "archive" }),
        expect: /action "archive" is not one of "delete", "deprecate": use one of them/,
    },
    {
        title: "retention deleteSnapshots not a boolean",
        kind: "ImageRetention",
        property: "deleteSnapshots",
        args: () => retention({ deleteSnapshots: "yes" }),
        expect: /deleteSnapshots must be a boolean, not a string: change it/,
    },
    {
        title: "retention unshareBeforeDelete not a boolean",
        kind: "ImageRetention",
        property: "unshareBeforeDelete",
        args: () => retention({ unshareBeforeDelete: 1 }),
        expect: /unshareBeforeDelete must be a boolean, not a number: change it/,
    },
];
