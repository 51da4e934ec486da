/** A promise the test opens when it chooses: `opened` resolves once `open()` is called. */
export function gate(): { open: () => void; opened: Promise<void> } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
}
