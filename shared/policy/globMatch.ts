/**
 * Whole-string glob match where `*` matches any run of characters (including none) and every other
 * character matches itself. Built without RegExp so a pattern can never be read as regex syntax.
 *
 * @example globMatch('*-dr', 'photos-dr') === true
 */
export function globMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return pattern === name;
  const last = parts[parts.length - 1] ?? '';
  if (name.length < first.length + last.length) return false;
  if (!name.startsWith(first) || !name.endsWith(last)) return false;
  // Middle parts in order, leftmost match each time, inside the span the ends leave free.
  let pos = first.length;
  const end = name.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const at = name.indexOf(part, pos);
    if (at < 0 || at + part.length > end) return false;
    pos = at + part.length;
  }
  return true;
}
