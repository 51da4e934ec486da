/** DescribeImportImageOs: the OS types and versions ImportImage accepts. */
import { z } from "zod";
import { IMPORT_OS } from "../../models/catalog";
import { defineHandler } from "../types";

export default defineHandler({
    service: "cvm",
    action: "DescribeImportImageOs",
    params: z.strictObject({}),
    region: "required",
    mutates: false,
    run() {
        return {
            ImportImageOsListSupported: { Linux: [...IMPORT_OS.linux], Windows: [...IMPORT_OS.windows] },
            ImportImageOsVersionSet: IMPORT_OS.versions.map((v) => ({
                OsName: v.OsName,
                OsVersions: [...v.OsVersions],
                Architecture: [...v.Architecture],
            })),
        };
    },
});
