/** OSS bucket names: 3-63 lowercase letters, digits and `-`, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

/** Region ids as OSS spells them without `oss-`, e.g. `cn-hangzhou`, `ap-southeast-1`, `us-west-1`. */
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export function isValidRegion(region: string): boolean {
  return REGION.test(region);
}
