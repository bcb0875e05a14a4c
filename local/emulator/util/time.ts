/** OSS timestamp formats. */

/**
 * `2015-09-24T15:28:14.000Z`: OSS writes every time in an XML body with second resolution and a
 * literal `.000` (oss2's parser accepts nothing else). Truncated, never rounded up, so a watermark
 * never claims a moment that has not been reached.
 */
export function ossIsoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** RFC 1123 GMT, as in `Date` and `Last-Modified`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
