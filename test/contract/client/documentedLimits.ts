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

export const DOCUMENTED_LIMITS: DocumentedLimit[] = [
    // DescribeImages
    {
        service: "cvm",
        action: "DescribeImages",
        parameter: "Filters",
        quote: "每次请求的`Filters`的上限为10",
        problems: atMost("Filters", 10),
    },
    {
        service: "cvm",
        action: "DescribeImages",
        parameter: "Filters",
        quote: "`Filters.Values`的上限为5",
        problems: filterValuesAtMost(5),
    },
    {
        service: "cvm",
        action: "DescribeImages",
        parameter: "Filters",
        quote: "参数不可以同时指定`ImageIds`和`Filters`",
        problems: notTogether("ImageIds", "Filters"),
    },
    {
        service: "cvm",
        action: "DescribeImages",
        parameter: "Filters",
        quote: "详细的过滤条件如下",
        problems: filtersDocumented("cvm", "DescribeImages"),
    },
    {
        service: "cvm",
        action: "DescribeImages",
        parameter: "Limit",
        quote: "最大值为100",
        problems: limitAtMost(100),
    },
    // DescribeInstances
    {
        service: "cvm",
        action: "DescribeInstances",
        parameter: "InstanceIds",
        quote: "每次请求的实例的上限为100",
        problems: atMost("InstanceIds", 100),
    },
    {
        service: "cvm",
        action: "DescribeInstances",
        parameter: "InstanceIds",
        quote: "参数不支持同时指定`InstanceIds`和`Filters`",
        problems: notTogether("InstanceIds", "Filters"),
    },
    {
        service: "cvm",
        action: "DescribeInstances",
        parameter: "Limit",
        quote: "最大值为100",
        problems: limitAtMost(100),
    },
    // DescribeSnapshots
    {
        service: "cbs",
        action: "DescribeSnapshots",
        parameter: "SnapshotIds",
        quote: "参数不支持同时指定`SnapshotIds`和`Filters`",
        problems: notTogether("SnapshotIds", "Filters"),
    },
    {
        service: "cbs",
        action: "DescribeSnapshots",
        parameter: "Limit",
        quote: "最大值为100",
        problems: limitAtMost(100),
    },
    // CreateImage
    {
        service: "cvm",
        action: "CreateImage",
        parameter: "ImageName",
        quote: "最多支持60个字符",
        problems: longest("ImageName", 60),
    },
    {
        service: "cvm",
        action: "CreateImage",
        parameter: "ImageDescription",
        quote: "最多支持 256 个字符",
        problems: longest("ImageDescription", 256),
    },
    {
        service: "cvm",
        action: "CreateImage",
        parameter: "InstanceId",
        quote: "InstanceId 和 SnapshotIds 为二选一必填参数",
        problems: (body) =>
            "InstanceId" in body === "SnapshotIds" in body
                ? ["exactly one of InstanceId and SnapshotIds"]
                : [],
    },
    {
        service: "cvm",
        action: "CreateImage",
        parameter: "ForcePoweroff",
        quote: "true：表示关机之后制作镜像",
        problems: oneOf("ForcePoweroff", ["true", "false"]),
    },
    {
        service: "cvm",
        action: "CreateImage",
        parameter: "Sysprep",
        quote: "取值范围：true或false",
        problems: oneOf("Sysprep", ["true", "false"]),
    },
    // ImportImage
    {
        service: "cvm",
        action: "ImportImage",
        parameter: "ImageName",
        quote: "最多支持 60 个字符",
        problems: longest("ImageName", 60),
    },
    {
        service: "cvm",
        action: "ImportImage",
        parameter: "ImageDescription",
        quote: "最多支持 256 个字符",
        problems: longest("ImageDescription", 256),
    },
    {
        service: "cvm",
        action: "ImportImage",
        parameter: "Architecture",
        quote: "取值范围包括：`x86_64` 、`i386`、`arm_64`",
        problems: oneOf("Architecture", ["x86_64", "i386", "arm_64"]),
    },
    {
        service: "cvm",
        action: "ImportImage",
        parameter: "BootMode",
        quote: "取值范围：`Legacy BIOS`、`UEFI`",
        problems: oneOf("BootMode", ["Legacy BIOS", "UEFI"]),
    },
    {
        service: "cvm",
        action: "ImportImage",
        parameter: "LicenseType",
        quote: "TencentCloud: 腾讯云官方许可 BYOL: 自带许可",
        problems: oneOf("LicenseType", ["TencentCloud", "BYOL"]),
    },
    // ModifyImageAttribute
    {
        service: "cvm",
        action: "ModifyImageAttribute",
        parameter: "ImageName",
        quote: "不得超过60个字符",
        problems: longest("ImageName", 60),
    },
    {
        service: "cvm",
        action: "ModifyImageAttribute",
        parameter: "ImageDescription",
        quote: "不得超过 256 个字符",
        problems: longest("ImageDescription", 256),
    },
    // ModifyImageSharePermission (AccountIds: the document states no number per call)
    {
        service: "cvm",
        action: "ModifyImageSharePermission",
        parameter: "Permission",
        quote: "操作，包括 `SHARE`，`CANCEL`",
        problems: oneOf("Permission", ["SHARE", "CANCEL"]),
    },
    // SyncImages
    {
        service: "cvm",
        action: "SyncImages",
        parameter: "ImageName",
        quote: "最多支持 60 个字符",
        problems: longest("ImageName", 60),
    },
    // Tag ModifyResourceTags
    {
        service: "tag",
        action: "ModifyResourceTags",
        parameter: "ReplaceTags",
        quote: "标签数量不超过10个",
        problems: atMost("ReplaceTags", 10),
    },
    {
        service: "tag",
        action: "ModifyResourceTags",
        parameter: "DeleteTags",
        quote: "标签数量不超过10个",
        problems: atMost("DeleteTags", 10),
    },
    {
        service: "tag",
        action: "ModifyResourceTags",
        parameter: "ReplaceTags",
        quote: "可以不传该参数，但不能是空数组",
        problems: (body) => [...notEmptyList("ReplaceTags")(body), ...notEmptyList("DeleteTags")(body)],
    },
    {
        service: "tag",
        action: "ModifyResourceTags",
        parameter: "ReplaceTags",
        quote: "ReplaceTags和DeleteTags二者必须存在其一，且二者不能包含相同的标签键",
        problems: (body) => {
            if (!("ReplaceTags" in body) && !("DeleteTags" in body))
                return ["neither ReplaceTags nor DeleteTags"];
            const replaced = new Set(keysOf(body, "ReplaceTags"));
            return keysOf(body, "DeleteTags")
                .filter((key) => replaced.has(key))
                .map((key) => `tag key ${key} in both ReplaceTags and DeleteTags`);
        },
    },
    {
        service: "tag",
        action: "ModifyResourceTags",
        parameter: "Resource",
        quote: "资源六段式描述",
        problems: (body) =>
            /^qcs::cvm:[a-z]+-[a-z0-9-]+:uin\/\d+:image\/img-[0-9a-z]+$/.test(String(body.Resource))
                ? []
                : [
                      `Resource: ${String(body.Resource)} is not qcs::cvm:<region>:uin/<account ID>:image/<image ID>`,
                  ],
    },
    // Region DescribeRegions
    {
        service: "region",
        action: "DescribeRegions",
        parameter: "Product",
        quote: "待查询产品的名称，例如cvm",
        problems: (body) => (body.Product === "cvm" ? [] : [`Product: ${String(body.Product)}, not cvm`]),
    },
];

/** What a request breaks of the limits documented for its action. */
export function limitProblems(service: SpecService, action: string, body: Body): string[] {
    return DOCUMENTED_LIMITS.filter((l) => l.service === service && l.action === action).flatMap((l) =>
        l.problems(body).map((p) => `${action}.${p} (the spec: "${l.quote}")`),
    );
}
