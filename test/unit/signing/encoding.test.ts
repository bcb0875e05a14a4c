import {
  constantTimeEqual,
  formatIso8601Basic,
  formatRfc1123,
  parseIso8601Basic,
  parseRfc1123,
  uriEncode,
  uriEncodePath,
} from '../../../shared/signing';

const AT = new Date(Date.UTC(2023, 11, 16, 16, 20, 57));

describe('uriEncode', () => {
  it('keeps RFC 3986 unreserved characters', () => {
    expect(uriEncode('AZaz09-._~')).toBe('AZaz09-._~');
  });

  it('encodes space as %20, never +', () => {
    expect(uriEncode('a b')).toBe('a%20b');
  });

  it('encodes + and the characters encodeURIComponent leaves alone', () => {
    expect(uriEncode("+!'()*")).toBe('%2B%21%27%28%29%2A');
  });

  it('encodes each UTF-8 byte with uppercase hex', () => {
    expect(uriEncode('目')).toBe('%E7%9B%AE');
  });

  it('encodes / outside paths', () => {
    expect(uriEncode('a/b')).toBe('a%2Fb');
  });

  it('keeps / in paths', () => {
    expect(uriEncodePath('/bkt/a b/c+d')).toBe('/bkt/a%20b/c%2Bd');
  });
});

describe('dates', () => {
  it('formats RFC 1123 GMT with a two-digit day', () => {
    expect(formatRfc1123(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
  });

  it('formats ISO 8601 basic without milliseconds', () => {
    expect(formatIso8601Basic(new Date(AT.getTime() + 999))).toBe('20231216T162057Z');
  });

  it('round-trips RFC 1123', () => {
    expect(parseRfc1123(formatRfc1123(AT))).toEqual(AT);
  });

  it('round-trips ISO 8601 basic', () => {
    expect(parseIso8601Basic(formatIso8601Basic(AT))).toEqual(AT);
  });

  it('rejects an impossible calendar date', () => {
    expect(parseIso8601Basic('20230231T000000Z')).toBeUndefined();
  });

  it('rejects a date that is not GMT', () => {
    expect(parseRfc1123('Sat, 16 Dec 2023 16:20:57 +0800')).toBeUndefined();
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
  });

  it('is false for strings of different length', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });

  it('is false for same-length strings that differ', () => {
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
  });
});
