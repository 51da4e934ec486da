/**
 * The family of an ImageCopy's copies: the source image's, so that a family exists in every region it
 * is copied to. SyncImages takes no `ImageFamily` (a copy starts in none), and ModifyImageAttribute
 * changes only a NORMAL image, so each copy joins the family once it is NORMAL, in its own region.
 * A source in no family leaves the copies' families alone.
 */
import { describeImage } from "./images";
import type { OperationContext } from "./lifecycle";
import { whenImageIdle } from "./waits";
import { Copies, messageOf } from "./copies";

/**
 * Puts every NORMAL copy that is not in `family` into it (no call for one that is). Returns one line
 * per copy that could not be moved; the copy itself is kept.
 */
export async function carryFamily(
    op: OperationContext,
    copies: Copies,
    family: string | undefined,
    timeoutMinutes: number,
): Promise<string[]> {
    if (!family) return [];
    const { backend } = op.ctx;
    const ready = Object.entries(copies.images).filter(([region]) => copies.imageStates[region] === "NORMAL");
    const problems = await Promise.all(
        ready.map(async ([region, imageId]): Promise<string | undefined> => {
            try {
                const live = await describeImage(op.ctx.reads, region, imageId);
                if (!live || live.imageFamily === family) return undefined;
                await whenImageIdle(op, region, imageId, timeoutMinutes, () =>
                    backend.modifyImageAttribute(region, imageId, { imageFamily: family }),
                );
                op.say(`the copy ${imageId} in ${region} joined the source's family "${family}"`);
                return undefined;
            } catch (error) {
                return `${region}: the copy ${imageId} could not join the family "${family}" (${messageOf(error)}); run \`pulumi up\` again`;
            }
        }),
    );
    return problems.filter((p): p is string => p !== undefined);
}
