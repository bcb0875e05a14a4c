/**
 * ListObjects (v1 and v2) paging over a sorted key space: prefix, delimiter with CommonPrefixes,
 * a start point (marker / start-after / continuation token) and max-keys. Pure.
 */

export interface ListQuery {
  readonly prefix: string;
  readonly delimiter?: string;
  /** Exclusive start key. */
  readonly after?: string;
  readonly maxKeys: number;
}

export interface ListPage<T> {
  readonly contents: T[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned; where the next page starts (exclusive). */
  readonly next?: string;
}

/** `entries` must be sorted by key. Each returned key or common prefix counts towards max-keys. */
export function listPage<T extends { key: string }>(entries: readonly T[], query: ListQuery): ListPage<T> {
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  for (const entry of entries) {
    if (!entry.key.startsWith(query.prefix)) continue;
    if (query.after !== undefined && entry.key <= query.after) continue;
    const group = groupOf(entry.key, query);
    if (group !== undefined && group === commonPrefixes[commonPrefixes.length - 1]) continue;
    if (group !== undefined && query.after !== undefined && query.after.startsWith(group)) continue;
    if (contents.length + commonPrefixes.length >= query.maxKeys) {
      return { contents, commonPrefixes, isTruncated: true, next: last };
    }
    if (group !== undefined) commonPrefixes.push(group);
    else contents.push(entry);
    last = group ?? entry.key;
  }
  return { contents, commonPrefixes, isTruncated: false };
}

function groupOf(key: string, query: ListQuery): string | undefined {
  if (!query.delimiter) return undefined;
  const at = key.indexOf(query.delimiter, query.prefix.length);
  return at < 0 ? undefined : key.slice(0, at + query.delimiter.length);
}
