/** The regions the emulator offers: the 18 regions the image APIs accept (API reference §4.1). */

/** One region with its display names. */
export interface EmulatorRegion {
    region: string;
    nameZh: string;
    nameEn: string;
    /** Mainland China regions are the only ones with marketplace images. */
    mainland: boolean;
}

/** All regions, in the order DescribeRegions lists them. */
export const REGIONS: readonly EmulatorRegion[] = [
    { region: "ap-guangzhou", nameZh: "华南地区(广州)", nameEn: "South China (Guangzhou)", mainland: true },
    { region: "ap-shanghai", nameZh: "华东地区(上海)", nameEn: "East China (Shanghai)", mainland: true },
    { region: "ap-nanjing", nameZh: "华东地区(南京)", nameEn: "East China (Nanjing)", mainland: true },
    { region: "ap-beijing", nameZh: "华北地区(北京)", nameEn: "North China (Beijing)", mainland: true },
    { region: "ap-chengdu", nameZh: "西南地区(成都)", nameEn: "Southwest China (Chengdu)", mainland: true },
    {
        region: "ap-chongqing",
        nameZh: "西南地区(重庆)",
        nameEn: "Southwest China (Chongqing)",
        mainland: true,
    },
    {
        region: "ap-hongkong",
        nameZh: "港澳台地区(中国香港)",
        nameEn: "Hong Kong, Macao, Taiwan (Hong Kong, China)",
        mainland: false,
    },
    {
        region: "ap-singapore",
        nameZh: "亚太东南(新加坡)",
        nameEn: "Southeast Asia (Singapore)",
        mainland: false,
    },
    { region: "ap-bangkok", nameZh: "亚太东南(曼谷)", nameEn: "Southeast Asia (Bangkok)", mainland: false },
    { region: "ap-jakarta", nameZh: "亚太东南(雅加达)", nameEn: "Southeast Asia (Jakarta)", mainland: false },
    { region: "ap-seoul", nameZh: "亚太东北(首尔)", nameEn: "Northeast Asia (Seoul)", mainland: false },
    { region: "ap-tokyo", nameZh: "亚太东北(东京)", nameEn: "Northeast Asia (Tokyo)", mainland: false },
    {
        region: "na-siliconvalley",
        nameZh: "美国西部(硅谷)",
        nameEn: "US West (Silicon Valley)",
        mainland: false,
    },
    { region: "na-ashburn", nameZh: "美国东部(弗吉尼亚)", nameEn: "US East (Virginia)", mainland: false },
    { region: "eu-frankfurt", nameZh: "欧洲地区(法兰克福)", nameEn: "Europe (Frankfurt)", mainland: false },
    {
        region: "sa-saopaulo",
        nameZh: "南美地区(圣保罗)",
        nameEn: "South America (São Paulo)",
        mainland: false,
    },
    {
        region: "ap-shanghai-fsi",
        nameZh: "华东地区(上海金融)",
        nameEn: "East China (Shanghai Finance)",
        mainland: true,
    },
    {
        region: "ap-shenzhen-fsi",
        nameZh: "华南地区(深圳金融)",
        nameEn: "South China (Shenzhen Finance)",
        mainland: true,
    },
];

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
