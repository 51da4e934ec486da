/** Renders stored records in the API's reply shapes. */
import { imageState, isoTime, syncPercent } from "../models/lifecycle";
import { Store, VisibleImage } from "../models/store";

/** The API `Image` object of an image as the viewing account sees it. */
export function renderImage(store: Store, found: VisibleImage, now: number): Record<string, unknown> {
    const { image, relation } = found;
    const own = relation === "own";
    const imageType = relation === "shared" ? "SHARED_IMAGE" : image.imageType;
    const snapshots = own
        ? image.snapshotIds.flatMap((id) => {
              const s = store.state.accounts[image.owner]?.[image.region]?.snapshots[id];
              return s ? [{ SnapshotId: s.snapshotId, DiskUsage: s.diskUsage, DiskSize: s.diskSize }] : [];
          })
        : [];
    return {
        ImageId: image.imageId,
        OsName: image.osName,
        ImageType: imageType,
        CreatedTime: isoTime(image.createdAt),
        ImageName: image.imageName,
        ImageDescription: image.imageDescription,
        ImageSize: image.imageSize,
        Architecture: image.architecture,
        ImageState: imageState(image, now),
        Platform: image.platform,
        ImageCreator: image.owner,
        ImageSource: image.imageSource,
        SyncPercent: syncPercent(image, now),
        IsSupportCloudinit: true,
        SnapshotSet: snapshots,
        // Tags belong to the owner's tag service: other accounts do not see them.
        Tags: own ? Object.entries(image.tags).map(([Key, Value]) => ({ Key, Value })) : [],
        LicenseType: image.licenseType,
        ImageFamily: image.imageFamily,
        ImageDeprecated: image.imageDeprecated,
    };
}
