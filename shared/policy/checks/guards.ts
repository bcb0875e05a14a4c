/** Type guards for cross-field checks, which read the raw input so they run even when zod found other problems. */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The strings of an array, keeping indexes (non-strings are zod's to report); undefined when not an array. */
export function stringEntries(v: unknown): Array<[number, string]> | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((s, i): Array<[number, string]> => (typeof s === 'string' ? [[i, s]] : []));
}
