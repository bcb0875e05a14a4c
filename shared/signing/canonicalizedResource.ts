import { V1_SUB_RESOURCES } from './constants';
import { byteCompare } from './byteCompare';
import type { QueryPairs } from './types';

/** Which query parameters enter the V1 resource: a name set, or every parameter. */
export type SubResourceFilter = ReadonlySet<string> | ((name: string) => boolean);

function accepts(filter: SubResourceFilter, name: string): boolean {
  return typeof filter === 'function' ? filter(name) : filter.has(name);
}

function resourcePath(bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return '/';
  // Bucket-level calls keep the trailing slash; the key is raw, never URL-encoded.
  return `/${bucket}/${key ?? ''}`;
}

/**
 * V1 CanonicalizedResource: `/`, `/bucket/` or `/bucket/key`, then `?` and the sub-resources found in
 * the query (decoded values), sorted by name, `k` when valueless else `k=v`, joined with `&`.
 */
export function canonicalizedResource(
  bucket: string | undefined,
  key: string | undefined,
  query: QueryPairs,
  subResources: SubResourceFilter = V1_SUB_RESOURCES,
): string {
  // Sorted by name first: sorting the joined `k=v` strings would misplace `a-b` before `a=1`.
  const parts = query
    .filter(([name]) => accepts(subResources, name))
    .slice()
    .sort(([a, av], [b, bv]) => byteCompare(a, b) || byteCompare(av ?? '', bv ?? ''))
    .map(([name, value]) => (value === null || value === '' ? name : `${name}=${value}`));
  const path = resourcePath(bucket, key);
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}
