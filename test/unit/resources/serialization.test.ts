import { strict as assert } from "node:assert";
import { dynamicProviderFor, HandlerKey } from "../../../provider/resources/dynamicProvider";
import * as handlers from "../../../provider/resources/handlers";

/**
 * The closure serializer stores what the provider's methods capture. They must capture only the
 * handlers module (stored as `require(...)` when the package is installed) and the resource's key:
 * no settings, clients or credentials.
 */
describe("serialized provider", () => {
    const keys: HandlerKey[] = ["customImage", "imageShare", "imageCopy", "imageRetention"];
    const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"];

    for (const key of keys) {
        describe(key, () => {
            const provider = dynamicProviderFor(key) as unknown as Record<string, unknown>;

            it("has exactly the provider methods, all functions", () => {
                assert.deepEqual(Object.keys(provider), METHODS);
                for (const name of METHODS) assert.equal(typeof provider[name], "function");
            });

            it("methods are one-line calls into the handlers module", () => {
                for (const name of METHODS) {
                    const text = String(provider[name]);
                    const target =
                        name === "configure"
                            ? /handlers\.configure\(/
                            : new RegExp(`handlers\\[key\\]\\.${name}\\(`);
                    assert.match(text, target, `${name}: ${text}`);
                    // Free identifiers: only parameters, `handlers` and `key`.
                    const body = text.slice(text.indexOf("=>") + 2);
                    const params = text
                        .slice(0, text.indexOf("=>"))
                        .replace(/[()\s]/g, "")
                        .split(",")
                        .filter(Boolean);
                    const identifiers = body.match(/(?<![.\w$])[A-Za-z_$][\w$]*/g) ?? [];
                    const free = identifiers.filter(
                        (id) => !params.includes(id) && id !== "handlers" && id !== "key",
                    );
                    assert.deepEqual(free, [], `${name} references ${free.join(", ")}`);
                    assert.doesNotMatch(text, /secret|settings|process\.env|config\.get/i);
                }
            });

            it("dispatches to the handler object of its resource", () => {
                assert.equal(typeof (handlers as Record<string, unknown>)[key], "object");
                assert.equal(
                    (handlers[key] as { kind: string }).kind,
                    {
                        customImage: "CustomImage",
                        imageShare: "ImageShare",
                        imageCopy: "ImageCopy",
                        imageRetention: "ImageRetention",
                    }[key],
                );
            });
        });
    }

    it("the handlers module exposes configure and the four resources only", () => {
        assert.deepEqual(Object.keys(handlers).sort(), [
            "configure",
            "customImage",
            "imageCopy",
            "imageRetention",
            "imageShare",
        ]);
    });
});
