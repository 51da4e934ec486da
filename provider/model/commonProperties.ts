/**
 * Property rows that several resources declare alike (each table still names and documents its own
 * keys): a region from the provider setting, an own image's ID, an off-by-default switch, user tags.
 */
import { z } from "zod";
import * as fields from "../plan/fieldSchemas";
import { property, type Change, type ReadmeRow } from "./property";

/** A region that defaults to the provider setting; changing it replaces the resource. */
export function regionProperty(readmeType: string) {
    return property({
        schema: fields.region,
        presence: "region",
        change: "replaces",
        readme: { type: readmeType },
    });
}

/** The ID of one of the account's own custom images; changing it replaces the resource. */
export function ownImageIdProperty() {
    return property({
        schema: fields.imageId,
        presence: "required",
        change: "replaces",
        readme: { type: "the account's own custom image" },
    });
}

/** A switch that is off unless set. */
export function switchProperty(readmeType: string, change: Change = "in place") {
    return property({ schema: z.boolean(), default: false, change, readme: { type: readmeType } });
}

/** User tags (the marker tags kept apart), updated in place. */
export function tagsProperty(readme: ReadmeRow, defaultTags?: Record<string, string>) {
    return property({ schema: fields.tags, default: defaultTags, change: "in place", readme });
}
