import { issuesOf, rawDoc } from './raw';

describe('policy prefixes', () => {
  it('accepts up to 10 disjoint prefixes', () => {
    const prefixes = Array.from({ length: 10 }, (_, i) => `p${i}/`);
    expect(issuesOf(rawDoc({ prefixes }))).toEqual([]);
  });

  it('rejects more than 10 prefixes', () => {
    const prefixes = Array.from({ length: 11 }, (_, i) => `p${i}/`);
    expect(issuesOf(rawDoc({ prefixes }))).toEqual(['policies.p.prefixes: at most 10 prefixes per rule, got 11']);
  });

  it('rejects a prefix that extends an earlier one', () => {
    expect(issuesOf(rawDoc({ prefixes: ['logs/', 'img/', 'logs/app/'] }))).toEqual(['policies.p.prefixes[2]: overlaps "logs/"']);
  });

  it('rejects a prefix that an earlier one extends', () => {
    expect(issuesOf(rawDoc({ prefixes: ['logs/app/', 'logs/'] }))).toEqual(['policies.p.prefixes[1]: overlaps "logs/app/"']);
  });

  it('rejects a duplicate prefix', () => {
    expect(issuesOf(rawDoc({ prefixes: ['a/', 'b/', 'a/'] }))).toEqual(['policies.p.prefixes[2]: duplicates prefixes[0] ("a/")']);
  });

  it('rejects an empty prefix', () => {
    expect(issuesOf(rawDoc({ prefixes: [''] }))).toEqual([
      'policies.p.prefixes[0]: must not be empty (omit prefixes to replicate the whole bucket)',
    ]);
  });

  it('rejects a prefix starting with a slash', () => {
    expect(issuesOf(rawDoc({ prefixes: ['/logs'] }))).toEqual(['policies.p.prefixes[0]: must not start with "/" or "\\" (object keys cannot)']);
  });

  it('rejects a prefix that is not a string', () => {
    expect(issuesOf(rawDoc({ prefixes: ['a/', 7] }))).toEqual(['policies.p.prefixes[1]: must be a string']);
  });
});
