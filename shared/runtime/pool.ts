/**
 * The one bounded worker pool: the jobs fan out over buckets and canaries with it, at most `limit`
 * calls in flight, items taken in list order.
 */

export interface PoolStop<T> {
  /** Asked before each item is taken: once it says no, no new work starts (work under way finishes). */
  readonly shouldStart: () => boolean;
  /** Receives each item that was not started. */
  readonly notStarted: (item: T) => void;
}

/**
 * Runs `work` over `items` with at most `limit` calls in flight. With `stop`, the rest of the list
 * goes to `stop.notStarted` once `stop.shouldStart` says no (the deadline stops new work). A rejected
 * call rejects the whole run (callers catch per item when one failure must not stop the rest).
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stop?: PoolStop<T>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      const item = items[i] as T;
      if (!stop || stop.shouldStart()) await work(item, i);
      else stop.notStarted(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** forEachLimit that collects each call's result, in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await forEachLimit(items, limit, async (item, i) => {
    results[i] = await fn(item, i);
  });
  return results;
}
