import { OSS_HEADER_PREFIX } from './constants';
import { byteCompare } from './byteCompare';
import { lowerCaseHeaders } from './lowerCaseHeaders';

/**
 * V1 CanonicalizedOSSHeaders: every `x-oss-*` header, name lower-cased, value trimmed, sorted by
 * name, each written as `name:value\n`. Empty string when there are none.
 */
export function canonicalizedOssHeaders(headers: Readonly<Record<string, string>>): string {
  return [...lowerCaseHeaders(headers)]
    .filter(([name]) => name.startsWith(OSS_HEADER_PREFIX))
    .sort(([a], [b]) => byteCompare(a, b))
    .map(([name, value]) => `${name}:${value.trim()}\n`)
    .join('');
}
