/**
 * Launching and terminating instances: the emulator's stand-in for RunInstances and
 * TerminateInstances (which it does not serve), offered as controls so that "is this image in use?"
 * can be tested end to end. The image must be one the account can launch in the region (its own,
 * shared with it, or public); the instance takes the image's OS and size, and DescribeInstances lists
 * the image as its ImageId.
 */
import { z } from "zod";
import { ID_PATTERNS } from "../ids";
import { architectureSchema } from "./builtinData";
import { addInstance, seededInstanceId } from "./records";
import { Store } from "./store";
import { InstanceRecord } from "./types";

/** What the control takes. */
export const runImageSchema = z.strictObject({
    accountId: z.string().regex(/^\d+$/),
    region: z.string().min(1),
    imageId: z.string().regex(ID_PATTERNS.image),
    instanceName: z.string().min(1),
    instanceId: z.string().regex(ID_PATTERNS.instance).optional(),
});

/** A request to start an instance from an image. */
export type RunImageRequest = z.infer<typeof runImageSchema>;

/** Adds a RUNNING instance of the account that runs the image; throws (a 400 over HTTP) when it cannot. */
export function runImage(store: Store, request: RunImageRequest): InstanceRecord {
    const r = runImageSchema.parse(request);
    const data = store.state.accounts[r.accountId]?.[r.region];
    if (!data) throw new Error(`runImage: no account ${r.accountId} in region ${r.region}`);
    const found = store.findImage(r.accountId, r.region, r.imageId);
    if (!found) {
        throw new Error(`runImage: account ${r.accountId} cannot launch ${r.imageId} in ${r.region}`);
    }
    const instanceId = r.instanceId ?? seededInstanceId(r.accountId, r.region, r.instanceName);
    if (data.instances[instanceId]) {
        throw new Error(`runImage: the instance ${instanceId} already exists (choose another name or ID)`);
    }
    const { image } = found;
    const instance = addInstance(
        data,
        r.accountId,
        r.region,
        {
            name: r.instanceName,
            instanceType: "S5.MEDIUM4",
            cpu: 2,
            memory: 4,
            imageKey: "",
            osName: image.osName,
            platform: image.platform,
            architecture: architectureSchema.parse(image.architecture),
            systemDisk: { diskSize: Math.max(image.imageSize, 20), diskType: "CLOUD_PREMIUM" },
            dataDisks: [],
        },
        instanceId,
        image.imageId,
    );
    instance.createdAt = store.now();
    store.changed();
    return instance;
}

/** Which instance to terminate. */
export const terminateSchema = z.strictObject({
    accountId: z.string().regex(/^\d+$/),
    region: z.string().min(1),
    instanceId: z.string().regex(ID_PATTERNS.instance),
});

/** A request to terminate an instance. */
export type TerminateRequest = z.infer<typeof terminateSchema>;

/** Removes the instance (its disks' snapshots stay, as snapshots outlive their disks); throws when absent. */
export function terminateInstance(store: Store, request: TerminateRequest): void {
    const r = terminateSchema.parse(request);
    const instances = store.state.accounts[r.accountId]?.[r.region]?.instances;
    if (!instances?.[r.instanceId]) {
        throw new Error(`terminateInstance: no instance ${r.instanceId} of ${r.accountId} in ${r.region}`);
    }
    delete instances[r.instanceId];
    store.changed();
}
