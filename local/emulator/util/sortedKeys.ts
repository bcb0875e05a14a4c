/**
 * A sorted set of strings for listings that must never sort a whole key space per request: keys
 * live in sorted chunks of bounded size, found by binary search over the chunks' last keys. Insert
 * and delete cost O(log n + chunk); a listing page costs O(log n + page). Order is OSS's: UTF-8 byte
 * order (compareKeys), not JavaScript's UTF-16 code-unit order.
 */
import { compareKeys } from '../../../shared/oss';

const MAX_CHUNK = 1024;

/** Index of the first element of the sorted `list` that is >= `key` (or > with `exclusive`). */
function lowerBound(list: readonly string[], key: string, exclusive: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const value = list[mid] as string;
    const order = compareKeys(value, key);
    if (order < 0 || (exclusive && order === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedKeys {
  private chunks: string[][] = [];
  /** Last key of each chunk, in chunk order. */
  private lasts: string[] = [];
  private count = 0;

  /** From keys already sorted by compareKeys and unique (one sort when an index is built, never per request). */
  static fromSorted(keys: readonly string[]): SortedKeys {
    const set = new SortedKeys();
    for (let i = 0; i < keys.length; i += MAX_CHUNK / 2) set.chunks.push(keys.slice(i, i + MAX_CHUNK / 2));
    set.lasts = set.chunks.map((c) => c[c.length - 1] as string);
    set.count = keys.length;
    return set;
  }

  get size(): number {
    return this.count;
  }

  /** Returns false when the key was already there. */
  add(key: string): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      this.lasts.push(key);
      this.count = 1;
      return true;
    }
    const c = Math.min(lowerBound(this.lasts, key, false), this.chunks.length - 1);
    const chunk = this.chunks[c] as string[];
    const at = lowerBound(chunk, key, false);
    if (chunk[at] === key) return false;
    chunk.splice(at, 0, key);
    this.count++;
    if (chunk.length > MAX_CHUNK) {
      const tail = chunk.splice(MAX_CHUNK / 2);
      this.chunks.splice(c + 1, 0, tail);
      this.lasts.splice(c + 1, 0, tail[tail.length - 1] as string);
    }
    this.lasts[c] = chunk[chunk.length - 1] as string;
    return true;
  }

  /** Returns false when the key was not there. */
  delete(key: string): boolean {
    const c = lowerBound(this.lasts, key, false);
    const chunk = this.chunks[c];
    if (!chunk) return false;
    const at = lowerBound(chunk, key, false);
    if (chunk[at] !== key) return false;
    chunk.splice(at, 1);
    this.count--;
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      this.lasts.splice(c, 1);
    } else this.lasts[c] = chunk[chunk.length - 1] as string;
    return true;
  }

  /** Keys after `start` in order: those > start with `exclusive`, else >= start ('' = from the first). */
  *from(start: string, exclusive = false): Generator<string> {
    let c = lowerBound(this.lasts, start, exclusive);
    if (c >= this.chunks.length) return;
    let i = lowerBound(this.chunks[c] as string[], start, exclusive);
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c] as string[];
      for (; i < chunk.length; i++) yield chunk[i] as string;
    }
  }

  toArray(): string[] {
    return this.chunks.flat();
  }
}
