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
