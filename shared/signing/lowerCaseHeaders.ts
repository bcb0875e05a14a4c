/**
 * Lower-cases header names. Two spellings of one name (`X-Oss-A` and `x-oss-a`) are joined with `,`,
 * the rule OSS applies to repeated headers.
 */
export function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const previous = out.get(lower);
    out.set(lower, previous === undefined ? value : `${previous},${value}`);
  }
  return out;
}

/** Case-insensitive header lookup, with the same joining rule as lowerCaseHeaders. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) found = found === undefined ? value : `${found},${value}`;
  }
  return found;
}
