/**
 * The fixed catalogue the seed is built from: public images (the same ID in every region, as on
 * Tencent Cloud), marketplace images (mainland China only), instance templates, and the OS list of
 * DescribeImportImageOs.
 */

/** One public or marketplace image definition. */
export interface CatalogImage {
    /** Stable key: the ID is derived from it. */
    key: string;
    imageName: string;
    osName: string;
    platform: string;
    architecture: "x86_64" | "arm" | "i386";
    imageSize: number;
    /** Creation time (ISO 8601 UTC); distinct per image so "most recent" is well defined. */
    createdTime: string;
    description?: string;
}

function img(
    key: string,
    platform: string,
    osName: string,
    architecture: CatalogImage["architecture"],
    createdTime: string,
    imageSize = 20,
): CatalogImage {
    return { key, imageName: osName, osName, platform, architecture, imageSize, createdTime };
}

/** Public images: TencentOS, CentOS, Ubuntu, Debian, Windows, with several versions each. */
export const PUBLIC_IMAGES: readonly CatalogImage[] = [
    img("tos-2.4-x86", "TencentOS", "TencentOS Server 2.4 64bit", "x86_64", "2021-03-10T02:00:00Z"),
    img("tos-3.1-x86", "TencentOS", "TencentOS Server 3.1 (TK4) 64bit", "x86_64", "2022-06-15T02:00:00Z"),
    img("tos-3.1-arm", "TencentOS", "TencentOS Server 3.1 (TK4) for ARM64", "arm", "2022-06-16T02:00:00Z"),
    img("tos-4-x86", "TencentOS", "TencentOS Server 4 for x86_64", "x86_64", "2024-05-20T02:00:00Z"),
    img("tos-4-arm", "TencentOS", "TencentOS Server 4 for ARM64", "arm", "2024-05-21T02:00:00Z"),
    img("centos-6.10-i386", "CentOS", "CentOS 6.10 32bit", "i386", "2019-01-08T02:00:00Z"),
    img("centos-7.6-x86", "CentOS", "CentOS 7.6 64bit", "x86_64", "2019-03-12T02:00:00Z"),
    img("centos-7.9-x86", "CentOS", "CentOS 7.9 64bit", "x86_64", "2021-01-18T02:00:00Z"),
    img("centos-7.9-arm", "CentOS", "CentOS 7.9 for ARM64", "arm", "2021-01-19T02:00:00Z"),
    img("centos-8.2-x86", "CentOS", "CentOS 8.2 64bit", "x86_64", "2020-08-05T02:00:00Z"),
    img("ubuntu-14.04-i386", "Ubuntu", "Ubuntu Server 14.04.1 LTS 32bit", "i386", "2018-02-01T02:00:00Z"),
    img("ubuntu-18.04-x86", "Ubuntu", "Ubuntu Server 18.04.1 LTS 64bit", "x86_64", "2018-09-01T02:00:00Z"),
    img("ubuntu-20.04-x86", "Ubuntu", "Ubuntu Server 20.04 LTS 64bit", "x86_64", "2020-05-06T02:00:00Z"),
    img("ubuntu-20.04-arm", "Ubuntu", "Ubuntu Server 20.04 LTS for ARM64", "arm", "2020-05-07T02:00:00Z"),
    img("ubuntu-22.04-x86", "Ubuntu", "Ubuntu Server 22.04 LTS 64bit", "x86_64", "2022-05-10T02:00:00Z"),
    img("ubuntu-22.04-arm", "Ubuntu", "Ubuntu Server 22.04 LTS for ARM64", "arm", "2022-05-11T02:00:00Z"),
    img("ubuntu-24.04-x86", "Ubuntu", "Ubuntu Server 24.04 LTS 64bit", "x86_64", "2024-05-08T02:00:00Z"),
    img("debian-8.2-i386", "Debian", "Debian 8.2 32bit", "i386", "2017-06-01T02:00:00Z"),
    img("debian-10.2-x86", "Debian", "Debian 10.2 64bit", "x86_64", "2020-01-15T02:00:00Z"),
    img("debian-11.1-x86", "Debian", "Debian 11.1 64bit", "x86_64", "2021-11-20T02:00:00Z"),
    img("debian-12.0-x86", "Debian", "Debian 12.0 64bit", "x86_64", "2023-07-01T02:00:00Z"),
    img("debian-12.0-arm", "Debian", "Debian 12.0 for ARM64", "arm", "2023-07-02T02:00:00Z"),
    img(
        "win-2012r2",
        "Windows",
        "Windows Server 2012 R2 DataCenter 64bit Chinese",
        "x86_64",
        "2019-06-01T02:00:00Z",
        50,
    ),
    img(
        "win-2016",
        "Windows",
        "Windows Server 2016 DataCenter 64bit Chinese",
        "x86_64",
        "2020-06-01T02:00:00Z",
        50,
    ),
    img(
        "win-2019",
        "Windows",
        "Windows Server 2019 DataCenter 64bit Chinese",
        "x86_64",
        "2021-06-01T02:00:00Z",
        50,
    ),
    img(
        "win-2022",
        "Windows",
        "Windows Server 2022 DataCenter 64bit Chinese",
        "x86_64",
        "2023-06-01T02:00:00Z",
        50,
    ),
];

