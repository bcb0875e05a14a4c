/** Name rules from oss-api.md §0 (Addressing). */

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

export const MAX_KEY_BYTES = 1023;

export function isValidObjectKey(key: string): boolean {
  const bytes = Buffer.byteLength(key, 'utf8');
  return bytes >= 1 && bytes <= MAX_KEY_BYTES && !key.startsWith('/') && !key.startsWith('\\');
}
