export const TRUNCATION_MARKER = '\n…(truncated)';

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes including the marker. Cuts on a code point (never
 * splitting a multi-byte character or a surrogate pair) and, when possible, at the last line break so
 * that no markdown or `<font>` tag is left half open.
 */
export function truncateUtf8(text: string, maxBytes: number, marker: string = TRUNCATION_MARKER): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  if (budget <= 0) return '';
  let kept = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > budget) break;
    kept += ch;
    bytes += size;
  }
  const lineEnd = kept.lastIndexOf('\n');
  return (lineEnd > kept.length / 2 ? kept.slice(0, lineEnd) : kept) + marker;
}

/** Cuts to `maxChars` UTF-16 units without splitting a surrogate pair (Slack limits count characters). */
export function truncateChars(text: string, maxChars: number, marker = '…'): string {
  if (text.length <= maxChars) return text;
  let cut = Math.max(0, maxChars - marker.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + marker;
}
