// The official Tencent Cloud API spec (test/fixtures/tencentcloud-api-spec), read as data, and the
// checks that hold a request or a reply against it. Shared by the client's and the emulator's
// contract tests, so that both sides are judged by the spec and never by each other.
import * as fs from "node:fs";
import * as path from "node:path";

const SPEC_ROOT = path.join(__dirname, "..", "fixtures", "tencentcloud-api-spec");

/** The services the project uses, with the API version whose spec is in the fixtures. */
export const SPEC_VERSIONS = {
    cvm: "v20170312",
    tag: "v20180813",
    cbs: "v20170312",
    region: "v20220627",
    sts: "v20180813",
} as const;
export type SpecService = keyof typeof SPEC_VERSIONS;

export interface SpecMember {
    name: string;
    example?: string;
    type: string;
    member: string;
    required?: boolean;
    output_required?: boolean;
    value_allowed_null?: boolean;
    disabled?: boolean;
    /** The official description (Chinese, often HTML): where limits in prose are written. */
    document?: string;
}
interface SpecObject {
    members: SpecMember[];
}
interface SpecApi {
    actions: Record<string, { input: string; output: string; status?: string; document?: string }>;
    objects: Record<string, SpecObject>;
}
export interface SpecExample {
    title: string;
    /** The request's JSON body, as the documentation shows it (parsed from its HTTP text). */
    input: Record<string, unknown> | undefined;
    /** The reply's `Response` object. */
    output: Record<string, unknown>;
}

const apis = new Map<SpecService, SpecApi>();
function api(service: SpecService): SpecApi {
    let loaded = apis.get(service);
    if (!loaded) {
        const file = path.join(SPEC_ROOT, service, SPEC_VERSIONS[service], "api.json");
        loaded = JSON.parse(fs.readFileSync(file, "utf8")) as SpecApi;
        apis.set(service, loaded);
    }
    return loaded;
}

export function specActions(service: SpecService): string[] {
    return Object.keys(api(service).actions);
}

export function hasAction(service: SpecService, action: string): boolean {
    return action in api(service).actions;
}

function action(service: SpecService, name: string): { input: string; output: string } {
    const found = api(service).actions[name];
    if (!found) throw new Error(`the ${service} spec has no action ${name}`);
    return found;
}

/** The members of an object of the spec (a request, a reply, or a structure inside one). */
export function specObject(service: SpecService, name: string): SpecMember[] {
    const found = api(service).objects[name];
    if (!found) throw new Error(`the ${service} spec has no object ${name}`);
    return found.members;
}

export function requestMembers(service: SpecService, actionName: string): SpecMember[] {
    return specObject(service, action(service, actionName).input);
}

export function replyMembers(service: SpecService, actionName: string): SpecMember[] {
    return specObject(service, action(service, actionName).output);
}

/** The official examples of an action: requests as sent, replies as the real service gave them. */
export function specExamples(service: SpecService, actionName: string): SpecExample[] {
    const file = path.join(SPEC_ROOT, service, SPEC_VERSIONS[service], "examples.json");
    const all = JSON.parse(fs.readFileSync(file, "utf8")) as {
        actions: Record<string, { title: string; input: string; output: string }[]>;
    };
    return (all.actions[actionName] ?? []).map((example) => ({
        title: example.title,
        input: parseExampleRequest(example.input),
        output: (JSON.parse(example.output) as { Response: Record<string, unknown> }).Response,
    }));
}

function parseExampleRequest(http: string): Record<string, unknown> | undefined {
    const body = http
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join("\n\n")
        .trim();
    if (!body.startsWith("{")) return undefined;
    try {
        return JSON.parse(body) as Record<string, unknown>;
    } catch {
        return undefined;
    }
}

type Side = "request" | "reply";
const PRIMITIVES = new Set(["string", "int64", "uint64", "int", "integer", "bool", "float", "double"]);
const STRING_FORMATS = new Set(["string", "datetime", "datetime_iso", "date"]);

function isRequired(member: SpecMember, side: Side): boolean {
    // RequestId carries no flag in the spec: every reply has one.
    return side === "request" ? member.required === true : member.output_required !== false;
}

