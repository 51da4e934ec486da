/**
 * Rule: a named region is one where CVM is offered. The truth is the Region service's
 * DescribeRegions for product `cvm` (CVM's own DescribeRegions is no longer maintained).
 */
import type { RegionInfo } from "../../backend/types";
import type { ResourceRef } from "../../model/kinds";
import { CheckFailure, failure, quote } from "../failures";
import { KNOWN_REGIONS, nearestName } from "../formats";

/**
 * The failures of one region name against the live list of CVM regions: none when it is listed
 * as available. `label` is how the message names the value (e.g. `destinationRegions[1]`).
 */
export function regionFailures(
    ref: ResourceRef,
    property: string,
    label: string,
    region: string,
    offered: readonly RegionInfo[],
): CheckFailure[] {
    const info = offered.find((r) => r.region === region);
    if (info && (info.regionState === "AVAILABLE" || info.regionState === "")) return [];
    if (info) {
        return [
            failure(
                ref,
                property,
                `${label} ${quote(region)} is a CVM region that is ${info.regionState}, not AVAILABLE ` +
                    `(Region service DescribeRegions for cvm): use an available region`,
            ),
        ];
    }
    const names = offered.map((r) => r.region).sort();
    const near = nearestName(region, names.length > 0 ? names : KNOWN_REGIONS);
    return [
        failure(
            ref,
            property,
            `${label} ${quote(region)} is not a CVM region: it is unknown, or CVM is not offered there ` +
                `(the Region service lists for cvm: ${names.join(", ") || "none"}): ` +
                (near ? `did you mean ${near}?` : "use one of those"),
        ),
    ];
}
