/**
 * The fixed facts of the catalogue that are not data of the built-in world (that is in
 * builtins/*.json): who sells marketplace images, and the OS list of DescribeImportImageOs.
 */

/** The vendor shown as ImageCreator of marketplace images. */
export const MARKET_VENDOR = "marketplace";

/** DescribeImportImageOs: the OS types and versions ImportImage accepts. */
export const IMPORT_OS = {
    linux: [
        "CentOS",
        "Ubuntu",
        "Debian",
        "OpenSUSE",
        "SUSE",
        "CoreOS",
        "FreeBSD",
        "TencentOS",
        "Other Linux",
    ],
    windows: ["Windows Server 2008", "Windows Server 2012", "Windows Server 2016", "Windows Server 2019"],
    versions: [
        { OsName: "CentOS", OsVersions: ["6", "7", "8"], Architecture: ["x86_64", "i386", "arm_64"] },
        {
            OsName: "Ubuntu",
            OsVersions: ["18.04", "20.04", "22.04", "24.04"],
            Architecture: ["x86_64", "arm_64"],
        },
        { OsName: "Debian", OsVersions: ["10", "11", "12"], Architecture: ["x86_64", "arm_64"] },
        { OsName: "OpenSUSE", OsVersions: ["15"], Architecture: ["x86_64"] },
        { OsName: "SUSE", OsVersions: ["12", "15"], Architecture: ["x86_64"] },
        { OsName: "CoreOS", OsVersions: ["1745"], Architecture: ["x86_64"] },
        { OsName: "FreeBSD", OsVersions: ["12", "13"], Architecture: ["x86_64"] },
        { OsName: "TencentOS", OsVersions: ["2.4", "3.1", "4"], Architecture: ["x86_64", "arm_64"] },
        { OsName: "Other Linux", OsVersions: ["-"], Architecture: ["x86_64", "i386", "arm_64"] },
        { OsName: "Windows Server 2008", OsVersions: ["-"], Architecture: ["x86_64"] },
        { OsName: "Windows Server 2012", OsVersions: ["-"], Architecture: ["x86_64"] },
        { OsName: "Windows Server 2016", OsVersions: ["-"], Architecture: ["x86_64"] },
        { OsName: "Windows Server 2019", OsVersions: ["-"], Architecture: ["x86_64"] },
    ],
} as const;
