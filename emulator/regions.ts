/**
 * The regions the emulator offers: by default the 18 regions the image APIs accept (API reference
 * §4.1), from models/builtins/regions.json.
 */
import { BUILTIN_REGIONS } from "./models/builtinData";

/** One region with its display names (and whether it is in mainland China). */
export type EmulatorRegion = (typeof BUILTIN_REGIONS)[number];

/** All regions, in the order DescribeRegions lists them (models/builtins/regions.json). */
export const REGIONS: readonly EmulatorRegion[] = BUILTIN_REGIONS;

/** The region IDs, in DescribeRegions order. */
export const REGION_IDS: readonly string[] = REGIONS.map((r) => r.region);

/** True when the emulator knows the region. */
export function isKnownRegion(region: string): boolean {
    return REGION_IDS.includes(region);
}

/** True when the region is in mainland China. */
export function isMainlandRegion(region: string): boolean {
    return REGIONS.some((r) => r.region === region && r.mainland);
}
