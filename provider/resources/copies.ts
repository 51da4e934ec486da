/**
 * The copies an ImageCopy tracks (destination region → image ID and last seen state), its ID, and
 * the outputs they make: the pieces its operations (./imageCopyHandler.ts) share.
 */
import type { ImageCopyInputs, ImageCopyOutputs } from "../model/imageCopy";
import { DEFAULT_TIMEOUT_MINUTES } from "../model/timeouts";

/** Copies being tracked: destination region → image ID and last seen state. */
export interface Copies {
    images: Record<string, string>;
    imageStates: Record<string, string>;
}

/** The ID of an ImageCopy: `<sourceRegion>:<sourceImageId>`. */
export function imageCopyId(sourceRegion: string, sourceImageId: string): string {
    return `${sourceRegion}:${sourceImageId}`;
}

/** How long a copy may take (and how long to wait for a busy source image). */
export function copyTimeout(inputs: { timeoutMinutes?: number }): number {
    return inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES.copy;
}

/** Forgets the copy in `region`. */
export function dropCopy(copies: Copies, region: string): void {
    delete copies.images[region];
    delete copies.imageStates[region];
}

/** The outputs: the inputs plus the copies, in the order of destinationRegions. */
export function copyOutputs(inputs: ImageCopyInputs, copies: Copies): ImageCopyOutputs {
    const regions = Object.keys(copies.images);
    const order = (r: string) => {
        const i = inputs.destinationRegions.indexOf(r);
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    regions.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    return {
        ...inputs,
        images: Object.fromEntries(regions.map((r) => [r, copies.images[r]])),
        imageStates: Object.fromEntries(regions.map((r) => [r, copies.imageStates[r] ?? "SYNCING"])),
    };
}

/** An error's message. */
export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
