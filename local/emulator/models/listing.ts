/**
 * ListObjects (v1 and v2) and ListObjectVersions paging over a sorted key space: prefix, delimiter
 * with CommonPrefixes, a start point (marker / start-after / continuation token / key-marker) and
 * max-keys. It reads its entries from a source that can start anywhere, so a page costs what it
 * returns, never the size of the bucket: it starts at the later of prefix and marker, stops at the
 * first key past the prefix, and jumps over a whole common prefix instead of walking it. Keys,
 * markers and prefixes compare in OSS's UTF-8 byte order (compareKeys). Pure.
 */
import { compareKeys, keySuccessor } from '../../../shared/oss';

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
  /** The last thing returned was a common prefix (so `next` names no entry). */
  readonly nextIsPrefix?: boolean;
}

/**
 * Entries in key order from `start` on (keys > start with `exclusive`, else >= start). Several
 * entries may share a key (object versions); they are kept together.
 */
export type ListSource<T> = (start: string, exclusive: boolean) => Iterable<T>;

/** A source over an array already sorted by key in byte order (tests, small fixed lists). */
export function arraySource<T extends { key: string }>(entries: readonly T[]): ListSource<T> {
  return (start, exclusive) => entries.filter((e) => compareKeys(e.key, start) > (exclusive ? 0 : -1));
}

/** Each returned entry or common prefix counts towards max-keys. */
export function listPage<T extends { key: string }>(source: ListSource<T>, query: ListQuery): ListPage<T> {
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let lastIsPrefix = false;
  const resumeAfter = query.after !== undefined && compareKeys(query.after, query.prefix) >= 0;
  let start = resumeAfter ? (query.after as string) : query.prefix;
  let exclusive = resumeAfter;
  /** A group that cannot be jumped over (see keySuccessor), walked entry by entry instead. */
  let walking: string | undefined;
  const full = () => contents.length + commonPrefixes.length >= query.maxKeys;
  const truncated = (): ListPage<T> => ({
    contents,
    commonPrefixes,
    isTruncated: true,
    ...(last === undefined ? {} : { next: last, nextIsPrefix: lastIsPrefix }),
  });
  seek: for (;;) {
    for (const entry of source(start, exclusive)) {
      if (!entry.key.startsWith(query.prefix)) break seek; // sorted: every later key is past the prefix too
      const group = groupOf(entry.key, query);
      if (group === undefined) {
        if (full()) return truncated();
        contents.push(entry);
        last = entry.key;
        lastIsPrefix = false;
        continue;
      }
      if (group === walking) continue;
      // A group the marker lies in was returned on an earlier page.
      if (!(query.after !== undefined && query.after.startsWith(group))) {
        if (full()) return truncated();
        commonPrefixes.push(group);
        last = group;
        lastIsPrefix = true;
      }
      const past = keySuccessor(group);
      if (past === undefined) {
        walking = group;
        continue;
      }
      start = past;
      exclusive = false;
      continue seek;
    }
    break;
  }
  return { contents, commonPrefixes, isTruncated: false };
}

function groupOf(key: string, query: ListQuery): string | undefined {
  if (!query.delimiter) return undefined;
  const at = key.indexOf(query.delimiter, query.prefix.length);
  return at < 0 ? undefined : key.slice(0, at + query.delimiter.length);
}
