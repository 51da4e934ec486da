// The limits the spec writes only in prose (the `document` text of a parameter), as checks of a
// request body. Each limit quotes the words of the document it comes from, and a test holds the
// quote against the spec, so the table cannot drift from it. Filter names and their enumerated
// values are read from the Filters document itself.
import { requestMemberDocument, SpecService } from "../apiSpec";

type Body = Record<string, unknown>;

export interface DocumentedLimit {
    service: SpecService;
    action: string;
    /** The parameter whose document states the limit. */
    parameter: string;
    /** The words of that document that state it. */
    quote: string;
    /** What a body breaks of the limit (empty when it keeps it). */
    problems(body: Body): string[];
}

const list = (body: Body, name: string): unknown[] | undefined =>
    Array.isArray(body[name]) ? (body[name] as unknown[]) : undefined;

function atMost(parameter: string, max: number) {
    return (body: Body): string[] => {
        const items = list(body, parameter);
        return items && items.length > max ? [`${parameter}: ${items.length} items, at most ${max}`] : [];
    };
}

function limitAtMost(max: number) {
    return (body: Body): string[] =>
        typeof body.Limit === "number" && body.Limit > max ? [`Limit: ${body.Limit}, at most ${max}`] : [];
}

function notTogether(a: string, b: string) {
    return (body: Body): string[] => (a in body && b in body ? [`${a} and ${b} together`] : []);
}

function longest(parameter: string, max: number) {
    return (body: Body): string[] =>
        typeof body[parameter] === "string" && (body[parameter] as string).length > max
            ? [`${parameter}: ${(body[parameter] as string).length} characters, at most ${max}`]
            : [];
}

function oneOf(parameter: string, values: string[]) {
    return (body: Body): string[] =>
        parameter in body && !values.includes(body[parameter] as string)
            ? [`${parameter}: ${JSON.stringify(body[parameter])} is not one of ${values.join(", ")}`]
            : [];
}

function notEmptyList(parameter: string) {
    return (body: Body): string[] =>
        list(body, parameter)?.length === 0 ? [`${parameter}: an empty list`] : [];
}

const keysOf = (body: Body, parameter: string) =>
    (list(body, parameter) ?? []).map((t) => (t as { TagKey: string }).TagKey);

/** A Filter's documented names and, where the document enumerates them, its values. */
export function documentedFilters(service: SpecService, action: string): Map<string, string[] | undefined> {
    const text = requestMemberDocument(service, action, "Filters");
    const sections = text.split(/<li><strong>/).slice(1);
    return new Map(
        sections.map((section) => {
            const name = section.slice(0, section.indexOf("</strong>"));
            const options = section.split("可选项：")[1];
            const values = options ? [...options.matchAll(/>([A-Z][A-Z_]+):/g)].map((m) => m[1]) : undefined;
            return [name, values && values.length > 0 ? values : undefined];
        }),
    );
}

/** Filters whose names and values the document lists; `tag:tag-key` stands for any `tag:<key>`. */
function filtersDocumented(service: SpecService, action: string) {
    return (body: Body): string[] => {
        const documented = documentedFilters(service, action);
        return ((list(body, "Filters") ?? []) as { Name: string; Values: string[] }[]).flatMap((filter) => {
            const name = filter.Name.startsWith("tag:") ? "tag:tag-key" : filter.Name;
            if (!documented.has(name)) return [`Filters: ${filter.Name} is not a documented filter`];
            const values = documented.get(name);
            return filter.Values.filter((v) => values && !values.includes(v)).map(
                (v) =>
                    `Filters: ${filter.Name} = ${v} is not one of its documented values (${values!.join(", ")})`,
            );
        });
    };
}

function filterValuesAtMost(max: number) {
    return (body: Body): string[] =>
        ((list(body, "Filters") ?? []) as { Name: string; Values: unknown[] }[])
            .filter((f) => f.Values.length > max)
            .map((f) => `Filters: ${f.Name} has ${f.Values.length} values, at most ${max}`);
}

/** The limits of one action: [parameter, the words of its document, the check]. */
function limitsOf(
    service: SpecService,
    action: string,
    limits: Array<[string, string, (body: Body) => string[]]>,
): DocumentedLimit[] {
    return limits.map(([parameter, quote, problems]) => ({ service, action, parameter, quote, problems }));
}

