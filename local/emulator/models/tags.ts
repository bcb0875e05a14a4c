/**
 * Bucket tag limits (oss-api.md §2): at most 20 tags; key 1-64 bytes, not starting with
 * `http://`, `https://`, `Aliyun` or `acs` (any case); value at most 128 bytes; keys unique.
 * The error code is UNCONFIRMED: we answer 400 InvalidTag (see README).
 */
import type { Tag } from '../../../shared/xml';
import { OssErrors } from '../errors';

export const MAX_BUCKET_TAGS = 20;
const MAX_KEY_BYTES = 64;
const MAX_VALUE_BYTES = 128;
const FORBIDDEN_KEY_PREFIXES = ['http://', 'https://', 'aliyun', 'acs'];

export function validateBucketTags(tags: readonly Tag[]): void {
  if (tags.length > MAX_BUCKET_TAGS) throw OssErrors.invalidTag(`A bucket can have at most ${MAX_BUCKET_TAGS} tags.`);
  const seen = new Set<string>();
  for (const tag of tags) {
    validateKey(tag.key);
    if (Buffer.byteLength(tag.value, 'utf8') > MAX_VALUE_BYTES) {
      throw OssErrors.invalidTag(`The tag value of ${tag.key} is longer than ${MAX_VALUE_BYTES} bytes.`);
    }
    if (seen.has(tag.key)) throw OssErrors.invalidTag(`The tag key ${tag.key} appears more than once.`);
    seen.add(tag.key);
  }
}

function validateKey(key: string): void {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes < 1 || bytes > MAX_KEY_BYTES) throw OssErrors.invalidTag(`A tag key must be 1 to ${MAX_KEY_BYTES} bytes.`);
  const lower = key.toLowerCase();
  if (FORBIDDEN_KEY_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
    throw OssErrors.invalidTag('A tag key must not start with http://, https://, Aliyun or acs.');
  }
}

/** DeleteBucketTags with `?tagging=k1,k2` removes only those keys; without keys, all. */
export function removeTags(tags: readonly Tag[], keys: readonly string[] | undefined): Tag[] {
  if (keys === undefined) return [];
  const drop = new Set(keys);
  return tags.filter((tag) => !drop.has(tag.key));
}
