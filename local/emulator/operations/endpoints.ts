/** Endpoint names OSS reports for a region (BucketInfo, ListBuckets). */
export const extranetEndpoint = (region: string): string => `oss-${region}.aliyuncs.com`;
export const intranetEndpoint = (region: string): string => `oss-${region}-internal.aliyuncs.com`;