function checkPrimitive(value: unknown, type: string, where: string): string[] {
    if (type === "bool")
        return typeof value === "boolean" ? [] : [`${where}: expected a boolean, got ${show(value)}`];
    if (type === "float" || type === "double") {
        return typeof value === "number" ? [] : [`${where}: expected a number, got ${show(value)}`];
    }
    if (type === "int64" || type === "uint64" || type === "int" || type === "integer") {
        if (typeof value !== "number" || !Number.isInteger(value))
            return [`${where}: expected an integer, got ${show(value)}`];
        return type === "uint64" && value < 0 ? [`${where}: expected an unsigned integer, got ${value}`] : [];
    }
    return typeof value === "string" ? [] : [`${where}: expected a string, got ${show(value)}`];
}

function show(value: unknown): string {
    return value === null
        ? "null"
        : Array.isArray(value)
          ? "an array"
          : `${typeof value} ${JSON.stringify(value)}`;
}

function checkMembers(
    service: SpecService,
    members: SpecMember[],
    value: unknown,
    side: Side,
    where: string,
): string[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return [`${where}: expected an object, got ${show(value)}`];
    }
    const record = value as Record<string, unknown>;
    const problems: string[] = [];
    const known = new Set(members.map((m) => m.name));
    for (const key of Object.keys(record)) {
        if (!known.has(key)) problems.push(`${where}.${key}: not a member the spec documents`);
    }
    for (const member of members) {
        const at = `${where}.${member.name}`;
        if (!(member.name in record) || record[member.name] === undefined) {
            if (isRequired(member, side)) problems.push(`${at}: required by the spec, missing`);
            continue;
        }
        const memberValue = record[member.name];
        if (memberValue === null) {
            if (side === "request" || !member.value_allowed_null)
                problems.push(`${at}: null, which the spec does not allow`);
            continue;
        }
        if (side === "request" && member.disabled) problems.push(`${at}: disabled in the spec`);
        problems.push(...checkMember(service, member, memberValue, side, at));
    }
    return problems;
}

function checkMember(
    service: SpecService,
    member: SpecMember,
    value: unknown,
    side: Side,
    where: string,
): string[] {
    const element = (item: unknown, at: string): string[] =>
        PRIMITIVES.has(member.member) || STRING_FORMATS.has(member.member)
            ? checkPrimitive(item, STRING_FORMATS.has(member.member) ? "string" : member.member, at)
            : checkMembers(service, specObject(service, member.member), item, side, at);
    if (member.type === "list") {
        if (!Array.isArray(value)) return [`${where}: expected a list, got ${show(value)}`];
        return value.flatMap((item, index) => element(item, `${where}[${index}]`));
    }
    if (member.type === "object")
        return checkMembers(service, specObject(service, member.member), value, side, where);
    return element(value, where);
}

/**
 * What makes a request body break the spec of its action: unknown or disabled parameters, missing
 * required ones, wrong types at any depth. Limits written only in the docs' prose (Limit ≤ 100 and
 * the like) are the callers' to check.
 */
export function requestProblems(service: SpecService, actionName: string, body: unknown): string[] {
    return checkMembers(service, requestMembers(service, actionName), body, "request", actionName);
}

/** What makes a reply's `Response` object break the spec: missing required members, wrong types, nulls where none are allowed, undocumented members. */
export function replyProblems(service: SpecService, actionName: string, response: unknown): string[] {
    return checkMembers(
        service,
        replyMembers(service, actionName),
        response,
        "reply",
        `${actionName}.Response`,
    );
}

export interface ReplyVariant {
    label: string;
    response: Record<string, unknown>;
}

/**
 * Replies the spec allows but an example may not show: from a base reply, one variant per member
 * (at any depth, in every list element) with `output_required: false` left out, and one per
 * `value_allowed_null` member set to null.
 */
