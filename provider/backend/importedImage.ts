/**
 * Finding the image an ImportImage made when its reply names none (the spec documents `ImageId`,
 * but the official example replies with RequestId only). Image names are unique per account and
 * region, and the import bound the request's tags (the resource's marker tags among them) to the
 * new image, so the own image with that name and those tags is the one. A new image can be absent
 * from DescribeImages for a moment, so it is looked for a few times, with growing pauses.
 */
import { Clock } from "./clock";
import { CallOptions, Image, ImageFilter } from "./types";

/** Looks, and the pauses between them: about 40 s in all before giving up. */
export const IMPORTED_IMAGE_LOOKS = 6;
const FIRST_PAUSE_MS = 2_000;
const PAUSE_GROWTH = 1.5;

/** ImportImage was accepted, but no image with its name and tags showed up. */
export class ImportedImageNotFoundError extends Error {
    constructor(
        readonly region: string,
        readonly imageName: string,
        looks: number,
    ) {
        super(
            `ImportImage in ${region} was accepted but its reply named no image, and no own image named ` +
                `"${imageName}" carrying the tags it was sent with appeared in DescribeImages after ${looks} looks: ` +
                `run the operation again later (the image is then found by its name and tags, not imported twice)`,
        );
        this.name = "ImportedImageNotFoundError";
    }
}

/** Waits until the imported image can be read, and returns its ID. */
export async function findImportedImage(
    listImages: (filter: ImageFilter, opts?: CallOptions) => Promise<Image[]>,
    clock: Clock,
    region: string,
    request: { imageName: string; tags?: Record<string, string> },
    opts?: CallOptions,
): Promise<string> {
    const filter: ImageFilter = {
        imageTypes: ["PRIVATE_IMAGE"],
        imageName: request.imageName,
        tags: request.tags,
    };
    let pause = FIRST_PAUSE_MS;
    for (let look = 1; ; look++) {
        // image-name matches fuzzily: only the exact name is the imported image.
        const found = (await listImages(filter, opts)).find((i) => i.imageName === request.imageName);
        if (found) return found.imageId;
        if (look === IMPORTED_IMAGE_LOOKS)
            throw new ImportedImageNotFoundError(region, request.imageName, look);
        await clock.sleep(pause, opts?.signal);
        pause *= PAUSE_GROWTH;
    }
}
