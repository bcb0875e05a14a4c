import { globMatch } from '../../../shared/policy/runtime';

describe('globMatch', () => {
  it('matches a pattern without * only against the identical name', () => {
    expect(globMatch('photos-dr', 'photos-dr')).toBe(true);
    expect(globMatch('photos-dr', 'photos-dr2')).toBe(false);
  });

  it('lets * match an empty run', () => {
    expect(globMatch('*-dr', '-dr')).toBe(true);
  });

  it('anchors both ends of the name', () => {
    expect(globMatch('*-dr', 'photos-dr-copy')).toBe(false);
    expect(globMatch('backup-*', 'my-backup-1')).toBe(false);
  });

  it('matches several stars in order', () => {
    expect(globMatch('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatch('a*b*c', 'acb')).toBe(false);
  });

  it('does not let middle parts overlap the suffix', () => {
    expect(globMatch('*ab*ab', 'ab')).toBe(false);
    expect(globMatch('*ab*ab', 'abab')).toBe(true);
  });

  it('treats regex characters literally', () => {
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('a.c', 'a.c')).toBe(true);
  });

  it('matches any name with a lone *', () => {
    expect(globMatch('*', 'anything-at-all')).toBe(true);
  });
});