export function replyVariants(
    service: SpecService,
    actionName: string,
    base: Record<string, unknown>,
): ReplyVariant[] {
    const variants: ReplyVariant[] = [];
    const visit = (
        members: SpecMember[],
        node: Record<string, unknown>,
        at: string,
        edit: (mutate: (copy: Record<string, unknown>) => void) => Record<string, unknown>,
    ) => {
        for (const member of members) {
            if (!(member.name in node)) continue;
            const label = `${at}.${member.name}`;
            if (member.output_required === false) {
                variants.push({
                    label: `${label} missing`,
                    response: edit((copy) => delete copy[member.name]),
                });
            }
            if (member.value_allowed_null) {
                variants.push({
                    label: `${label} null`,
                    response: edit((copy) => (copy[member.name] = null)),
                });
            }
            const child = node[member.name];
            if (PRIMITIVES.has(member.member) || STRING_FORMATS.has(member.member) || child === null)
                continue;
            const childMembers = specObject(service, member.member);
            if (member.type === "list" && Array.isArray(child)) {
                child.forEach((item, index) => {
                    if (typeof item !== "object" || item === null) return;
                    visit(childMembers, item as Record<string, unknown>, `${label}[${index}]`, (mutate) =>
                        edit((copy) => mutate((copy[member.name] as Record<string, unknown>[])[index])),
                    );
                });
            } else if (member.type === "object" && typeof child === "object") {
                visit(childMembers, child as Record<string, unknown>, label, (mutate) =>
                    edit((copy) => mutate(copy[member.name] as Record<string, unknown>)),
                );
            }
        }
    };
    visit(replyMembers(service, actionName), base, actionName, (mutate) => {
        const copy = structuredClone(base);
        mutate(copy);
        return copy;
    });
    return variants;
}

/**
 * A reply with every member the spec documents filled in (from the member's documented example
 * where it has the right type, else a plain value of its type; one element per list): the base
 * for replyVariants when the official examples, older than some members, leave them out.
 */
export function fullReply(service: SpecService, actionName: string): Record<string, unknown> {
    return sampleObject(service, replyMembers(service, actionName), 0);
}

/**
 * A request with every member the spec documents (disabled ones left out) filled in the same way:
 * well-typed, though not necessarily a request the service would carry out.
 */
export function fullRequest(service: SpecService, actionName: string): Record<string, unknown> {
    return sampleObject(
        service,
        requestMembers(service, actionName).filter((m) => !m.disabled),
        0,
    );
}

function sampleObject(service: SpecService, members: SpecMember[], depth: number): Record<string, unknown> {
    return Object.fromEntries(members.map((member) => [member.name, sampleValue(service, member, depth)]));
}

function sampleValue(service: SpecService, member: SpecMember, depth: number): unknown {
    const scalar = (): unknown => {
        const type = STRING_FORMATS.has(member.member) ? "string" : member.member;
        let parsed: unknown = member.example;
        if (type !== "string") {
            try {
                parsed = JSON.parse(member.example ?? "");
            } catch {
                parsed = undefined;
            }
        }
        if (Array.isArray(parsed)) parsed = parsed[0];
        if (parsed !== undefined && checkPrimitive(parsed, type, "").length === 0) return parsed;
        return type === "bool" ? false : type === "string" ? "x" : 1;
    };
    const isScalar = PRIMITIVES.has(member.member) || STRING_FORMATS.has(member.member);
    if (!isScalar && depth > 6) return member.type === "list" ? [] : {};
    const one = isScalar ? scalar() : sampleObject(service, specObject(service, member.member), depth + 1);
    return member.type === "list" ? [one] : one;
}

/** Whether a member holds a scalar (or a list of scalars) rather than objects of the spec. */
export function isScalarMember(member: SpecMember): boolean {
    return PRIMITIVES.has(member.member) || STRING_FORMATS.has(member.member);
}

/** The official description of an action and its status (`online`, `deprecated`, ...). */
export function actionDocument(
    service: SpecService,
    actionName: string,
): { document: string; status: string } {
    const found = api(service).actions[actionName];
    if (!found) throw new Error(`the ${service} spec has no action ${actionName}`);
    return { document: found.document ?? "", status: found.status ?? "" };
}

/** The official description of one top-level request parameter of an action. */
export function requestMemberDocument(service: SpecService, actionName: string, memberName: string): string {
    const member = requestMembers(service, actionName).find((m) => m.name === memberName);
    if (!member) throw new Error(`${service} ${actionName} has no parameter ${memberName}`);
    return member.document ?? "";
}

/** The API version of a service as the X-TC-Version header spells it (`v20170312` → `2017-03-12`). */
export function specVersionHeader(service: SpecService): string {
    return SPEC_VERSIONS[service].replace(/^v(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3");
}
