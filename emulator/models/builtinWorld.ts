/**
 * The built-in world (models/builtins/*.json, replaceable: builtinData.ts): every region's public
 * images (and mainland regions' marketplace images), every account's instances in every region, and
 * the images accounts own from the start, some shared with the main account.
 */
import { stableId } from "../ids";
import { REGIONS } from "../regions";
import { ACCOUNT_IMAGES, INSTANCE_TEMPLATES, MARKET_IMAGES, PUBLIC_IMAGES } from "./builtinData";
import { MARKET_VENDOR } from "./catalog";
import { addInstance, addOwnedImage, publicImageId, SEED_TIME } from "./records";
import { EmulatorState } from "./types";

/** Adds the built-in world to a state that has its accounts and regions. */
export function addBuiltinWorld(state: EmulatorState): void {
    for (const r of REGIONS) {
        const images = state.publicImages[r.region];
        const catalog = r.mainland ? [...PUBLIC_IMAGES, ...MARKET_IMAGES] : PUBLIC_IMAGES;
        for (const c of catalog) {
            const market = MARKET_IMAGES.includes(c);
            const imageId = publicImageId(c.key);
            images[imageId] = {
                imageId,
                region: r.region,
                owner: market ? MARKET_VENDOR : "tencent",
                imageType: market ? "MARKET_IMAGE" : "PUBLIC_IMAGE",
                imageName: c.imageName,
                imageDescription: c.description ?? c.osName,
                osName: c.osName,
                platform: c.platform,
                architecture: c.architecture,
                imageSize: c.imageSize,
                createdAt: Date.parse(c.createdTime),
                imageSource: "OFFICIAL",
                licenseType: "TencentCloud",
                imageFamily: "",
                imageDeprecated: false,
                snapshotIds: [],
                tags: {},
                shares: [],
            };
        }
        for (const account of state.accountList) {
            const data = state.accounts[account.accountId][r.region];
            for (const t of INSTANCE_TEMPLATES) addInstance(data, account.accountId, r.region, t);
        }
    }
    for (const [i, spec] of ACCOUNT_IMAGES.entries()) {
        const regions = state.accounts[spec.owner];
        if (!regions) throw new Error(`accountImages.json: account ${spec.owner} is not an emulator account`);
        addOwnedImage(regions[spec.region], {
            accountId: spec.owner,
            region: spec.region,
            imageId: stableId("img", `owned:${spec.owner}:${spec.region}:${spec.imageName}`),
            imageName: spec.imageName,
            imageDescription: `${spec.imageName} built by account ${spec.owner}`,
            createdAt: SEED_TIME + i * 3_600_000,
            sharedWith: spec.sharedWith,
        });
    }
}