/** Marketplace images (MARKET_IMAGE), offered in mainland China regions only. */
export const MARKET_IMAGES: readonly CatalogImage[] = [
    {
        ...img("mkt-bt-panel", "CentOS", "CentOS 7.9 64bit", "x86_64", "2023-02-01T02:00:00Z", 50),
        imageName: "BT Panel 8.0 (CentOS 7.9)",
        description: "Server control panel with Nginx, MySQL and PHP preinstalled",
    },
    {
        ...img(
            "mkt-wordpress",
            "Ubuntu",
            "Ubuntu Server 22.04 LTS 64bit",
            "x86_64",
            "2023-09-12T02:00:00Z",
            40,
        ),
        imageName: "WordPress 6.4 (Ubuntu 22.04)",
        description: "WordPress with LNMP stack",
    },
    {
        ...img("mkt-lamp", "Debian", "Debian 11.1 64bit", "x86_64", "2022-12-05T02:00:00Z", 40),
        imageName: "LAMP stack (Debian 11)",
        description: "Apache, MySQL and PHP",
    },
];

/** The vendor shown as ImageCreator of marketplace images. */
export const MARKET_VENDOR = "marketplace";

/** One instance template: every account gets these in every region. */
export interface InstanceTemplate {
    name: string;
    osName: string;
    platform: string;
    architecture: string;
    systemDiskSize: number;
    dataDiskSizes: number[];
}

/** The seeded instances of each account in each region. */
export const INSTANCE_TEMPLATES: readonly InstanceTemplate[] = [
    {
        name: "web-1",
        osName: "TencentOS Server 3.1 (TK4) 64bit",
        platform: "TencentOS",
        architecture: "x86_64",
        systemDiskSize: 50,
        dataDiskSizes: [100],
    },
    {
        name: "db-1",
        osName: "Ubuntu Server 22.04 LTS 64bit",
        platform: "Ubuntu",
        architecture: "x86_64",
        systemDiskSize: 50,
        dataDiskSizes: [200, 500],
    },
    {
        name: "arm-1",
        osName: "Debian 12.0 for ARM64",
        platform: "Debian",
        architecture: "arm",
        systemDiskSize: 40,
        dataDiskSizes: [],
    },
    {
        name: "win-1",
        osName: "Windows Server 2022 DataCenter 64bit Chinese",
        platform: "Windows",
        architecture: "x86_64",
        systemDiskSize: 60,
        dataDiskSizes: [],
    },
];

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
