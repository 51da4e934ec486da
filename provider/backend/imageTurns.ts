/**
 * One call at a time per image, for the calls that an image refuses while it is busy (sharing,
 * copying, renaming): a copy makes its source SYNCING, so a share or a second copy of the same image
 * sent right after it would be refused. Taking turns per image lets each caller see the state the
 * previous one left (and wait for NORMAL) before it sends.
 */

/** Runs work one at a time per key, in the order it was asked for. */
export class ImageTurns {
    private readonly tails = new Map<string, Promise<void>>();
    /** Per image: how many quick works wait for their turn (see {@link quickWaiting}). */
    private readonly quickInLine = new Map<string, number>();
    /** Per image: the resources (by name) announced to come with a quick work that has not asked yet. */
    private readonly announced = new Map<string, Set<string>>();

    /** `onArrival`: called when an announced work asks for its turn or is withdrawn. */
    constructor(private readonly onArrival: () => void = () => {}) {}

    /**
     * Announces that resource `name` is about to ask for a quick turn on the image (an ImageShare whose
     * create the engine checked and has not started yet), so that a copy can let it go first.
     */
    announceQuick(region: string, imageId: string, name: string): void {
        const key = `${region}/${imageId}`;
        const names = this.announced.get(key) ?? new Set<string>();
        names.add(name);
        this.announced.set(key, names);
    }

    /** Takes back an announcement (the work asked for its turn, or will not come). */
    withdraw(region: string, imageId: string, name: string): void {
        const key = `${region}/${imageId}`;
        const names = this.announced.get(key);
        if (!names?.delete(name)) return;
        if (names.size === 0) this.announced.delete(key);
        this.onArrival();
    }

    /** The resources announced to come with a quick work on the image that have not asked for it yet. */
    quickAnnounced(region: string, imageId: string): string[] {
        return [...(this.announced.get(`${region}/${imageId}`) ?? [])];
    }

    /**
     * Runs `work` once every earlier work of the same image has ended (however it ended). `quick`:
     * the work leaves the image as it found it within one call (a share, a rename), as opposed to one
     * that makes it busy for long (a copy). `name`: the resource asking, whose announcement this ends.
     */
    async take<T>(
        region: string,
        imageId: string,
        work: () => Promise<T>,
        { quick = false, name }: { quick?: boolean; name?: string } = {},
    ): Promise<T> {
        const key = `${region}/${imageId}`;
        const before = this.tails.get(key) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((resolve) => (release = resolve));
        const tail = before.then(() => mine);
        this.tails.set(key, tail);
        if (quick) this.quickInLine.set(key, (this.quickInLine.get(key) ?? 0) + 1);
        if (name !== undefined) this.withdraw(region, imageId, name);
        await before;
        if (quick) {
            const left = this.quickInLine.get(key)! - 1;
            if (left > 0) this.quickInLine.set(key, left);
            else this.quickInLine.delete(key);
        }
        try {
            return await work();
        } finally {
            release();
            if (this.tails.get(key) === tail) this.tails.delete(key);
        }
    }

    /**
     * Whether quick works of the image wait behind the current one. A work that would make the image
     * busy for long can give its turn up to them: a share sent before a copy takes one call, a share
     * sent after it waits out the whole copy.
     */
    quickWaiting(region: string, imageId: string): boolean {
        return this.quickInLine.has(`${region}/${imageId}`);
    }
}
