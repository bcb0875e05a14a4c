const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `Wed, 28 Dec 2022 10:27:41 GMT`: the Date header and the V1 date slot. */
export function formatRfc1123(date: Date): string {
  return date.toUTCString();
}

/** `20231216T162057Z`: the V4 x-oss-date. */
export function formatIso8601Basic(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
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
    date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
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
