/**
 * The naive mode: a benchmark-only switch, never for real use. With `TENCENTCLOUD_IMAGES_NAIVE=1`
 * in the provider's environment, the provider works the way a straightforward provider would, so
 * that `npm run bench` can measure what the batching and caching save:
 *
 * - every wait polls its own image alone (a fresh ImageWaiter per wait: one DescribeImages per image
 *   per tick, instead of one per region per tick for all the images being waited on);
 * - every check reads its live facts afresh (a fresh LiveFacts per check, instead of one cache per
 *   engine run).
 *
 * The rate limiter stays shared: the baseline is naive about calls, not about throttling.
 */
import { Image, ImageBackend } from "./backend/types";
import { ImageWaiter, ImageWaiterOptions, WaitForGoneOptions, WaitForStateOptions } from "./backend/waiter";

/** The environment variable that switches the naive mode on (`1` or `true`). */
export const NAIVE_ENV = "TENCENTCLOUD_IMAGES_NAIVE";

/** True when the naive (benchmark baseline) mode is on. Read at each use, so a test can flip it. */
export function naiveMode(env: NodeJS.ProcessEnv = process.env): boolean {
    const value = env[NAIVE_ENV]?.trim().toLowerCase();
    return value === "1" || value === "true";
}

/** A waiter that polls each image on its own: every wait gets its own ImageWaiter (no batching). */
export class PerImageWaiter {
    constructor(
        private readonly backend: ImageBackend,
        private readonly options: ImageWaiterOptions = {},
    ) {}

    /** As ImageWaiter.waitForState, polled alone. */
    waitForState(region: string, imageId: string, options: WaitForStateOptions): Promise<Image> {
        return new ImageWaiter(this.backend, this.options).waitForState(region, imageId, options);
    }

    /** As ImageWaiter.waitForGone, polled alone. */
    waitForGone(region: string, imageId: string, options: WaitForGoneOptions): Promise<void> {
        return new ImageWaiter(this.backend, this.options).waitForGone(region, imageId, options);
    }
}
