/**
 * The engine's resource operations (create, read, update, delete) running in this provider process.
 * The engine runs at most `--parallel` at once and starts the next one only when one of them ends:
 * an operation that keeps its slot to wait for an operation the engine has not started yet (a copy
 * letting a share of its source go first) can therefore wait only while some other operation, one
 * that is working rather than waiting like it, will end and free a slot.
 */
export class EngineSlots {
    private running = 0;
    private holding = 0;
    private readonly listeners = new Set<() => void>();

    /** Runs one operation, counted while it runs. */
    async occupy<T>(work: () => Promise<T>): Promise<T> {
        this.running++;
        try {
            return await work();
        } finally {
            this.running--;
            this.changed();
        }
    }

    /**
     * Waits, keeping the caller's slot, while `pending()` is true and another operation is running that
     * is not waiting here; whoever can make `pending()` false calls {@link changed}. Never waits when no
     * other operation works: the engine could not start the one waited for before one ends. `onHold`
     * is called once, when it does wait.
     */
    async holdWhile(pending: () => boolean, onHold: () => void = () => {}): Promise<void> {
        this.holding++;
        this.changed();
        try {
            let held = false;
            while (pending() && this.running > this.holding) {
                if (!held) onHold();
                held = true;
                await new Promise<void>((resolve) => this.listeners.add(resolve));
            }
        } finally {
            this.holding--;
            this.changed();
        }
    }

    /** Wakes the waits of {@link holdWhile}, which look at their condition again. */
    changed(): void {
        const waiting = [...this.listeners];
        this.listeners.clear();
        for (const wake of waiting) wake();
    }
}
