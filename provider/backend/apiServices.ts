/**
 * The Tencent Cloud API services the backend calls, with the API version of each. The service name
 * is also the credential-scope service of the signature and the first label of its public host
 * (`<service>.tencentcloudapi.com`; see serviceUrl in client.ts).
 */
export const API_SERVICES = {
    /** CVM: images, instances, quota, shares, copies. */
    cvm: "2017-03-12",
    /** Tag: tags of existing images. */
    tag: "2018-08-13",
    /** CBS: snapshots. */
    cbs: "2017-03-12",
    /** Region: the regions each product is offered in (CVM's own DescribeRegions is no longer maintained). */
    region: "2022-06-27",
    /** STS: who the caller is (`GetCallerIdentity`: the root account the Tag service's resource names need). */
    sts: "2018-08-13",
} as const;

export type ApiService = keyof typeof API_SERVICES;
