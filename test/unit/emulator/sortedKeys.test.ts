import { SortedKeys } from '../../../local/emulator/util/sortedKeys';

/** Enough keys to split and merge many chunks (a chunk holds at most 1024). */
const N = 5000;
const shuffled = (n: number): string[] => {
  const keys = Array.from({ length: n }, (_, i) => `k${String((i * 7919) % n).padStart(5, '0')}`);
  return keys;
};

describe('SortedKeys', () => {
  it('keeps keys added in any order sorted, without duplicates', () => {
    const set = new SortedKeys();
    for (const key of shuffled(N)) set.add(key);
    expect(set.add('k00042')).toBe(false);
    expect(set.size).toBe(N);
    expect(set.toArray()).toEqual([...shuffled(N)].sort());
  });

  it('deletes keys wherever they are, and reports a key that was not there', () => {
    const set = new SortedKeys();
    for (const key of shuffled(N)) set.add(key);
    const gone = shuffled(N).filter((_, i) => i % 3 === 0);
    for (const key of gone) expect(set.delete(key)).toBe(true);
    expect(set.delete('k00000')).toBe(false);
    const left = new Set(gone);
    expect(set.toArray()).toEqual([...shuffled(N)].filter((k) => !left.has(k)).sort());
    expect(set.size).toBe(N - gone.length);
  });

  it('iterates from a start key, inclusive or exclusive, across chunk boundaries', () => {
    const set = SortedKeys.fromSorted([...shuffled(N)].sort());
    const take = (it: Iterable<string>, n: number) => {
      const out: string[] = [];
      for (const k of it) {
        if (out.length === n) break;
        out.push(k);
      }
      return out;
    };
    expect(take(set.from('k01023'), 3)).toEqual(['k01023', 'k01024', 'k01025']);
    expect(take(set.from('k01023', true), 2)).toEqual(['k01024', 'k01025']);
    expect(take(set.from('k010235'), 1)).toEqual(['k01024']);
    expect(take(set.from('zzz'), 1)).toEqual([]);
    expect(take(set.from(''), 1)).toEqual(['k00000']);
  });

  it('empties completely and can be filled again', () => {
    const set = new SortedKeys();
    for (const key of ['b', 'a', 'c']) set.add(key);
    for (const key of ['a', 'b', 'c']) set.delete(key);
    expect([set.size, [...set.from('')]]).toEqual([0, []]);
    set.add('x');
    expect(set.toArray()).toEqual(['x']);
  });
});

describe('SortedKeys order', () => {
  it('keeps keys in UTF-8 byte order, where a character above U+FFFF sorts after U+E000..U+FFFF', () => {
    const set = new SortedKeys();
    for (const key of ['b', 'a😀', 'a\u{ff61}']) set.add(key);
    expect(set.toArray()).toEqual(['a\u{ff61}', 'a😀', 'b']);
    expect([...set.from('a\u{ff61}', true)]).toEqual(['a😀', 'b']);
  });
});
