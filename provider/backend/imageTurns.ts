/**
 * One call at a time per image, for the calls that an image refuses while it is busy (sharing,
 * copying, renaming): a copy makes its source SYNCING, so a share or a second copy of the same image
 * sent right after it would be refused. Taking turns per image lets each caller see the state the
 * previous one left (and wait for NORMAL) before it sends.
 */

/** Runs work one at a time per key, in the order it was asked for. */
export class ImageTurns {
    private readonly tails = new Map<string, Promise<void>>();

    /** Runs `work` once every earlier work of the same image has ended (however it ended). */
    async take<T>(region: string, imageId: string, work: () => Promise<T>): Promise<T> {
        const key = `${region}/${imageId}`;
        const before = this.tails.get(key) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((resolve) => (release = resolve));
        const tail = before.then(() => mine);
        this.tails.set(key, tail);
        await before;
        try {
            return await work();
        } finally {
            release();
            if (this.tails.get(key) === tail) this.tails.delete(key);
        }
    }
}
