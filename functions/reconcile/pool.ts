/**
 * Runs `work` over `items` with at most `concurrency` in flight, in order of the list. `shouldStart`
 * is asked before each item is taken: once it says no, the remaining items are handed to
 * `notStarted` instead (the deadline stops new work; work already started finishes).
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  shouldStart: () => boolean,
  notStarted: (item: T) => void,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      if (shouldStart()) await work(item);
      else notStarted(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
