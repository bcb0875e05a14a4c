/**
 * OSS's naming rules, checked wherever a name enters: the policy compiler (destination templates),
 * the runtime (environment, event fields), the emulator (requests). See reference/oss-api.md §0.
 */

/** OSS bucket names: 3-63 lowercase letters, digits and `-`, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export const BUCKET_NAME_RULE = '3-63 lowercase letters, digits and "-", starting and ending with a letter or digit';

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

/**
 * Region ids as OSS spells them without `oss-`, e.g. `cn-hangzhou`, `ap-southeast-1`, `us-west-1`: a
 * two-letter area first, so an XML location (`oss-cn-hangzhou`) is not taken for a region.
 */
export const REGION_PATTERN = /^[a-z]{2}(?:-[a-z0-9]+)+$/;

export function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/** Object keys: 1-1023 bytes of UTF-8, not starting with `/` or `\`. */
export const MAX_KEY_BYTES = 1023;

export function isValidObjectKey(key: string): boolean {
  const bytes = Buffer.byteLength(key, 'utf8');
  return bytes >= 1 && bytes <= MAX_KEY_BYTES && !key.startsWith('/') && !key.startsWith('\\');
}
