import { compareKeys, keySuccessor } from '../../../shared/oss';

const byBytes = (a: string, b: string): number => Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

/** Characters from every range where UTF-16 and UTF-8 order could disagree, and their neighbours. */
const POOL = [
  'a',
  'b',
  '/',
  '\u007f',
  '\u0080',
  '\u07ff',
  '\u0800',
  '\ud7ff',
  '\ue000',
  '\uff61',
  '\uffff',
  '😀',
  '😁',
  '\u{10000}',
  '\u{10ffff}',
];

/** A deterministic pseudo-random sequence (a test that fails must fail the same way twice). */
function* strings(count: number): Generator<string> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    const length = next() % 5;
    yield Array.from({ length }, () => POOL[next() % POOL.length]).join('');
  }
}

describe('compareKeys', () => {
  it('orders a character above U+FFFF after one in U+E000..U+FFFF, as UTF-8 bytes do (UTF-16 code units do not)', () => {
    expect(['b', 'a😀', 'a｡'].sort(compareKeys)).toEqual(['a｡', 'a😀', 'b']);
    expect(['b', 'a😀', 'a｡'].sort()).toEqual(['a😀', 'a｡', 'b']);
  });

  it('agrees with comparing the UTF-8 bytes, for strings from every range where the orders could differ', () => {
    const list = [...strings(400)];
    const disagree = list.flatMap((a) => list.filter((b) => compareKeys(a, b) !== byBytes(a, b)).map((b) => [a, b]));
    expect(disagree).toEqual([]);
  });

  it('puts a prefix before every longer key that starts with it, and equal keys at 0', () => {
    expect(compareKeys('a', 'a😀')).toBe(-1);
    expect(compareKeys('a😀', 'a')).toBe(1);
    expect(compareKeys('a😀', 'a😀')).toBe(0);
  });
});

describe('keySuccessor', () => {
  it('is above every key that starts with the prefix and at or below every later key', () => {
    for (const prefix of ['a/', 'a\ud7ff', 'a😀', 'a\uffff']) {
      const next = keySuccessor(prefix) as string;
      for (const tail of ['', '\u{10ffff}\u{10ffff}', 'zzz']) expect(compareKeys(prefix + tail, next)).toBe(-1);
    }
    expect(keySuccessor('a\ud7ff')).toBe('a\ue000');
    expect(keySuccessor('a\uffff')).toBe('a\u{10000}');
    expect(keySuccessor('a😀')).toBe('a😁');
  });

  it('has none for a prefix ending in U+10FFFF or for the empty prefix', () => {
    expect(keySuccessor('a\u{10ffff}')).toBeUndefined();
    expect(keySuccessor('')).toBeUndefined();
  });
});
