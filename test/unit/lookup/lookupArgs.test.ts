import { strict as assert } from "node:assert";
import { describeCriteria, LookupArgumentError, parseLookupArgs } from "../../../provider/lookup/lookupArgs";

/** The error parseLookupArgs throws for `input`. */
function failure(input: unknown): LookupArgumentError {
    try {
        parseLookupArgs(input, "getImage");
    } catch (err) {
        assert.ok(err instanceof LookupArgumentError, `unexpected error ${String(err)}`);
        return err;
    }
    assert.fail("expected the arguments to be refused");
}

describe("lookup arguments", () => {
    it("applies the defaults: NORMAL only, no mostRecent, no other filter", () => {
        assert.deepEqual(parseLookupArgs(undefined), {
            states: ["NORMAL"],
            includeDeprecated: false,
            mostRecent: false,
            allowUnsafeMostRecent: false,
        });
    });

    it("family: the image-family format; a family lookup also keeps SYNCING (the source of a running copy)", () => {
        const c = parseLookupArgs({ family: "web-prod" });
        assert.equal(c.family, "web-prod");
        assert.deepEqual(c.states, ["NORMAL", "SYNCING"]);
        assert.deepEqual(parseLookupArgs({ family: "web", states: ["NORMAL"] }).states, ["NORMAL"]);
        assert.equal(parseLookupArgs({ includeDeprecated: true }).includeDeprecated, true);
        for (const family of ["web app", "1web", "", "f".repeat(61)]) {
            const err = failure({ family });
            assert.match(err.message, /family must be an image family name: 1 to 60 letters, digits/, family);
        }
        assert.match(
            failure({ includeDeprecated: "yes" }).message,
            /includeDeprecated must be true or false/,
        );
    });

    it("accepts imageType as shorthand for imageTypes, case-insensitively", () => {
        assert.deepEqual(parseLookupArgs({ imageType: "public_image" }).imageTypes, ["PUBLIC_IMAGE"]);
        assert.deepEqual(parseLookupArgs({ imageTypes: ["SHARED_IMAGE", "Market_Image"] }).imageTypes, [
            "SHARED_IMAGE",
            "MARKET_IMAGE",
        ]);
    });

    it("refuses imageType and imageTypes together", () => {
        const err = failure({ imageType: "PUBLIC_IMAGE", imageTypes: ["PRIVATE_IMAGE"] });
        assert.match(
            err.message,
            /^Invalid getImage arguments: imageType give imageType or imageTypes, not both/,
        );
    });

    it("names a bad image type and lists the accepted ones", () => {
        const err = failure({ imageTypes: ["PUBLIC_IMAGE", "CUSTOM_IMAGE"] });
        assert.deepEqual(err.problems, [
            "imageTypes[1] must be one of PUBLIC_IMAGE, PRIVATE_IMAGE, SHARED_IMAGE, MARKET_IMAGE",
        ]);
    });

    const architectures: [string, string[]][] = [
        ["x86_64", ["x86_64"]],
        ["X86_64", ["x86_64"]],
        ["i386", ["i386"]],
        ["arm", ["arm"]],
        ["arm_64", ["arm"]],
        ["arm64", ["arm"]],
        ["aarch64", ["arm"]],
        ["64-bit", ["x86_64", "arm"]],
        ["32-bit", ["i386"]],
    ];
    for (const [given, expected] of architectures) {
        it(`normalises architecture ${given} to ${expected.join(" or ")}`, () => {
            const c = parseLookupArgs({ architecture: given });
            assert.deepEqual(c.architectures, expected);
            assert.equal(c.architecture, given);
        });
    }

    it("refuses an unknown architecture with the accepted spellings", () => {
        const err = failure({ architecture: "ppc64le" });
        assert.match(
            err.message,
            /architecture is not recognised; use x86_64, i386, arm \(also arm_64, arm64, aarch64\), 64-bit or 32-bit/,
        );
    });

    it("compiles nameRegex, unanchored", () => {
        const c = parseLookupArgs({ nameRegex: "ubuntu-2[24]\\.04" });
        assert.ok(c.nameRegex instanceof RegExp);
        assert.ok(c.nameRegex.test("img-ubuntu-22.04-2026"));
    });

    it("refuses an invalid nameRegex, naming it", () => {
        const err = failure({ nameRegex: "ubuntu-(22" });
        assert.equal(err.problems.length, 1);
        assert.match(err.problems[0], /^nameRegex is not a valid regular expression \(.*\)/);
    });

    it("refuses unknown argument names (typos) and lists the known ones", () => {
        const err = failure({ name_regex: "x", mostrecent: true });
        assert.match(
            err.message,
            /unknown arguments name_regex, mostrecent \(known: region, imageTypes, imageType,/,
        );
    });

    it("refuses malformed image IDs, regions, states and booleans, each by name", () => {
        const err = failure({
            imageIds: ["img-gvbnzy6f", "ami-123"],
            region: "Guangzhou",
            states: ["normal", "BROKEN"],
            mostRecent: "yes",
        });
        assert.deepEqual(err.problems.sort(), [
            "imageIds[1] must be an image ID such as img-gvbnzy6f",
            "mostRecent must be true or false",
            "region must be a region ID such as ap-guangzhou",
            "states[1] must be one of CREATING, NORMAL, CREATEFAILED, SYNCING, IMPORTING, IMPORTFAILED, USING",
        ]);
    });

    it("refuses empty lists, an empty platform and non-object arguments", () => {
        assert.deepEqual(failure({ imageTypes: [] }).problems, [
            "imageTypes must list at least one image type",
        ]);
        assert.deepEqual(failure({ states: [] }).problems, ["states must list at least one state"]);
        assert.deepEqual(failure({ platform: "  " }).problems, ["platform must not be empty"]);
        assert.deepEqual(failure("ubuntu").problems, ["must be an object of arguments"]);
        assert.deepEqual(failure({ tags: ["a"] }).problems, ["tags must be an object of tag key → value"]);
        assert.deepEqual(failure({ tags: { "": "x" } }).problems, ["tags must not have an empty tag key"]);
        assert.deepEqual(failure({ tags: { team: 3 } }).problems, [
            "tags[team] must be a string (tag values are strings)",
        ]);
    });

    it("normalises states case-insensitively and removes duplicates", () => {
        const c = parseLookupArgs({
            states: ["normal", "NORMAL", "syncing"],
            imageIds: ["img-aaaaaaaa", "img-aaaaaaaa"],
        });
        assert.deepEqual(c.states, ["NORMAL", "SYNCING"]);
        assert.deepEqual(c.imageIds, ["img-aaaaaaaa"]);
    });

    it("restates the criteria for messages", () => {
        const c = parseLookupArgs({
            imageType: "PUBLIC_IMAGE",
            platform: "Ubuntu",
            architecture: "64-bit",
            nameRegex: "^u",
            tags: { team: "web" },
        });
        assert.equal(
            describeCriteria(c),
            'imageTypes PUBLIC_IMAGE; platform containing "Ubuntu"; architecture 64-bit (x86_64 or arm); ' +
                "nameRegex /^u/; tags team=web; states NORMAL; not deprecated",
        );
    });
});
