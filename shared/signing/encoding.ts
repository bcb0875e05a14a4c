/**
 * How values are written and compared on the wire: RFC 3986 percent-encoding, byte order ("sorted by
 * name" in the spec), constant-time equality, and the date formats both signature versions use.
 */
import { timingSafeEqual } from 'node:crypto';

/** RFC 3986 unreserved characters: the only bytes OSS leaves unescaped. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function encodeByte(byte: number): string {
  const char = String.fromCharCode(byte);
  if (byte < 0x80 && UNRESERVED.test(char)) return char;
  return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Percent-encodes every UTF-8 byte outside the RFC 3986 unreserved set, with uppercase hex.
 * Works byte-wise (not via encodeURIComponent) so `!'()*` are escaped too and a lone surrogate
 * cannot throw.
 */
export function uriEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) out += encodeByte(byte);
  return out;
}

/** Like uriEncode but keeps `/`, for the V4 canonical URI path. */
export function uriEncodePath(value: string): string {
  return value.split('/').map(uriEncode).join('/');
}

/** Byte-order (code unit) comparison, as the spec's "sorted by name" means; never locale-aware. */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** String equality whose time does not depend on where the inputs first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself so both paths do the same work.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `Wed, 28 Dec 2022 10:27:41 GMT`: the Date header and the V1 date slot. */
export function formatRfc1123(date: Date): string {
  return date.toUTCString();
}

/** `20231216T162057Z`: the V4 x-oss-date. */
export function formatIso8601Basic(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `20231216`: the V4 scope date. */
export function formatYyyymmdd(date: Date): string {
  return formatIso8601Basic(date).slice(0, 8);
}

function utc(parts: readonly number[]): Date | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls 31 Feb over into March; a round trip rejects such dates.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return valid ? date : undefined;
}

/** Strict RFC 1123 GMT parse; undefined when malformed. */
export function parseRfc1123(value: string): Date | undefined {
  const m = RFC1123.exec(value.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2] ?? '');
  if (month < 0) return undefined;
  return utc([Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])]);
}

/** Strict `yyyymmddTHHMMSSZ` parse; undefined when malformed. */
export function parseIso8601Basic(value: string): Date | undefined {
  const m = ISO_BASIC.exec(value.trim());
  if (!m) return undefined;
  return utc([Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])]);
}

/** Either format: SDKs put RFC 1123 or ISO basic into x-oss-date depending on the signature version. */
export function parseSigningDate(value: string): Date | undefined {
  return parseIso8601Basic(value) ?? parseRfc1123(value);
}
