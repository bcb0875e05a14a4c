import type { CanonicalQueryOptions } from '../canonicalQueryString';
import type { QueryPairs } from '../types';

/** Beyond this many valueless parameters only the uniform spellings are tried (2^n grows fast). */
const MAX_ENUMERATED_EMPTY = 4;

function emptyIndices(query: QueryPairs): number[] {
  return query.flatMap(([, value], index) => (value === null || value === '' ? [index] : []));
}

function masks(indices: readonly number[]): Array<ReadonlySet<number>> {
  if (indices.length > MAX_ENUMERATED_EMPTY) return [new Set(), new Set(indices)];
  const out: Array<ReadonlySet<number>> = [];
  for (let bits = 0; bits < 1 << indices.length; bits += 1) {
    out.push(new Set(indices.filter((_, i) => (bits >> i) & 1)));
  }
  return out;
}

/**
 * Canonical-query spellings a tolerant V4 verifier tries, the spec's first (byte order, valueless
 * parameters written bare). A server only sees decoded pairs and cannot tell which spelling the
 * client signed: ali-oss signs an empty-string value as `k=` yet a sub-resource as bare `k` (while
 * sending `k=` on the wire for both), and sorts with localeCompare. So each valueless parameter is
 * tried as `k` and `k=`, under byte and locale order.
 */
export function queryVariants(query: QueryPairs): CanonicalQueryOptions[] {
  const options: CanonicalQueryOptions[] = [];
  for (const sort of ['byte', 'locale'] as const) {
    for (const mask of masks(emptyIndices(query))) {
      options.push({ sort, equalsForEmpty: (index) => mask.has(index) });
    }
  }
  return options;
}
