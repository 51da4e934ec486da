/** How long the resources wait by default, in minutes: imports take longer than other images. */
export const DEFAULT_TIMEOUT_MINUTES = { image: 60, import: 120, copy: 60, delete: 30 } as const;

/** True for an import source (`{ import: {...} }`), whatever else it holds. */
export function isImportSource(source: unknown): boolean {
    return source !== null && typeof source === "object" && "import" in source;
}

/** The wait of a new image when `timeoutMinutes` is absent: 120 for imports, 60 otherwise. */
export function defaultImageTimeout(source: unknown): number {
    return isImportSource(source) ? DEFAULT_TIMEOUT_MINUTES.import : DEFAULT_TIMEOUT_MINUTES.image;
}
