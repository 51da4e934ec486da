/**
 * `CustomImage`: a custom image in one region, made from an instance, from snapshots, or imported
 * from an image file; or an existing image taken over with `adoptExisting`.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProviderFor } from "./dynamicProvider";
import { RESOURCE_MODULE } from "./naming";

/** Make the image from an instance: its system disk, plus any listed data disks. */
export interface CustomImageInstanceSource {
    /** The instance (e.g. `ins-a1b2c3d4`), running or stopped, in the image's region. */
    instanceId: pulumi.Input<string>;
    /** Data disks of that instance to include (a whole-machine image). Default: none. */
    dataDiskIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Power the instance off first, for a consistent image. Default `false`. Only used at creation. */
    forcePoweroff?: pulumi.Input<boolean>;
    /** Run Sysprep first (Windows only). Default `false`. */
    sysprep?: pulumi.Input<boolean>;
}

/** Make the image from snapshots: exactly one of them of a system disk. */
export interface CustomImageSnapshotSource {
    /** Snapshot IDs (e.g. `snap-4l2rz0ab`); order does not matter. */
    snapshotIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** Import the image from an image file (RAW, VHD, QCOW2, VMDK) in COS. */
export interface CustomImageImportSource {
    import: pulumi.Input<{
        /** The COS URL of the image file. */
        imageUrl: pulumi.Input<string>;
        /** The OS, e.g. `CentOS`, `Ubuntu`, `Windows`. */
        osType: pulumi.Input<string>;
        /** The OS version, e.g. `7` or `22.04`. */
        osVersion: pulumi.Input<string>;
        /** `x86_64`, `i386` or `arm_64`. */
        architecture: pulumi.Input<string>;
        /** `Legacy BIOS` or `UEFI`. Default: the service's (`Legacy BIOS`). */
        bootMode?: pulumi.Input<string>;
        /** `TencentCloud` or `BYOL`. Default: the service's (`TencentCloud`). */
        licenseType?: pulumi.Input<string>;
        /** Import even when the image file fails the service's checks. Default `false`. Only used at creation. */
        force?: pulumi.Input<boolean>;
    }>;
}

/** Where a CustomImage comes from: exactly one kind of source. */
export type CustomImageSourceArgs =
    CustomImageInstanceSource | CustomImageSnapshotSource | CustomImageImportSource;

/** The arguments of a {@link CustomImage}. */
export interface CustomImageArgs {
    /** The region. Default: the provider setting `tencentcloud-images:region` / `TENCENTCLOUD_REGION`. Changing it replaces the image. */
    region?: pulumi.Input<string>;
    /** The image name (at most 60 characters, unique per account and region). Updated in place. */
    imageName: pulumi.Input<string>;
    /** The description (at most 256 characters). Default: none. Updated in place. */
    description?: pulumi.Input<string>;
    /** Exactly one of `{ instanceId, ... }`, `{ snapshotIds }`, `{ import: {...} }`. Changing it replaces the image. */
    source: pulumi.Input<CustomImageSourceArgs>;
    /** Tags of the image. Default: none. Updated in place (the package's own marker tags are kept apart). */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Also delete the snapshots behind the image when it is deleted. Default `false`. */
    deleteSnapshotsOnDelete?: pulumi.Input<boolean>;
    /**
     * Take over an existing image of the same name in the region instead of creating one (the way to
     * bring existing images under management: `pulumi import` does not work for dynamic resources).
     * Default `false`. Only used at creation.
     */
    adoptExisting?: pulumi.Input<boolean>;
    /** How long to wait for the image to become NORMAL. Default 60 minutes (120 for imports). */
    timeoutMinutes?: pulumi.Input<number>;
}

/** A custom image in one region. */
export class CustomImage extends pulumi.dynamic.Resource {
    /** The image ID, e.g. `img-gvbnzy6f`. */
    declare readonly imageId: pulumi.Output<string>;
    /** The region the image is in. */
    declare readonly region: pulumi.Output<string>;
    /** The state when last read: `NORMAL` once ready. */
    declare readonly imageState: pulumi.Output<string>;
    /** `PRIVATE_IMAGE`. */
    declare readonly imageType: pulumi.Output<string>;
    /** The OS name, e.g. `TencentOS Server 3.1 (TK4)`. */
    declare readonly osName: pulumi.Output<string>;
    /** The platform, e.g. `TencentOS` or `Ubuntu`. */
    declare readonly platform: pulumi.Output<string>;
    /** `x86_64`, `arm` or `i386`. */
    declare readonly architecture: pulumi.Output<string>;
    /** Size in GB. */
    declare readonly imageSizeGb: pulumi.Output<number>;
    /** Creation time, ISO 8601 UTC. */
    declare readonly createdTime: pulumi.Output<string>;
    /** The snapshots behind the image. */
    declare readonly snapshotIds: pulumi.Output<string[]>;

    constructor(name: string, args: CustomImageArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dynamicProviderFor("customImage"),
            name,
            {
                ...args,
                __logicalName: name,
                imageId: undefined,
                region: args.region,
                imageState: undefined,
                imageType: undefined,
                osName: undefined,
                platform: undefined,
                architecture: undefined,
                imageSizeGb: undefined,
                createdTime: undefined,
                snapshotIds: undefined,
            },
            opts,
            RESOURCE_MODULE,
            "CustomImage",
        );
    }
}
