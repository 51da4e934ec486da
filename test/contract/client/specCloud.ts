// A fake of every Tencent Cloud host behind nock whose replies come from the spec: each action
// answers with fullReply (every documented member filled in), shaped to the request where the
// client depends on it (an image per asked ID, pages of a listing, the name and tags a filter asks
// for). It records every request as sent, for the contract tests to hold against the spec.
import nock from "nock";
import { fullReply, hasAction, SpecService, SPEC_VERSIONS, specExamples } from "../apiSpec";

/** One request as the fake host received it. */
export interface SentRequest {
    service: SpecService;
    action: string;
    /** X-TC-Version. */
    version: string;
    /** X-TC-Region, when sent. */
    region: string | undefined;
    host: string;
    headers: Record<string, string>;
    /** The exact body bytes. */
    body: string;
    json: Record<string, unknown>;
}

/** How a scenario wants the fake to answer where the spec leaves a choice. */
export interface SpecCloudOptions {
    /** How many images a DescribeImages by filters matches in all (paged by Offset/Limit). Default 3. */
    listedImages?: number;
    /** ImportImage answers as the official example does (RequestId only, no ImageId). */
    importReplyAsExample?: boolean;
    /** DescribeImages by filters finds nothing this many times first (a new image not listed yet). */
    unlistedLooks?: number;
    /** How many instances a DescribeInstances without InstanceIds lists in all (paged). Default 2. */
    listedInstances?: number;
}

type Json = Record<string, unknown>;

const HOSTS = /^https:\/\/[a-z0-9.-]+\.tencentcloudapi\.com(:443)?$/;

let requestCounter = 0;

function filtersOf(body: Json): Map<string, string[]> {
    const filters = (body.Filters ?? []) as { Name: string; Values: string[] }[];
    return new Map(filters.map((f) => [f.Name, f.Values]));
}

/** The spec's sample of one element of a reply list, with its own fields replaced. */
function sampleItem(service: SpecService, action: string, list: string, fields: Json): Json {
    const [sample] = fullReply(service, action)[list] as Json[];
    return { ...structuredClone(sample), ...fields };
}

function describeImages(body: Json, options: SpecCloudOptions, looks: { count: number }): Json {
    const image = (fields: Json) => sampleItem("cvm", "DescribeImages", "ImageSet", fields);
    if (Array.isArray(body.ImageIds)) {
        const ImageSet = (body.ImageIds as string[]).map((ImageId) => image({ ImageId }));
        return { TotalCount: ImageSet.length, ImageSet };
    }
    const filters = filtersOf(body);
    const name = filters.get("image-name")?.[0];
    const Tags = [...filters]
        .filter(([filterName]) => filterName.startsWith("tag:"))
        .map(([filterName, values]) => ({ Key: filterName.slice(4), Value: values[0] }));
    const total = looks.count++ < (options.unlistedLooks ?? 0) ? 0 : (options.listedImages ?? 3);
    const offset = Number(body.Offset ?? 0);
    const limit = Number(body.Limit ?? 20);
    const ImageSet = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
        image({
            ImageId: `img-${String(offset + i).padStart(8, "0")}`,
            ...(name ? { ImageName: name } : {}),
            ...(filters.has("image-type") ? { ImageType: filters.get("image-type")![0] } : {}),
            Tags,
        }),
    );
    return { TotalCount: total, ImageSet };
}

function reply(
    service: SpecService,
    action: string,
    body: Json,
    options: SpecCloudOptions,
    looks: { count: number },
): Json {
    switch (action) {
        case "DescribeImages":
            return describeImages(body, options, looks);
        case "ImportImage":
            return options.importReplyAsExample
                ? specExamples("cvm", "ImportImage")[0].output
                : fullReply(service, action);
        case "DescribeInstances": {
            if (!Array.isArray(body.InstanceIds)) {
                const total = options.listedInstances ?? 2;
                const offset = Number(body.Offset ?? 0);
                const limit = Number(body.Limit ?? 20);
                const InstanceSet = Array.from(
                    { length: Math.max(0, Math.min(limit, total - offset)) },
                    (_, i) =>
                        sampleItem(service, action, "InstanceSet", {
                            InstanceId: `ins-${String(offset + i).padStart(8, "0")}`,
                        }),
                );
                return { TotalCount: total, InstanceSet };
            }
            const InstanceSet = (body.InstanceIds as string[]).map((InstanceId) =>
                sampleItem(service, action, "InstanceSet", { InstanceId }),
            );
            return { TotalCount: InstanceSet.length, InstanceSet };
        }
        case "DescribeSnapshots": {
            const SnapshotSet = ((body.SnapshotIds ?? []) as string[]).map((SnapshotId) =>
                sampleItem(service, action, "SnapshotSet", { SnapshotId }),
            );
            return { TotalCount: SnapshotSet.length, SnapshotSet };
        }
        case "GetCallerIdentity":
            // The official examples mask the account IDs ("1000262***"); a real reply has digits.
            return { ...fullReply(service, action), AccountId: "100000000001" };
        default:
            return fullReply(service, action);
    }
}

/**
 * Answers every POST / on every *.tencentcloudapi.com host until nock is cleaned, and returns the
 * list the requests are recorded in. An action the spec does not have is answered with the
 * gateway's InvalidAction, so a misspelt action fails the call as it would for real.
 */
export function specCloud(options: SpecCloudOptions = {}): SentRequest[] {
    const sent: SentRequest[] = [];
    const looks = { count: 0 };
    nock(HOSTS)
        .persist()
        .post("/")
        .reply(async (...args: unknown[]) => {
            const req = args[0] as Request;
            const body = await req.text();
            const headers: Record<string, string> = {};
            req.headers.forEach((value, key) => (headers[key] = value));
            const service = /\/([a-z]+)\/tc3_request/.exec(
                headers["authorization"] ?? "",
            )?.[1] as SpecService;
            const action = headers["x-tc-action"] ?? "";
            const json = JSON.parse(body) as Json;
            sent.push({
                service,
                action,
                version: headers["x-tc-version"] ?? "",
                region: headers["x-tc-region"],
                host: headers["host"] ?? new URL(req.url).host,
                headers,
                body,
                json,
            });
            const RequestId = `req-${++requestCounter}`;
            if (!(service in SPEC_VERSIONS) || !hasAction(service, action)) {
                return [200, { Response: { Error: { Code: "InvalidAction", Message: action }, RequestId } }];
            }
            return [200, { Response: { ...reply(service, action, json, options, looks), RequestId } }];
        });
    return sent;
}
