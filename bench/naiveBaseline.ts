/**
 * The naive baseline of the benchmarks: the provider working the way a straightforward provider
 * would, so that `npm run bench` can measure what the batching and caching save. It is not in the
 * package: bench/providerPreload.ts sets it, through the process context's overrides, in the provider
 * process of the naive runs.
 *
 * - every wait polls its own image alone (a fresh ImageWaiter per wait: one DescribeImages per image
 *   per tick, instead of one per region per tick for all the images being waited on);
 * - every check reads its live facts afresh (a fresh LiveFacts per check, instead of one cache per
 *   engine run).
 *
 * The rate limiter stays shared: the baseline is naive about calls, not about throttling.
 */
import type { Image, ImageBackend } from "../provider/backend/types";
import type {
    ImageWaiter,
    ImageWaiterOptions,
    WaitForGoneOptions,
    WaitForStateOptions,
} from "../provider/backend/waiter";
import type { LiveFacts } from "../provider/plan/liveFacts";
import type { ProcessOverrides } from "../provider/processContext";

/** The classes the baseline is made of, taken from the package copy the provider process runs. */
export interface BaselineParts {
    ImageWaiter: new (backend: ImageBackend, options?: ImageWaiterOptions) => ImageWaiter;
    LiveFacts: new (backend: ImageBackend) => LiveFacts;
}

/** A waiter that polls each image on its own: every wait gets its own ImageWaiter (no batching). */
export class PerImageWaiter {
    constructor(
        private readonly parts: BaselineParts,
        private readonly backend: ImageBackend,
        private readonly options: ImageWaiterOptions = {},
    ) {}

    /** As ImageWaiter.waitForState, polled alone. */
    waitForState(region: string, imageId: string, options: WaitForStateOptions): Promise<Image> {
        return new this.parts.ImageWaiter(this.backend, this.options).waitForState(region, imageId, options);
    }

    /** As ImageWaiter.waitForGone, polled alone. */
    waitForGone(region: string, imageId: string, options: WaitForGoneOptions): Promise<void> {
        return new this.parts.ImageWaiter(this.backend, this.options).waitForGone(region, imageId, options);
    }
}

/** The process overrides of the naive baseline. */
export function naiveOverrides(parts: BaselineParts): ProcessOverrides {
    return {
        waiter: (backend, options) => new PerImageWaiter(parts, backend, options),
        liveFactsPerCheck: (backend) => new parts.LiveFacts(backend),
    };
}
