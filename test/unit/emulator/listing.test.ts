import { listPage } from '../../../local/emulator/models/listing';

const entries = ['a/1', 'a/2', 'b/1', 'c', 'd/x/1', 'd/y'].map((key) => ({ key }));
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
