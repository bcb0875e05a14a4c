import { OSS_HEADER_PREFIX, V4_DEFAULT_SIGNED_HEADERS } from './constants';
import { byteCompare } from './byteCompare';
import { lowerCaseHeaders } from './lowerCaseHeaders';

function isDefaultSigned(name: string): boolean {
  return V4_DEFAULT_SIGNED_HEADERS.has(name) || name.startsWith(OSS_HEADER_PREFIX);
}

/**
 * The AdditionalHeaders list as the SDKs send it: lower-cased, de-duplicated, sorted, without the
 * headers V4 signs anyway (content-type, content-md5, x-oss-*) and without names absent from the request.
 */
export function resolveAdditionalHeaders(
  headers: Readonly<Record<string, string>>,
  requested: readonly string[] | undefined,
): string[] {
  const present = lowerCaseHeaders(headers);
  const names = new Set((requested ?? []).map((name) => name.toLowerCase()));
  return [...names].filter((name) => !isDefaultSigned(name) && present.has(name)).sort(byteCompare);
}

/**
 * V4 CanonicalHeaders: `name:trimmed-value\n` for content-type, content-md5, every x-oss-* header and
 * each additional header present on the request, names lower-cased and sorted.
 */
export function canonicalHeaders(
  headers: Readonly<Record<string, string>>,
  additional: readonly string[] = [],
): string {
  const lower = lowerCaseHeaders(headers);
  const extra = new Set(additional.map((name) => name.toLowerCase()));
  return [...lower]
    .filter(([name]) => isDefaultSigned(name) || extra.has(name))
    .sort(([a], [b]) => byteCompare(a, b))
    .map(([name, value]) => `${name}:${value.trim()}\n`)
    .join('');
}
