import { uriEncodePath } from './uriEncode';

/**
 * V4 CanonicalURI: URI-encode(`/bucket/key`) keeping `/`; `/bucket/` for bucket calls and `/` with
 * no bucket. Built from bucket and key, never from the wire path, so path-style and virtual-host
 * requests sign the same.
 */
export function canonicalUri(bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return '/';
  return uriEncodePath(`/${bucket}/${key ?? ''}`);
}
