/**
 * Contract: the emulator's request validation refuses what the spec refuses, with the common error
 * codes, for every action it serves. The requests are derived from the spec (not hand-copied), sent
 * over HTTP with real signatures: the full request (every documented member) passes the shape checks;
 * each required member left out is MissingParameter, each wrong type InvalidParameter, an undocumented
 * member UnknownParameter, at the top and inside nested objects.
 */
import { strict as assert } from "node:assert";
import { listActions } from "../../../emulator/handlers";
import { fullRequest, SpecService } from "../../contract/apiSpec";
import { call } from "../helpers/api";
import { useEmulator } from "../helpers/fixture";
import { main } from "../helpers/world";
import { brokenRequests, requestsWithoutOptional, SHAPE_ERRORS } from "./specWalk";

describe("emulator contract: requests are validated as the spec says", () => {
    const f = useEmulator();

    for (const served of listActions()) {
        const [service, action] = served.split(":") as [SpecService, string];
        describe(`${service} ${action}`, () => {
            it("takes every member the spec documents, with its type", async () => {
                const r = await call(f.endpoint, {
                    service,
                    action,
                    key: main,
                    body: fullRequest(service, action),
                });
                const code = r.Error?.Code;
                assert.ok(
                    code === undefined || !(SHAPE_ERRORS as readonly string[]).includes(code),
                    `the full request was refused as ${code}: ${r.Error?.Message}`,
                );
            });

            it("takes the full request without any one of its optional members", async () => {
                const refused: string[] = [];
                for (const { label, body } of requestsWithoutOptional(service, action)) {
                    const code = (await call(f.endpoint, { service, action, key: main, body })).Error?.Code;
                    if (code !== undefined && (SHAPE_ERRORS as readonly string[]).includes(code)) {
                        refused.push(`${label}: refused as ${code}`);
                    }
                }
                assert.deepEqual(refused, []);
            });

            it("refuses each member left out, mistyped or undocumented, with the common code", async () => {
                const wrong: string[] = [];
                for (const broken of brokenRequests(service, action)) {
                    const r = await call(f.endpoint, { service, action, key: main, body: broken.body });
                    const { Code, Message } = r.Error ?? { Code: "(success)", Message: "" };
                    if (Code !== broken.code || !Message.includes(broken.names)) {
                        wrong.push(`${broken.label}: expected ${broken.code}, got ${Code} ${Message}`);
                    }
                }
                assert.deepEqual(wrong, []);
            });
        });
    }
});
