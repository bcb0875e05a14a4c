/**
 * The order OSS lists object keys (and bucket names) in: UTF-8 byte order, as S3 does, which for
 * well-formed strings is Unicode code-point order. JavaScript's `<` and `.sort()` compare UTF-16 code
 * units instead, and the two disagree when a character above U+FFFF (a surrogate pair: emoji, rare
 * CJK) meets one in U+E000..U+FFFF (private use, CJK compatibility, half-width forms): `a😀` sorts
 * before `a｡` in UTF-16 and after it in UTF-8.
 */

/**
 * Byte-order comparison of two keys without encoding them (the emulator's listings compare on every
 * binary-search step): at the first differing code unit, units from U+D800 up are remapped so that
 * surrogates sort above U+E000..U+FFFF, which is exactly where their code points lie.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * The smallest string above every string that starts with `prefix` in byte order (its last code point
 * plus one, stepping over the surrogate range), or undefined when that code point is already U+10FFFF.
 */
export function keySuccessor(prefix: string): string | undefined {
  const chars = Array.from(prefix);
  const last = chars.pop();
  if (last === undefined) return undefined;
  const point = last.codePointAt(0) as number;
  if (point >= 0x10ffff) return undefined;
  return chars.join('') + String.fromCodePoint(point === 0xd7ff ? 0xe000 : point + 1);
}
