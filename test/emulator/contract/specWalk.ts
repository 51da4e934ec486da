/**
 * Walks requests and replies along the spec's objects, for the emulator's contract tests: the
 * request variants that break one rule of the spec each, and the optional reply members a reply
 * (or an official example) carries.
 */
import {
    fullRequest,
    isScalarMember,
    replyMembers,
    requestMembers,
    SpecMember,
    SpecService,
    specExamples,
    specObject,
} from "../../contract/apiSpec";

/** The codes of the common parameter errors (a request the spec refuses by its shape). */
export const SHAPE_ERRORS = ["UnknownParameter", "MissingParameter", "InvalidParameter"] as const;
export type ShapeError = (typeof SHAPE_ERRORS)[number];

/** One request that breaks the spec in exactly one place, and the error the service gives for it. */
export interface BrokenRequest {
    label: string;
    body: Record<string, unknown>;
    code: ShapeError;
    /** The parameter's name, as the error message must show it. */
    names: string;
}

type Json = Record<string, unknown>;

/** A value of the wrong type for a member: a number for a string, a string for anything else (an element's, given the element's type as `type`). */
function wrongType(member: SpecMember): unknown {
    if (member.type === "list" || member.type === "object") return "not-a-list-or-object";
    return member.member === "string" || member.member.startsWith("date") ? 12345 : "not-a-number";
}

/**
 * From the full request of an action (every documented member, well-typed), one broken request per
 * rule: each required member left out, each member with a wrong type, an undocumented member; at
 * the top and inside every nested object (the first element of each list of objects).
 */
export function brokenRequests(service: SpecService, action: string): BrokenRequest[] {
    const base = fullRequest(service, action);
    const out: BrokenRequest[] = [];
    const visit = (members: SpecMember[], at: string, edit: (mutate: (node: Json) => void) => Json) => {
        const name = (m: string) => (at ? `${at}.${m}` : m);
        out.push({
            label: `${name("NotInTheSpec")} (undocumented)`,
            body: edit((node) => (node.NotInTheSpec = "x")),
            code: "UnknownParameter",
            names: "NotInTheSpec",
        });
        for (const member of members.filter((m) => !m.disabled)) {
            if (member.required) {
                out.push({
                    label: `${name(member.name)} left out (required)`,
                    body: edit((node) => delete node[member.name]),
                    code: "MissingParameter",
                    names: member.name,
                });
            }
            out.push({
                label: `${name(member.name)} of the wrong type`,
                body: edit((node) => (node[member.name] = wrongType(member))),
                code: "InvalidParameter",
                names: member.name,
            });
            if (isScalarMember(member)) {
                if (member.type === "list") {
                    out.push({
                        label: `${name(member.name)}[0] of the wrong type`,
                        body: edit(
                            (node) => (node[member.name] = [wrongType({ ...member, type: member.member })]),
                        ),
                        code: "InvalidParameter",
                        names: member.name,
                    });
                }
                continue;
            }
            const childAt = member.type === "list" ? `${name(member.name)}[0]` : name(member.name);
            visit(specObject(service, member.member), childAt, (mutate) =>
                edit((node) => {
                    const child = node[member.name];
                    mutate((member.type === "list" ? (child as Json[])[0] : child) as Json);
                }),
            );
        }
    };
    visit(requestMembers(service, action), "", (mutate) => {
        const copy = structuredClone(base);
        mutate(copy);
        return copy;
    });
    return out;
}

/** The full request with one optional member left out, for each optional member at the top. */
export function requestsWithoutOptional(
    service: SpecService,
    action: string,
): { label: string; body: Json }[] {
    const base = fullRequest(service, action);
    return requestMembers(service, action)
        .filter((m) => !m.required && !m.disabled)
        .map((m) => {
            const body = structuredClone(base);
            delete body[m.name];
            return { label: `${m.name} left out`, body };
        });
}

/** The members (as `A.B[].C` paths) a reply carries, with their spec entries. */
export function membersPresent(
    service: SpecService,
    action: string,
    response: Json,
): Map<string, SpecMember> {
    const found = new Map<string, SpecMember>();
    const visit = (members: SpecMember[], node: Json, at: string) => {
        for (const member of members) {
            const value = node[member.name];
            if (value === undefined) continue;
            const path = at ? `${at}.${member.name}` : member.name;
            found.set(path, member);
            if (isScalarMember(member) || value === null) continue;
            const children = specObject(service, member.member);
            if (Array.isArray(value)) {
                for (const item of value) visit(children, item as Json, `${path}[]`);
            } else if (typeof value === "object") visit(children, value as Json, path);
        }
    };
    visit(replyMembers(service, action), response, "");
    return found;
}

/** Every member path some official example reply of the action carries. */
export function examplePaths(service: SpecService, action: string): Set<string> {
    const paths = new Set<string>();
    for (const example of specExamples(service, action)) {
        for (const path of membersPresent(service, action, example.output).keys()) paths.add(path);
    }
    return paths;
}
