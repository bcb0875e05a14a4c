/** Issue paths: `policies.dr-beijing.prefixes[2]`. Run-time safe. */

export type PathSegment = string | number;

/** Joins path segments: names with dots, array indexes in brackets. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}
