/**
 * Shape checks for stored documents. A reader passes one to `DocumentStore.read`; a document that
 * fails it is quarantined instead of crashing every later run (see JsonDocumentStore.read).
 */

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Turns a parsed JSON value into the document the reader works with, or says why it cannot. */
export type DocumentCheck<T> = (value: unknown) => Checked<T>;

export const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
export const invalid = <T = never>(reason: string): Checked<T> => ({ ok: false, reason });

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first problem with a JSON object that must carry `schema`, or undefined. */
export function schemaProblem(value: unknown, schema: number): string | undefined {
  if (!isRecord(value)) return 'not a JSON object';
  return value['schema'] === schema
    ? undefined
    : `schema ${JSON.stringify(value['schema'])?.slice(0, 20)} is not ${schema}, the schema this code reads`;
}

/**
 * The first entry of an optional array field that lacks one of the string fields, as a reason;
 * undefined when the field is absent or every entry is an object with those strings.
 */
export function arrayProblem(doc: Record<string, unknown>, field: string, strings: readonly string[]): string | undefined {
  const list = doc[field];
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return `${field} is not a list`;
  for (const [i, entry] of list.entries()) {
    if (!isRecord(entry)) return `${field}[${i}] is not an object`;
    const missing = strings.find((name) => typeof entry[name] !== 'string');
    if (missing !== undefined) return `${field}[${i}].${missing} is not a string`;
  }
  return undefined;
}

/** The first field of an optional object-of-strings field (name -> string) that breaks it, as a reason. */
export function stringMapProblem(doc: Record<string, unknown>, field: string): string | undefined {
  const map = doc[field];
  if (map === undefined) return undefined;
  if (!isRecord(map)) return `${field} is not an object`;
  const bad = Object.entries(map).find(([, v]) => typeof v !== 'string');
  return bad ? `${field}.${bad[0]} is not a string` : undefined;
}