export const DOCUMENTED_LIMITS: DocumentedLimit[] = [
    ...limitsOf("cvm", "DescribeImages", [
        ["Filters", "每次请求的`Filters`的上限为10", atMost("Filters", 10)],
        ["Filters", "`Filters.Values`的上限为5", filterValuesAtMost(5)],
        ["Filters", "参数不可以同时指定`ImageIds`和`Filters`", notTogether("ImageIds", "Filters")],
        ["Filters", "详细的过滤条件如下", filtersDocumented("cvm", "DescribeImages")],
        ["Limit", "最大值为100", limitAtMost(100)],
    ]),
    ...limitsOf("cvm", "DescribeInstances", [
        ["InstanceIds", "每次请求的实例的上限为100", atMost("InstanceIds", 100)],
        ["InstanceIds", "参数不支持同时指定`InstanceIds`和`Filters`", notTogether("InstanceIds", "Filters")],
        ["Limit", "最大值为100", limitAtMost(100)],
    ]),
    ...limitsOf("cbs", "DescribeSnapshots", [
        ["SnapshotIds", "参数不支持同时指定`SnapshotIds`和`Filters`", notTogether("SnapshotIds", "Filters")],
        ["Limit", "最大值为100", limitAtMost(100)],
    ]),
    ...limitsOf("cvm", "CreateImage", [
        ["ImageName", "最多支持60个字符", longest("ImageName", 60)],
        ["ImageDescription", "最多支持 256 个字符", longest("ImageDescription", 256)],
        [
            "InstanceId",
            "InstanceId 和 SnapshotIds 为二选一必填参数",
            (body) =>
                "InstanceId" in body === "SnapshotIds" in body
                    ? ["exactly one of InstanceId and SnapshotIds"]
                    : [],
        ],
        ["ForcePoweroff", "true：表示关机之后制作镜像", oneOf("ForcePoweroff", ["true", "false"])],
        ["Sysprep", "取值范围：true或false", oneOf("Sysprep", ["true", "false"])],
    ]),
    ...limitsOf("cvm", "ImportImage", [
        ["ImageName", "最多支持 60 个字符", longest("ImageName", 60)],
        ["ImageDescription", "最多支持 256 个字符", longest("ImageDescription", 256)],
        [
            "Architecture",
            "取值范围包括：`x86_64` 、`i386`、`arm_64`",
            oneOf("Architecture", ["x86_64", "i386", "arm_64"]),
        ],
        ["BootMode", "取值范围：`Legacy BIOS`、`UEFI`", oneOf("BootMode", ["Legacy BIOS", "UEFI"])],
        [
            "LicenseType",
            "TencentCloud: 腾讯云官方许可 BYOL: 自带许可",
            oneOf("LicenseType", ["TencentCloud", "BYOL"]),
        ],
    ]),
    ...limitsOf("cvm", "ModifyImageAttribute", [
        ["ImageName", "不得超过60个字符", longest("ImageName", 60)],
        ["ImageDescription", "不得超过 256 个字符", longest("ImageDescription", 256)],
    ]),
    ...limitsOf("cvm", "ModifyImageSharePermission", [
        ["Permission", "操作，包括 `SHARE`，`CANCEL`", oneOf("Permission", ["SHARE", "CANCEL"])],
    ]),
    ...limitsOf("cvm", "SyncImages", [["ImageName", "最多支持 60 个字符", longest("ImageName", 60)]]),
    ...limitsOf("tag", "ModifyResourceTags", [
        ["ReplaceTags", "标签数量不超过10个", atMost("ReplaceTags", 10)],
        ["DeleteTags", "标签数量不超过10个", atMost("DeleteTags", 10)],
        [
            "ReplaceTags",
            "可以不传该参数，但不能是空数组",
            (body) => [...notEmptyList("ReplaceTags")(body), ...notEmptyList("DeleteTags")(body)],
        ],
        [
            "ReplaceTags",
            "ReplaceTags和DeleteTags二者必须存在其一，且二者不能包含相同的标签键",
            (body) => {
                if (!("ReplaceTags" in body) && !("DeleteTags" in body))
                    return ["neither ReplaceTags nor DeleteTags"];
                const replaced = new Set(keysOf(body, "ReplaceTags"));
                return keysOf(body, "DeleteTags")
                    .filter((key) => replaced.has(key))
                    .map((key) => `tag key ${key} in both ReplaceTags and DeleteTags`);
            },
        ],
        [
            "Resource",
            "资源六段式描述",
            (body) =>
                /^qcs::cvm:[a-z]+-[a-z0-9-]+:uin\/\d+:image\/img-[0-9a-z]+$/.test(String(body.Resource))
                    ? []
                    : [
                          `Resource: ${String(body.Resource)} is not qcs::cvm:<region>:uin/<account ID>:image/<image ID>`,
                      ],
        ],
    ]),
    ...limitsOf("region", "DescribeRegions", [
        [
            "Product",
            "待查询产品的名称，例如cvm",
            (body) => (body.Product === "cvm" ? [] : [`Product: ${String(body.Product)}, not cvm`]),
        ],
    ]),
];

/** What a request breaks of the limits documented for its action. */
export function limitProblems(service: SpecService, action: string, body: Body): string[] {
    return DOCUMENTED_LIMITS.filter((l) => l.service === service && l.action === action).flatMap((l) =>
        l.problems(body).map((p) => `${action}.${p} (the spec: "${l.quote}")`),
    );
}
