/**
 * Where a CustomImage comes from, as checked values (the program gives `pulumi.Input`s of them:
 * {@link DeepInput}), and the identity of a source as the diff compares it. Enumerated fields are
 * typed `string`: the check (../plan/fieldSchemas.ts) holds them to their values, with a message.
 */
import { asSet } from "./diff";
import type { DeepInput } from "./property";
import type { ImportImageRequest } from "../backend/types";

/** Make the image from an instance: its system disk, plus any listed data disks. */
export interface InstanceSource {
    /** The instance (e.g. `ins-a1b2c3d4`), running or stopped, in the image's region. */
    instanceId: string;
    /** Data disks of that instance to include (a whole-machine image; never its system disk). Default: none. */
    dataDiskIds?: string[];
    /** Power the instance off first, for a consistent image. Default `false`. Only used at creation. */
    forcePoweroff?: boolean;
    /** Run Sysprep first (Windows only). Default `false`. */
    sysprep?: boolean;
}

/** Make the image from snapshots: exactly one of them of a system disk. */
export interface SnapshotSource {
    /** Snapshot IDs (e.g. `snap-4l2rz0ab`); order does not matter. */
    snapshotIds: string[];
}

/** The fields of an image-file import, each declared (with its docs) once, in the backend's request. */
type ImportFields = Pick<
    ImportImageRequest,
    "imageUrl" | "osType" | "osVersion" | "architecture" | "bootMode" | "licenseType" | "force"
>;

/** Import the image from an image file (RAW, VHD, QCOW2, VMDK) in COS. */
export interface ImportSource {
    import: ImportFields;
}

/** Where a CustomImage comes from: exactly one kind of source. */
export type CustomImageSource = InstanceSource | SnapshotSource | ImportSource;

/** An instance source as a program gives it. */
export type CustomImageInstanceSource = DeepInput<InstanceSource>;
/** A snapshot source as a program gives it. */
export type CustomImageSnapshotSource = DeepInput<SnapshotSource>;
/** An import source as a program gives it. */
export type CustomImageImportSource = DeepInput<ImportSource>;
/** Where a CustomImage comes from, as a program gives it: exactly one kind of source. */
export type CustomImageSourceArgs =
    CustomImageInstanceSource | CustomImageSnapshotSource | CustomImageImportSource;

/** The identity of an image source: what the image is made of (procedure switches left out). */
export function normalizeSource(source: unknown): unknown {
    if (source === null || typeof source !== "object") return source;
    const s = source as Record<string, unknown>;
    if (s.instanceId !== undefined) {
        return { instanceId: s.instanceId, dataDiskIds: asSet(s.dataDiskIds), sysprep: s.sysprep ?? false };
    }
    if (s.snapshotIds !== undefined) return { snapshotIds: asSet(s.snapshotIds) };
    if (s.import !== null && typeof s.import === "object") {
        const { force: _force, ...rest } = s.import as Record<string, unknown>;
        return { import: rest };
    }
    return s;
}
