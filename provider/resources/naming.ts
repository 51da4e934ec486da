/** The module of the resources' type tokens: `pulumi-nodejs:dynamic/tencentcloud-images:<Type>`. */
export const RESOURCE_MODULE = "tencentcloud-images";
