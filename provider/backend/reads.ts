/**
 * How the backend reads lists: the Describe* actions it reads items with (which service, which
 * parameter takes IDs, which reply schema, how a reply maps to domain items), and the two ways it
 * reads them: by IDs in batches of {@link PAGE_SIZE}, and every page of a listing.
 */
import { z } from "zod";
import { ApiService } from "./apiServices";
import { toImage, toInstanceInfo, toSnapshotInfo } from "./replyMappers";
import { describeImagesReply, describeInstancesReply, describeSnapshotsReply } from "./replySchemas";
import { chunk, PAGE_SIZE } from "./requestBodies";
import { CallOptions, Image, InstanceInfo, SnapshotInfo } from "./types";

/** Sends one read (a read is always safe to retry) and returns its checked reply. */
export type SendRead = <S extends z.ZodType>(
    service: ApiService,
    action: string,
    region: string,
    body: Record<string, unknown>,
    reply: S,
    opts?: CallOptions,
) => Promise<z.output<S>>;

/** A Describe* action that lists items: where it is sent, its reply schema, and the items of a reply. */
interface ListRead<S extends z.ZodType, T> {
    service: ApiService;
    action: string;
    reply: S;
    items(reply: z.output<S>, region: string): T[];
}

/** A list read that takes the IDs of the items to read. */
interface ReadById<S extends z.ZodType, T> extends ListRead<S, T> {
    /** The parameter that takes the IDs. */
    parameter: string;
}

/** A list read that pages (`Offset`, `Limit`) and counts what matches (`TotalCount`). */
interface PagedRead<S extends z.ZodType, T> extends ListRead<S, T> {
    total(reply: z.output<S>): number;
}

export const imagesRead: ReadById<typeof describeImagesReply, Image> &
    PagedRead<typeof describeImagesReply, Image> = {
    service: "cvm",
    action: "DescribeImages",
    parameter: "ImageIds",
    reply: describeImagesReply,
    items: (reply, region) => reply.ImageSet.map((i) => toImage(region, i)),
    total: (reply) => reply.TotalCount,
};
export const instancesRead: ReadById<typeof describeInstancesReply, InstanceInfo> &
    PagedRead<typeof describeInstancesReply, InstanceInfo> = {
    service: "cvm",
    action: "DescribeInstances",
    parameter: "InstanceIds",
    reply: describeInstancesReply,
    items: (reply) => reply.InstanceSet.map(toInstanceInfo),
    // The spec makes TotalCount optional here: a reply without it ends the listing at its page.
    total: (reply) => reply.TotalCount ?? 0,
};
export const snapshotsRead: ReadById<typeof describeSnapshotsReply, SnapshotInfo> = {
    service: "cbs",
    action: "DescribeSnapshots",
    parameter: "SnapshotIds",
    reply: describeSnapshotsReply,
    items: (reply) => reply.SnapshotSet.map(toSnapshotInfo),
};

/** Does the work of many IDs in batches of {@link PAGE_SIZE} (duplicates once), in order. */
export async function inBatches<T>(ids: string[], work: (batch: string[]) => Promise<T[]>): Promise<T[]> {
    const items: T[] = [];
    for (const batch of chunk([...new Set(ids)], PAGE_SIZE)) items.push(...(await work(batch)));
    return items;
}

/** Items by ID (`<parameter>: [...]` with `Limit` 100), in batches of 100. */
export function readByIds<S extends z.ZodType, T>(
    send: SendRead,
    read: ReadById<S, T>,
    region: string,
    ids: string[],
    opts?: CallOptions,
): Promise<T[]> {
    return inBatches(ids, async (batch) => {
        const body = { [read.parameter]: batch, Limit: PAGE_SIZE };
        return read.items(await send(read.service, read.action, region, body, read.reply, opts), region);
    });
}

/** Every item of a listing (`body` plus `Offset` and `Limit` 100), page after page. */
export async function readAllPages<S extends z.ZodType, T>(
    send: SendRead,
    read: PagedRead<S, T>,
    region: string,
    body: Record<string, unknown>,
    opts?: CallOptions,
): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = { ...body, Offset: offset, Limit: PAGE_SIZE };
        const reply = await send(read.service, read.action, region, page, read.reply, opts);
        const pageItems = read.items(reply, region);
        items.push(...pageItems);
        // Stop on a short page too, so a TotalCount that moves while paging cannot loop forever.
        if (pageItems.length < PAGE_SIZE || offset + PAGE_SIZE >= read.total(reply)) break;
    }
    return items;
}
