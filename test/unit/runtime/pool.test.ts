import { forEachLimit, mapLimit } from '../../../shared/runtime/pool';

/** A task that records how many tasks run at once and finishes on the next turns of the event loop. */
function tracker() {
  let running = 0;
  let peak = 0;
  const task = async <T>(value: T): Promise<T> => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((r) => setImmediate(r));
    running -= 1;
    return value;
  };
  return { task, peak: () => peak };
}

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight', async () => {
    const t = tracker();
    await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, (n) => t.task(n));
    expect(t.peak()).toBe(3);
  });

  it('returns results in input order whatever order the calls finish in', async () => {
    const delays = [30, 0, 10];
    const out = await mapLimit(delays, 3, (ms, i) => new Promise<number>((r) => setTimeout(() => r(i), ms)));
    expect(out).toEqual([0, 1, 2]);
  });

  it('rejects when a call rejects', async () => {
    await expect(mapLimit([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error('boom')) : n))).rejects.toThrow('boom');
  });

  it('returns an empty list for no items', async () => expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]));
});

describe('forEachLimit', () => {
  it('hands the rest of the list to notStarted once shouldStart says no, and finishes work under way', async () => {
    const done: number[] = [];
    const skipped: number[] = [];
    let budget = 2;
    await forEachLimit([1, 2, 3, 4, 5], 2, async (n) => void done.push(n), {
      shouldStart: () => budget-- > 0,
      notStarted: (n) => void skipped.push(n),
    });
    expect([done, skipped]).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('takes items in list order', async () => {
    const started: number[] = [];
    await forEachLimit([1, 2, 3, 4], 2, async (n) => void started.push(n));
    expect(started).toEqual([1, 2, 3, 4]);
  });
});
