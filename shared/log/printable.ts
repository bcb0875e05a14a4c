/**
 * Untrusted text (object keys, remote error messages, bucket names from state) made into one inert
 * line before a person reads it, on a terminal or in a chat message: every character that can move a
 * cursor, end a line, open an escape sequence or reorder text is written out as a visible escape. An
 * object key may hold any of them (anyone with PutObject chooses it), so `evil\x1b[2J` would otherwise
 * clear the operator's screen and `\nFAKE LINE` forge a line of output.
 *
 * Escaped: C0 controls and DEL (`\n`, `\r`, `\t`, else `\xHH`), C1 controls (`\xHH`), the Unicode line
 * and paragraph separators and the bidirectional overrides and isolates (`\u202e`), which can make a
 * line read differently from what it holds. A backslash is left as it is: keys with one are ordinary,
 * so `a\x1b` typed as four characters prints the same as `a` followed by ESC (JSON output tells them apart).
 */

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** What JSON.stringify leaves raw: DEL, the C1 controls, line separators, bidi overrides and isolates. */
const BEYOND_C0 = '\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, 'g');
const UNSAFE_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');

function escapeOne(ch: string): string {
  const short = SHORT[ch];
  if (short) return short;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `printable('a\x1b[2J\nb')` is `'a\\x1b[2J\\nb'`: one line, nothing a terminal or chat client acts on. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/**
 * JSON text with the characters JSON.stringify leaves raw \u-escaped: the same data, and nothing a
 * terminal acts on when the document is printed (JSON already escapes C0, inside strings only).
 */
export function printableJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
