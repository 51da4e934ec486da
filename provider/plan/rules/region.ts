/** Rule: a named region exists and is offered to the account (DescribeRegions is the truth). */
import type { RegionInfo } from "../../backend/types";
import type { ResourceRef } from "../../model/kinds";
import { CheckFailure, failure, quote } from "../failures";
import { KNOWN_REGIONS, nearestName } from "../formats";

/**
 * The failures of one region name against the live region list: none when DescribeRegions lists it
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
                `${label} ${quote(region)} is ${info.regionState}, not AVAILABLE (DescribeRegions): use an available region`,
            ),
        ];
    }
    const names = offered.map((r) => r.region).sort();
    const near = nearestName(region, names.length > 0 ? names : KNOWN_REGIONS);
    return [
        failure(
            ref,
            property,
            `${label} ${quote(region)} is not a region that Tencent Cloud offers to this account ` +
                `(DescribeRegions lists ${names.join(", ") || "none"}): ` +
                (near ? `did you mean ${near}?` : "use one of those"),
        ),
    ];
}
