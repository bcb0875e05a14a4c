/**
 * The merge of two listings in key order, as they stream: each step takes the smaller key of the two
 * heads (or both when equal), so every key of either side is visited once and nothing but the two
 * current pages is held. Keys compare in byte order, which is how OSS lists them.
 */
import { compareKeys } from '../oss';
import { ListingOrderError, OUT_OF_PAGES, type KeyStream } from './keyStream';
import type { ListedObject, WalkStop } from './types';

/** One key and what each side holds under it. */
export interface KeyPair {
  readonly key: string;
  readonly source?: ListedObject;
  readonly destination?: ListedObject;
}

/** `judged`: the key is done; `outOfHeads`: it needs HEADs the budget no longer has (the walk stops before it). */
export type VisitResult = 'judged' | 'outOfHeads';

export interface WalkResult {
  readonly stop: WalkStop;
  /** The last key fully judged: everything up to it is done, everything after it is not. */
  readonly lastKey?: string;
  readonly error?: unknown;
}

/**
 * Walks until both listings end, a budget runs out, `stopNow` says so (the deadline), or a call fails.
 * A failed call is returned, not thrown: what was judged before it still counts. A listing out of byte
 * order (ListingOrderError) is thrown: the pairs judged before it may already be wrong.
 */
export async function mergeWalk(
  source: KeyStream,
  destination: KeyStream,
  visit: (pair: KeyPair) => Promise<VisitResult>,
  stopNow: () => boolean,
): Promise<WalkResult> {
  let lastKey: string | undefined;
  try {
    for (;;) {
      if (stopNow()) return { stop: 'deadline', ...at(lastKey) };
      const s = await source.peek();
      if (s === OUT_OF_PAGES) return { stop: 'pages', ...at(lastKey) };
      const d = await destination.peek();
      if (d === OUT_OF_PAGES) return { stop: 'pages', ...at(lastKey) };
      if (!s && !d) return { stop: 'end', ...at(lastKey) };
      const order = !s ? 1 : !d ? -1 : compareKeys(s.key, d.key);
      const pair: KeyPair =
        order < 0
          ? { key: s!.key, source: s! }
          : order > 0
            ? { key: d!.key, destination: d! }
            : { key: s!.key, source: s!, destination: d! };
      if ((await visit(pair)) === 'outOfHeads') return { stop: 'heads', ...at(lastKey) };
      if (order <= 0) source.advance();
      if (order >= 0) destination.advance();
      lastKey = pair.key;
    }
  } catch (error) {
    if (error instanceof ListingOrderError) throw error;
    return { stop: 'error', ...at(lastKey), error };
  }
}

const at = (lastKey: string | undefined): { lastKey?: string } => (lastKey === undefined ? {} : { lastKey });
