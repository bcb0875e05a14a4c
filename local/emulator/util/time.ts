/** OSS timestamp formats. */

/** `2015-09-24T15:28:14.000Z` (ISO-8601 with milliseconds, UTC). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** RFC 1123 GMT, as in `Date` and `Last-Modified`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
