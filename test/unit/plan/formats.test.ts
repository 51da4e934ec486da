import assert from "node:assert/strict";
import {
    ACCOUNT_ID_PATTERN,
    BOOT_MODES,
    DISK_ID_PATTERN,
    IMAGE_ID_PATTERN,
    IMPORT_ARCHITECTURES,
    INSTANCE_ID_PATTERN,
    KNOWN_REGIONS,
    LICENSE_TYPES,
    MAINLAND_CHINA_REGIONS,
    REGION_PATTERN,
    SNAPSHOT_ID_PATTERN,
    editDistance,
    isKnownRegion,
    isMainlandChina,
    nearestName,
    tagProblems,
} from "../../../provider/plan/formats";

describe("plan/formats", () => {
    const cases: [string, RegExp, string[], string[]][] = [
        [
            "image",
            IMAGE_ID_PATTERN,
            ["img-gvbnzy6f", "img-00000000"],
            ["img-34vaef8fe", "img-GVBNZY6F", "img-1234567", "ins-gvbnzy6f", " img-gvbnzy6f"],
        ],
        ["instance", INSTANCE_ID_PATTERN, ["ins-2v3sqe2t"], ["ins-1122", "ins-2V3SQE2T", "img-2v3sqe2t"]],
        ["disk", DISK_ID_PATTERN, ["disk-8pl1rzxa"], ["disk-8pl1rzx", "snap-8pl1rzxa"]],
        [
            "snapshot",
            SNAPSHOT_ID_PATTERN,
            ["snap-4l2rz0ab"],
            ["snap-4l2rz0a", "snap-4l2rz0abc", "disk-4l2rz0ab"],
        ],
        [
            "account",
            ACCOUNT_ID_PATTERN,
            ["103849387508", "2700036", "12345", "1".repeat(20)],
            ["1234", "1".repeat(21), "12a45", "-12345", ""],
        ],
        [
            "region",
            REGION_PATTERN,
            [...KNOWN_REGIONS],
            ["Guangzhou", "ap_guangzhou", "ap-", "AP-GUANGZHOU", ""],
        ],
    ];
    for (const [what, pattern, good, bad] of cases) {
        it(`${what} IDs: accepts ${good.length} valid, refuses ${bad.length} invalid`, () => {
            for (const v of good) assert.ok(pattern.test(v), `${v} should be valid`);
            for (const v of bad) assert.ok(!pattern.test(v), `${v} should be invalid`);
        });
    }

    it("knows the 18 regions and the 8 mainland China ones", () => {
        assert.equal(KNOWN_REGIONS.length, 18);
        assert.equal(new Set(KNOWN_REGIONS).size, 18);
        assert.deepEqual([...MAINLAND_CHINA_REGIONS].sort(), [
            "ap-beijing",
            "ap-chengdu",
            "ap-chongqing",
            "ap-guangzhou",
            "ap-nanjing",
            "ap-shanghai",
            "ap-shanghai-fsi",
            "ap-shenzhen-fsi",
        ]);
        assert.ok(MAINLAND_CHINA_REGIONS.every(isKnownRegion));
        assert.equal(isMainlandChina("ap-guangzhou"), true);
        assert.equal(isMainlandChina("ap-hongkong"), false);
        assert.equal(isMainlandChina("ap-singapore"), false);
        assert.equal(isKnownRegion("ap-mumbai"), false);
    });

    it("lists the import architectures, boot modes and licence types", () => {
        assert.deepEqual([...IMPORT_ARCHITECTURES], ["x86_64", "i386", "arm_64"]);
        assert.deepEqual([...BOOT_MODES], ["Legacy BIOS", "UEFI"]);
        assert.deepEqual([...LICENSE_TYPES], ["TencentCloud", "BYOL"]);
    });

    it("suggests the nearest region for a typo, and none for nonsense", () => {
        assert.equal(editDistance("kitten", "sitting"), 3);
        assert.equal(nearestName("ap-guangzou", KNOWN_REGIONS), "ap-guangzhou");
        assert.equal(nearestName("AP_SHANGHAI", KNOWN_REGIONS), "ap-shanghai");
        assert.equal(nearestName("eu-frankfort", KNOWN_REGIONS), "eu-frankfurt");
        assert.equal(nearestName("mars-olympus", KNOWN_REGIONS), undefined);
    });

    describe("tags", () => {
        it("accepts a valid tag with special characters and inner spaces", () => {
            assert.deepEqual(tagProblems("team/app:web", "a b+c-d=e.f_g:h/i@j(k)[l],m;n>o<p"), []);
            assert.deepEqual(tagProblems("环境", "生产"), []);
        });
        it("refuses keys longer than 127 and values longer than 255, and empty ones", () => {
            assert.deepEqual(tagProblems("k".repeat(127), "v".repeat(255)), []);
            assert.match(tagProblems("k".repeat(128), "v").join(), /128 characters; keys have 1 to 127/);
            assert.match(
                tagProblems("k", "v".repeat(256)).join(),
                /value of 256 characters; values have 1 to 255/,
            );
            assert.match(tagProblems("", "v").join(), /keys have 1 to 127/);
            assert.match(tagProblems("k", "").join(), /values have 1 to 255/);
        });
        it("refuses leading or trailing spaces", () => {
            assert.match(tagProblems(" k", "v").join(), /tag key " k" starts or ends with a space/);
            assert.match(tagProblems("k", "v ").join(), /value of tag "k" starts or ends with a space/);
        });
        it("refuses characters outside the allowed set", () => {
            assert.match(tagProblems("a#b", "v").join(), /not allowed/);
            assert.match(tagProblems("k", "a*b").join(), /not allowed/);
        });
        it("refuses the reserved prefixes qcs:, project and 项目", () => {
            for (const key of ["qcs:x", "project", "projectId", "项目名"]) {
                assert.match(tagProblems(key, "v").join(), /which Tencent Cloud reserves/, key);
            }
            assert.deepEqual(tagProblems("myproject", "v"), []);
        });
    });
});
