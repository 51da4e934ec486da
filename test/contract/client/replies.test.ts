import * as assert from "node:assert/strict";
import nock from "nock";
import { z } from "zod";
import * as replySchemas from "../../../provider/backend/replySchemas";
import { toImage } from "../../../provider/backend/replyMappers";
import { createImageBackend } from "../../../provider/backend";
import { ImageWaiter } from "../../../provider/backend/waiter";
import { InstantClock } from "../../unit/backend/fakeClock";
import { fakeApi, CVM, freshCaller } from "../../unit/backend/helpers";
import { fullReply, replyVariants, SpecService, specExamples } from "../apiSpec";
import { runScenario, SchemaUse } from "./runScenario";
import { ALL_SCENARIOS } from "./scenarios";

/** Every action the client sends, from the scenarios (each lists what it must send). */
const ACTIONS = [
    ...new Set(Object.values(ALL_SCENARIOS).flatMap((list) => list.flatMap((s) => s.sends))),
].sort();

function issues(schema: z.ZodType, response: unknown): string[] {
    const parsed = schema.safeParse(response);
    return parsed.success ? [] : replySchemas.describeIssues(parsed.error);
}

describe("contract: every reply schema reads every reply the spec allows", () => {
    before(() => nock.disableNetConnect());
    after(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    /** The schemas the backend hands the client, per action, as recorded over every scenario. */
    const uses = new Map<string, SchemaUse>();
    before(async () => {
        for (const scenario of Object.values(ALL_SCENARIOS).flat()) {
            for (const use of (await runScenario(scenario)).schemas) {
                const seen = uses.get(use.action);
                assert.ok(!seen || seen.reply === use.reply, `${use.action} is read with two schemas`);
                uses.set(use.action, use);
            }
        }
        nock.cleanAll();
    });

    for (const action of ACTIONS) {
        describe(action, () => {
            const use = () => uses.get(action)!;
            const service = (): SpecService => use().service;

            it("is read with one schema, recorded from the backend", () => {
                assert.ok(uses.has(action));
            });

            it("parses every official example reply", () => {
                const examples = specExamples(service(), action);
                for (const example of examples) {
                    assert.deepEqual(
                        issues(use().reply, example.output),
                        [],
                        `${action} example "${example.title}"`,
                    );
                }
            });

            it("parses a reply with every documented member, and each variant the spec allows", () => {
                const bases = [
                    fullReply(service(), action),
                    ...specExamples(service(), action).map((e) => e.output),
                ];
                for (const base of bases) {
                    assert.deepEqual(issues(use().reply, base), []);
                    for (const variant of replyVariants(service(), action, base)) {
                        assert.deepEqual(issues(use().reply, variant.response), [], variant.label);
                    }
                }
            });
        });
    }

    it("every reply schema of replySchemas.ts is one the backend uses", () => {
        const used = new Set([...uses.values()].map((u) => u.reply));
        const unused = Object.entries(replySchemas)
            .filter(
                ([name, value]) => name.endsWith("Reply") && value instanceof z.ZodType && !used.has(value),
            )
            .map(([name]) => name);
        assert.deepEqual(unused, []);
    });

    describe("a value the provider has never seen does not fail a page", () => {
        const page = () => {
            const reply = fullReply("cvm", "DescribeImages");
            const [image] = reply.ImageSet as Record<string, unknown>[];
            reply.ImageSet = [
                {
                    ...image,
                    ImageId: "img-new00001",
                    ImageState: "HIBERNATING",
                    ImageType: "COMMUNITY_IMAGE",
                },
                { ...image, ImageId: "img-old00001", ImageState: "NORMAL", ImageType: "PRIVATE_IMAGE" },
            ];
            reply.TotalCount = 2;
            return reply;
        };

        it("keeps a new ImageState and ImageType as opaque strings", () => {
            const parsed = replySchemas.describeImagesReply.parse(page());
            const [unknown] = parsed.ImageSet.map((i) => toImage("ap-guangzhou", i));
            assert.equal(unknown.imageState, "HIBERNATING");
            assert.equal(unknown.imageType, "COMMUNITY_IMAGE");
        });

        it("a listing returns the whole page", async () => {
            fakeApi(CVM, [page()]);
            const backend = createImageBackend(freshCaller(), {
                rateLimit: false,
                clock: new InstantClock(),
            });
            const images = await backend.listImages("ap-guangzhou");
            assert.deepEqual(
                images.map((i) => [i.imageId, i.imageState]),
                [
                    ["img-new00001", "HIBERNATING"],
                    ["img-old00001", "NORMAL"],
                ],
            );
        });

        it("a wait treats an unknown state as not there yet (neither done nor failed)", async () => {
            const image = (ImageState: string) => ({
                ...(fullReply("cvm", "DescribeImages").ImageSet as Record<string, unknown>[])[0],
                ImageId: "img-new00001",
                ImageState,
            });
            fakeApi(CVM, [
                { TotalCount: 1, ImageSet: [image("HIBERNATING")] },
                { TotalCount: 1, ImageSet: [image("NORMAL")] },
            ]);
            const clock = new InstantClock();
            const backend = createImageBackend(freshCaller(), { rateLimit: false, clock });
            const waiter = new ImageWaiter(backend, { clock, initialDelayMs: 0, maxDelayMs: 0 });
            const seen: string[] = [];
            const done = await waiter.waitForState("ap-guangzhou", "img-new00001", {
                until: ["NORMAL"],
                timeoutMs: 60_000,
                onProgress: (i) => seen.push(i.imageState),
            });
            assert.equal(done.imageState, "NORMAL");
            assert.deepEqual(seen, ["HIBERNATING", "NORMAL"]);
        });
    });
});
