import { KeyStream, ListingOrderError, mergeWalk, type KeyPair, type PageReader } from '../../../shared/audit';
import type { ListedObject } from '../../../shared/audit';
import { compareKeys } from '../../../shared/oss';

/** An in-memory listing with OSS's paging: keys in byte order, `size` per page, the token is the last key. */
function lister(keys: readonly string[], size: number, reads: { count: number } = { count: 0 }): PageReader {
  const sorted = [...keys].sort(compareKeys);
  return async ({ after, token }) => {
    reads.count += 1;
    const from = token ?? after;
    const rest = from === undefined ? sorted : sorted.filter((k) => compareKeys(k, from) > 0);
    const objects: ListedObject[] = rest
      .slice(0, size)
      .map((key) => ({ key, size: 1, eTag: 'E', lastModified: '2026-01-01T00:00:00.000Z' }));
    return rest.length > size ? { objects, next: objects[objects.length - 1]!.key } : { objects };
  };
}

const describePair = (p: KeyPair): string => `${p.key}:${p.source ? 'S' : ''}${p.destination ? 'D' : ''}`;

async function walkAll(
  src: PageReader,
  dst: PageReader,
  after?: string,
  pages = Infinity,
  heads = Infinity,
): Promise<{ seen: string[]; stop: string; lastKey?: string }> {
  let left = pages;
  let headsLeft = heads;
  const seen: string[] = [];
  const take = (): boolean => left-- > 0;
  const result = await mergeWalk(
    new KeyStream(src, after, take),
    new KeyStream(dst, after, take),
    async (pair) => {
      if (pair.source && !pair.destination && headsLeft-- <= 0) return 'outOfHeads';
      seen.push(describePair(pair));
      return 'judged';
    },
    () => false,
  );
  return { seen, stop: result.stop, ...(result.lastKey !== undefined ? { lastKey: result.lastKey } : {}) };
}

describe('mergeWalk', () => {
  it('visits every key of either side once, in byte order, pairing equal keys', async () => {
    const { seen, stop } = await walkAll(lister(['a', 'c', 'd', 'é'], 2), lister(['b', 'c', 'e', 'é'], 3));
    expect(seen).toEqual(['a:S', 'b:D', 'c:SD', 'd:S', 'e:D', 'é:SD']);
    expect(stop).toBe('end');
  });

  it('costs one page per side per page of keys when both sides hold the same keys', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `k/${String(i).padStart(5, '0')}`);
    const reads = { count: 0 };
    await walkAll(lister(keys, 1000, reads), lister(keys, 1000, reads));
    expect(reads.count).toBe(6);
  });

  it('stops for pages before a key it cannot place and names the last key judged', async () => {
    const result = await walkAll(lister(['a', 'b', 'c'], 2), lister(['a', 'b', 'c'], 2), undefined, 2);
    expect(result).toEqual({ seen: ['a:SD', 'b:SD'], stop: 'pages', lastKey: 'b' });
  });

  it('stops before a key whose HEADs the budget cannot pay, leaving it for the next run', async () => {
    const result = await walkAll(lister(['a', 'b', 'c'], 10), lister(['a'], 10), undefined, Infinity, 1);
    expect(result).toEqual({ seen: ['a:SD', 'b:S'], stop: 'heads', lastKey: 'b' });
  });

  it('resumed run after run from the last key judged, covers the same keys as one unbudgeted walk', async () => {
    const random = (seed: number) => () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000) / 1000;
    const r = random(7);
    const universe = Array.from({ length: 400 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}/${i}`);
    const source = universe.filter(() => r() < 0.8);
    const destination = universe.filter(() => r() < 0.8);
    const whole = (await walkAll(lister(source, 17), lister(destination, 23))).seen;
    const pieces: string[] = [];
    let after: string | undefined;
    for (let runs = 0; runs < 1000; runs++) {
      const part = await walkAll(lister(source, 17), lister(destination, 23), after, 3, 5);
      pieces.push(...part.seen);
      if (part.stop === 'end') break;
      after = part.lastKey ?? after;
    }
    expect(pieces).toEqual(whole);
  });

  it('returns a failed listing as an error after the keys already judged', async () => {
    const failing: PageReader = async () => {
      throw Object.assign(new Error('denied'), { code: 'AccessDenied' });
    };
    const seen: string[] = [];
    const result = await mergeWalk(
      new KeyStream(lister(['a'], 1), undefined, () => true),
      new KeyStream(failing, undefined, () => true),
      async (p) => {
        seen.push(p.key);
        return 'judged';
      },
      () => false,
    );
    expect(result).toMatchObject({ stop: 'error', error: { code: 'AccessDenied' } });
    expect(seen).toEqual([]);
  });

  it('throws, judging nothing, when a page of one listing is not in byte order', async () => {
    // UTF-16 order, as the emulator used to list: U+1F600 before U+FF61, the other way round in UTF-8.
    const utf16: PageReader = async () => ({
      objects: ['a😀', 'a\u{ff61}', 'b'].map((key) => ({ key, size: 1, eTag: 'E', lastModified: '' })),
    });
    const seen: string[] = [];
    const walk = mergeWalk(
      new KeyStream(utf16, undefined, () => true, 'src under ""'),
      new KeyStream(lister(['a\u{ff61}', 'b'], 10), undefined, () => true),
      async (p) => {
        seen.push(p.key);
        return 'judged';
      },
      () => false,
    );
    await expect(walk).rejects.toThrow(new ListingOrderError('src under ""', 'a😀', 'a\u{ff61}'));
    expect(seen).toEqual([]);
  });

  it('throws when a listing resumed after a key starts at or before it', async () => {
    const ignoresStartAfter = lister(['a', 'b', 'c'], 10);
    const walk = mergeWalk(
      new KeyStream(
        async () => ignoresStartAfter({}),
        'b',
        () => true,
      ),
      new KeyStream(lister(['a', 'b', 'c'], 10), 'b', () => true),
      async () => 'judged',
      () => false,
    );
    await expect(walk).rejects.toBeInstanceOf(ListingOrderError);
  });
});
