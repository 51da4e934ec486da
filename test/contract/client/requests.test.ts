import * as assert from "node:assert/strict";
import nock from "nock";
import {
    actionDocument,
    requestMemberDocument,
    requestProblems,
    SpecService,
    specVersionHeader,
} from "../apiSpec";
import { DOCUMENTED_LIMITS, documentedFilters, limitProblems } from "./documentedLimits";
import { ALL_SCENARIOS } from "./scenarios";
import { runScenario } from "./runScenario";
import { SentRequest } from "./specCloud";

/** Services whose actions take no region (the Region service and STS answer for the whole account). */
const REGIONLESS = new Set(["region", "sts"]);

/** Words of an action's document that say it is no longer maintained ("暂时停止更新"). */
const UNMAINTAINED = /停止更新|不再维护|已废弃|下线/;

const plain = (html: string) =>
    html
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim();

/** Everything that makes one request break the spec, as sentences. */
function specProblems(request: SentRequest): string[] {
    const { service, action, json } = request;
    const problems = [...requestProblems(service, action, json), ...limitProblems(service, action, json)];
    const { document, status } = actionDocument(service, action);
    if (status !== "online") problems.push(`${action}: status ${status} in the spec`);
    if (UNMAINTAINED.test(document)) problems.push(`${action}: the spec says it is no longer maintained`);
    if (request.version !== specVersionHeader(service))
        problems.push(
            `${action}: X-TC-Version ${request.version}, the spec is ${specVersionHeader(service)}`,
        );
    // The SDKs sign for the service named by the host's first label: the two must agree.
    if (request.host && request.host.split(".")[0] !== service)
        problems.push(`${action}: sent to ${request.host}, signed for ${service}`);
    if (REGIONLESS.has(service) !== (request.region === undefined))
        problems.push(`${action}: X-TC-Region ${request.region ?? "missing"}`);
    return problems;
}

describe("contract: every request the client builds is valid against the spec", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    for (const [operation, scenarios] of Object.entries(ALL_SCENARIOS)) {
        for (const scenario of scenarios) {
            it(`${operation}: ${scenario.label}`, async () => {
                const { requests: sent } = await runScenario(scenario);
                assert.deepEqual(
                    sent.map((r) => r.action),
                    scenario.sends,
                );
                assert.deepEqual(sent.flatMap(specProblems), []);
            });
        }
    }

    it("each documented limit quotes the document of its parameter", () => {
        for (const limit of DOCUMENTED_LIMITS) {
            const document = plain(requestMemberDocument(limit.service, limit.action, limit.parameter));
            assert.ok(
                document.includes(plain(limit.quote)),
                `${limit.service} ${limit.action}.${limit.parameter} does not say "${limit.quote}"`,
            );
        }
    });

    it("the lists the spec sets no number for still have none (a limit added later shows up here)", () => {
        // The client sends these whole (or in batches of 100 where it pages anyway): accounts per
        // share, tags per new image, IDs per DescribeImages / DeleteImages, regions per copy.
        const unlimited: Array<[SpecService, string, string]> = [
            ["cvm", "ModifyImageSharePermission", "AccountIds"],
            ["cvm", "CreateImage", "TagSpecification"],
            ["cvm", "ImportImage", "TagSpecification"],
            ["cvm", "DescribeImages", "ImageIds"],
            ["cvm", "DeleteImages", "ImageIds"],
            ["cvm", "SyncImages", "DestinationRegions"],
            ["cbs", "DescribeSnapshots", "SnapshotIds"],
        ];
        for (const [service, action, parameter] of unlimited) {
            const document = plain(requestMemberDocument(service, action, parameter));
            assert.doesNotMatch(document, /上限|不超过|最多|最大|至多/, `${action}.${parameter}`);
        }
    });

    it("reads the documented image-type values from the Filters document: no marketplace value", () => {
        const filters = documentedFilters("cvm", "DescribeImages");
        assert.deepEqual(filters.get("image-type"), ["PRIVATE_IMAGE", "PUBLIC_IMAGE", "SHARED_IMAGE"]);
        assert.ok(filters.has("tag:tag-key") && filters.has("image-name") && filters.has("platform"));
    });

    it("finds what the checks are for: an over-limit, undocumented or deprecated request", () => {
        const request = (action: string, json: Record<string, unknown>, service = "cvm"): SentRequest =>
            ({
                service,
                action,
                json,
                version: specVersionHeader("cvm"),
                region: "ap-guangzhou",
            }) as SentRequest;
        const problems = [
            ...specProblems(
                request("DescribeImages", {
                    ImageIds: ["img-1"],
                    Filters: [{ Name: "image-type", Values: ["MARKET_IMAGE", "A", "B", "C", "D", "E"] }],
                    Limit: 101,
                }),
            ),
            ...specProblems(request("DescribeRegions", {})),
            ...specProblems(
                request(
                    "ModifyResourceTags",
                    { Resource: "qcs::cvm:ap-guangzhou:uin/:image/img-1", DeleteTags: [] },
                    "tag",
                ),
            ),
        ];
        for (const expected of [
            /ImageIds and Filters together/,
            /image-type has 6 values, at most 5/,
            /image-type = MARKET_IMAGE is not one of its documented values/,
            /Limit: 101, at most 100/,
            /DescribeRegions: the spec says it is no longer maintained/,
            /DeleteTags: an empty list/,
            /Resource: qcs::cvm:ap-guangzhou:uin\/:image\/img-1 is not/,
        ]) {
            assert.ok(
                problems.some((p) => expected.test(p)),
                `${String(expected)} not among ${problems.join("; ")}`,
            );
        }
    });
});
