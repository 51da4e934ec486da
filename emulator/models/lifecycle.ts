/**
 * Transient states computed from timestamps: an image is CREATING/IMPORTING/SYNCING until its task's
 * `readyAt`, then its outcome; a copy's source shows SYNCING while the copy runs.
 */
import { ImageRecord, SnapshotRecord } from "./types";

/** The API ImageState of an image at time `now`. */
export function imageState(image: ImageRecord, now: number): string {
    const pending = image.pending;
    if (pending) {
        if (now < pending.readyAt) return pending.state;
        if (pending.outcome !== "NORMAL") return pending.outcome;
    }
    if (image.busyUntil !== undefined && now < image.busyUntil) return "SYNCING";
    return "NORMAL";
}

/** Copy progress of an image that is being copied in (0–99 while SYNCING), else null. */
export function syncPercent(image: ImageRecord, now: number): number | null {
    const pending = image.pending;
    if (!pending || pending.state !== "SYNCING" || now >= pending.readyAt) return null;
    const span = Math.max(1, pending.readyAt - pending.startedAt);
    return Math.min(99, Math.max(0, Math.floor(((now - pending.startedAt) / span) * 100)));
}

/**
 * True once the image itself is made (its create, import or copy-in ended NORMAL), also while a copy
 * of it is being made elsewhere: it shows SYNCING then, but is complete and can be launched.
 */
export function isMade(image: ImageRecord, now: number): boolean {
    const pending = image.pending;
    return !pending || (now >= pending.readyAt && pending.outcome === "NORMAL");
}

/** True while a task runs on the image (it may not be deleted, shared, copied or modified). */
export function isBusy(image: ImageRecord, now: number): boolean {
    const state = imageState(image, now);
    return state === "CREATING" || state === "IMPORTING" || state === "SYNCING";
}

/** The CBS SnapshotState of a snapshot at time `now`. */
export function snapshotState(snapshot: SnapshotRecord, now: number): string {
    return now < snapshot.readyAt ? "CREATING" : "NORMAL";
}

/** ISO 8601 UTC without milliseconds, as the API prints times. */
export function isoTime(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
