/**
 * What each resource stores as its outputs: every checked input (so later methods, which only get
 * the outputs, know them) plus what the service reported. `read` returns the input part of the
 * refreshed outputs as the new inputs, so a refresh with no drift changes nothing and a refresh with
 * drift shows up in the next preview as a change back to the program's values.
 */
import type { CustomImageInputs, ImageCopyInputs, ImageShareInputs } from "../plan/inputSchemas";

/** The stored outputs of a CustomImage. */
export interface CustomImageOutputs extends CustomImageInputs {
    imageId: string;
    imageState: string;
    imageType: string;
    osName: string;
    platform: string;
    architecture: string;
    imageSizeGb: number;
    createdTime: string;
    snapshotIds: string[];
}

/** The stored outputs of an ImageShare. */
export interface ImageShareOutputs extends ImageShareInputs {
    /** The accounts this resource manages, as read back. */
    sharedAccountIds: string[];
    /** Every account the image is shared with. */
    allAccountIds: string[];
}

/** The stored outputs of an ImageCopy. */
export interface ImageCopyOutputs extends ImageCopyInputs {
    /** Destination region → the copy's image ID. */
    images: Record<string, string>;
    /** Destination region → the copy's last seen state. */
    imageStates: Record<string, string>;
}

/** The input properties of each resource (what `read` hands back as `inputs`). */
export const INPUT_KEYS = {
    CustomImage: [
        "__logicalName",
        "region",
        "imageName",
        "description",
        "source",
        "tags",
        "deleteSnapshotsOnDelete",
        "adoptExisting",
        "timeoutMinutes",
    ],
    ImageShare: ["__logicalName", "imageId", "region", "accountIds", "mode"],
    ImageCopy: [
        "__logicalName",
        "sourceImageId",
        "sourceRegion",
        "destinationRegions",
        "imageName",
        "retainCopiesOnDelete",
        "deleteSnapshotsOnDelete",
        "timeoutMinutes",
    ],
} as const;

/** The input part of stored outputs: only the listed keys that are set. */
export function pickInputs(props: object, keys: readonly string[]): Record<string, unknown> {
    const record = props as Record<string, unknown>;
    return Object.fromEntries(
        keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
    );
}

/** Default minutes to wait for a new image: imports take longer. */
export const DEFAULT_TIMEOUT_MINUTES = { image: 60, import: 120, copy: 60, delete: 30 } as const;
