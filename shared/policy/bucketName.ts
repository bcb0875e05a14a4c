/** OSS bucket names: 3-63 characters of lowercase letters, digits and `-`, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;

export const BUCKET_NAME_RULE = '3-63 lowercase letters, digits and "-", starting and ending with a letter or digit';

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}
