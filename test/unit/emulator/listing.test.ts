import { arraySource, listPage } from '../../../local/emulator/models/listing';

const entries = arraySource(['a/1', 'a/2', 'b/1', 'c', 'd/x/1', 'd/y'].map((key) => ({ key })));
const keys = (page: { contents: { key: string }[] }) => page.contents.map((e) => e.key);

describe('listPage', () => {
  it('filters by prefix', () => {
    expect(keys(listPage(entries, { prefix: 'a/', maxKeys: 100 }))).toEqual(['a/1', 'a/2']);
  });

  it('groups keys under the delimiter into common prefixes', () => {
    const page = listPage(entries, { prefix: '', delimiter: '/', maxKeys: 100 });
    expect(page.commonPrefixes).toEqual(['a/', 'b/', 'd/']);
    expect(keys(page)).toEqual(['c']);
  });

  it('groups below the prefix only', () => {
    const page = listPage(entries, { prefix: 'd/', delimiter: '/', maxKeys: 100 });
    expect(page.commonPrefixes).toEqual(['d/x/']);
    expect(keys(page)).toEqual(['d/y']);
  });

  it('truncates at max-keys counting common prefixes, and reports where to resume', () => {
    const page = listPage(entries, { prefix: '', delimiter: '/', maxKeys: 2 });
    expect(page.isTruncated).toBe(true);
    expect(page.next).toBe('b/');
  });

  it('resumes after the marker without repeating a common prefix', () => {
    const page = listPage(entries, { prefix: '', delimiter: '/', after: 'b/', maxKeys: 10 });
    expect(page.commonPrefixes).toEqual(['d/']);
    expect(keys(page)).toEqual(['c']);
    expect(page.isTruncated).toBe(false);
  });
});

describe('listPage reads only what a page needs', () => {
  /** A source that counts the entries it hands out. */
  function counting(keys: string[]) {
    const sorted = keys.map((key) => ({ key })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const source = arraySource(sorted);
    let read = 0;
    return {
      read: () => read,
      source: (start: string, exclusive: boolean) => {
        const list = [...source(start, exclusive)];
        return {
          *[Symbol.iterator]() {
            for (const e of list) {
              read++;
              yield e;
            }
          },
        };
      },
    };
  }
  const many = (n: number, stem: string) => Array.from({ length: n }, (_, i) => `${stem}${String(i).padStart(5, '0')}`);

  it('stops at the first key past the prefix', () => {
    const s = counting([...many(10, 'a/'), ...many(1000, 'b/')]);
    expect(listPage(s.source, { prefix: 'a/', maxKeys: 100 }).contents).toHaveLength(10);
    expect(s.read()).toBe(11);
  });

  it('jumps over a common prefix instead of walking its keys', () => {
    const s = counting([...many(1000, 'a/'), ...many(1000, 'b/'), 'c']);
    const page = listPage(s.source, { prefix: '', delimiter: '/', maxKeys: 100 });
    expect([page.commonPrefixes, page.contents.map((e) => e.key)]).toEqual([['a/', 'b/'], ['c']]);
    expect(s.read()).toBe(3);
  });

  it('reads one entry past a full page to know it is truncated', () => {
    const s = counting(many(5000, 'k'));
    const page = listPage(s.source, { prefix: '', after: 'k02000', maxKeys: 100 });
    expect([page.contents[0]?.key, page.isTruncated, page.next]).toEqual(['k02001', true, 'k02100']);
    expect(s.read()).toBe(101);
  });
});
