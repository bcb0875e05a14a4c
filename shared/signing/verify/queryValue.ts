import type { QueryPairs } from '../types';

/** First value of a query parameter; `''` for a valueless one, undefined when absent. */
export function queryValue(query: QueryPairs, name: string): string | undefined {
  const pair = query.find(([key]) => key === name);
  return pair ? (pair[1] ?? '') : undefined;
}

export function hasQuery(query: QueryPairs, name: string): boolean {
  return query.some(([key]) => key === name);
}

export function withoutQuery(query: QueryPairs, names: ReadonlySet<string>): QueryPairs {
  return query.filter(([key]) => !names.has(key));
}
