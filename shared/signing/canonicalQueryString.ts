import { byteCompare } from './byteCompare';
import type { QueryPairs } from './types';
import { uriEncode } from './uriEncode';

export interface CanonicalQueryOptions {
  /**
   * `byte` (the spec, default) sorts by encoded name; `locale` sorts raw names with localeCompare,
   * as ali-oss does (it hands its query object to qs.stringify with a localeCompare sort).
   */
  readonly sort?: 'byte' | 'locale';
  /**
   * Whether the empty-valued pair at this index is written `k=` instead of `k`. The spec writes `k`;
   * ali-oss writes `k=` for an empty-string value, so a tolerant verifier tries both.
   */
  readonly equalsForEmpty?: (index: number) => boolean;
}

interface EncodedPair {
  readonly raw: string;
  readonly name: string;
  readonly text: string;
}

function encodePair(pair: readonly [string, string | null], index: number, opts: CanonicalQueryOptions): EncodedPair {
  const [raw, value] = pair;
  const name = uriEncode(raw);
  const empty = value === null || value === '';
  if (!empty) return { raw, name, text: `${name}=${uriEncode(value)}` };
  return { raw, name, text: opts.equalsForEmpty?.(index) ? `${name}=` : name };
}

function compare(opts: CanonicalQueryOptions): (a: EncodedPair, b: EncodedPair) => number {
  if (opts.sort === 'locale') return (a, b) => a.raw.localeCompare(b.raw) || byteCompare(a.text, b.text);
  return (a, b) => byteCompare(a.name, b.name) || byteCompare(a.text, b.text);
}

/**
 * V4 CanonicalQueryString: every query parameter (not only sub-resources), name and value
 * RFC 3986-encoded, sorted by encoded name, `name=value` or bare `name` when empty, joined by `&`.
 */
export function canonicalQueryString(query: QueryPairs, opts: CanonicalQueryOptions = {}): string {
  return query
    .map((pair, index) => encodePair(pair, index, opts))
    .sort(compare(opts))
    .map((pair) => pair.text)
    .join('&');
}
