import { createHash, createHmac } from 'node:crypto';
import {
  canonicalHeaders,
  canonicalQueryString,
  canonicalRequestV4,
  canonicalUri,
  resolveAdditionalHeaders,
  scopeV4,
  signingKeyV4,
  stringToSignV4,
} from '../../../shared/signing';

describe('canonicalUri', () => {
  it('is / without a bucket', () => {
    expect(canonicalUri(undefined, undefined)).toBe('/');
  });

  it('ends with / for bucket calls', () => {
    expect(canonicalUri('bkt', undefined)).toBe('/bkt/');
  });

  it('keeps / between key segments', () => {
    expect(canonicalUri('bkt', 'a/b/c.txt')).toBe('/bkt/a/b/c.txt');
  });

  it('encodes + in keys as %2B', () => {
    expect(canonicalUri('bkt', 'a+b.txt')).toBe('/bkt/a%2Bb.txt');
  });

  it('encodes spaces and unicode in keys', () => {
    expect(canonicalUri('bkt', '目录/文件 1.txt')).toBe('/bkt/%E7%9B%AE%E5%BD%95/%E6%96%87%E4%BB%B6%201.txt');
  });
});

describe('canonicalQueryString', () => {
  it('includes every parameter, not only sub-resources', () => {
    expect(
      canonicalQueryString([
        ['rule-id', 'r1'],
        ['replicationProgress', null],
      ]),
    ).toBe('replicationProgress&rule-id=r1');
  });

  it('writes empty-string and null values as the bare name', () => {
    expect(
      canonicalQueryString([
        ['a', ''],
        ['b', null],
      ]),
    ).toBe('a&b');
  });

  it('encodes + in names and values as %2B', () => {
    expect(canonicalQueryString([['+k', 'a+b']])).toBe('%2Bk=a%2Bb');
  });

  it('encodes space as %20', () => {
    expect(canonicalQueryString([['prefix', 'a b']])).toBe('prefix=a%20b');
  });

  it('encodes unicode values as UTF-8 bytes', () => {
    expect(canonicalQueryString([['prefix', '目']])).toBe('prefix=%E7%9B%AE');
  });

  it('encodes / in values', () => {
    expect(canonicalQueryString([['prefix', 'a/b']])).toBe('prefix=a%2Fb');
  });

  it('sorts by encoded name in byte order', () => {
    expect(
      canonicalQueryString([
        ['b', '1'],
        ['Z', '2'],
        ['a', '3'],
      ]),
    ).toBe('Z=2&a=3&b=1');
  });

  it('sorts with localeCompare when asked', () => {
    expect(
      canonicalQueryString(
        [
          ['b', '1'],
          ['Z', '2'],
          ['a', '3'],
        ],
        { sort: 'locale' },
      ),
    ).toBe('a=3&b=1&Z=2');
  });

  it('writes k= for the empty values chosen by equalsForEmpty', () => {
    expect(
      canonicalQueryString(
        [
          ['a', ''],
          ['b', ''],
        ],
        { equalsForEmpty: (i) => i === 1 },
      ),
    ).toBe('a&b=');
  });
});

describe('canonicalHeaders', () => {
  it('always signs content-type, content-md5 and x-oss-* headers', () => {
    const headers = { 'Content-Type': 't', 'Content-MD5': 'm', 'x-oss-a': '1', Host: 'h' };
    expect(canonicalHeaders(headers)).toBe('content-md5:m\ncontent-type:t\nx-oss-a:1\n');
  });

  it('signs additional headers given in any case', () => {
    expect(canonicalHeaders({ Host: 'h', 'X-Custom': 'c' }, ['HOST'])).toBe('host:h\n');
  });

  it('trims values', () => {
    expect(canonicalHeaders({ 'x-oss-a': ' v ' })).toBe('x-oss-a:v\n');
  });

  it('sorts lower-cased names in byte order', () => {
    expect(canonicalHeaders({ ZAbc: '1', abc: '2' }, ['zabc', 'abc'])).toBe('abc:2\nzabc:1\n');
  });
});

describe('resolveAdditionalHeaders', () => {
  const headers = { ZAbc: '1', abc: '2', 'x-oss-head1': '3', 'Content-Type': 't' };

  it('lower-cases and sorts', () => {
    expect(resolveAdditionalHeaders(headers, ['ZAbc', 'abc'])).toEqual(['abc', 'zabc']);
  });

  it('drops headers that are signed anyway', () => {
    expect(resolveAdditionalHeaders(headers, ['x-oss-head1', 'content-type', 'abc'])).toEqual(['abc']);
  });

  it('drops names absent from the request', () => {
    expect(resolveAdditionalHeaders(headers, ['x-no', 'missing', 'abc'])).toEqual(['abc']);
  });

  it('drops duplicates', () => {
    expect(resolveAdditionalHeaders(headers, ['abc', 'ABC'])).toEqual(['abc']);
  });
});

describe('canonicalRequestV4', () => {
  const req = { method: 'get', bucket: 'bkt', query: [['acl', null]] as const, headers: { 'x-oss-date': 'T' } };

  it('takes the payload line from x-oss-content-sha256', () => {
    const withHash = { ...req, headers: { ...req.headers, 'x-oss-content-sha256': 'abc123' } };
    expect(canonicalRequestV4(withHash).endsWith('\nabc123')).toBe(true);
  });

  it('defaults the payload line to UNSIGNED-PAYLOAD', () => {
    expect(canonicalRequestV4(req)).toBe('GET\n/bkt/\nacl\nx-oss-date:T\n\n\nUNSIGNED-PAYLOAD');
  });

  it('writes the additional-headers list as given', () => {
    const withHost = { ...req, headers: { ...req.headers, host: 'h', zz: 'z' } };
    expect(canonicalRequestV4(withHost, ['zz', 'host']).split('\n').at(-2)).toBe('zz;host');
  });
});

describe('scopeV4', () => {
  it('formats a Date as its UTC day', () => {
    expect(scopeV4(new Date(Date.UTC(2023, 11, 16, 23, 59, 59)), 'cn-hangzhou')).toBe('20231216/cn-hangzhou/oss/aliyun_v4_request');
  });

  it('uses the given product', () => {
    expect(scopeV4('20231216', 'cb-123', 'oss-cloudbox')).toBe('20231216/cb-123/oss-cloudbox/aliyun_v4_request');
  });
});

describe('stringToSignV4', () => {
  it('is algorithm, timestamp, scope and the hex SHA-256 of the canonical request', () => {
    const hash = createHash('sha256').update('CR').digest('hex');
    expect(stringToSignV4('T', 'S', 'CR')).toBe(`OSS4-HMAC-SHA256\nT\nS\n${hash}`);
  });
});

describe('signingKeyV4', () => {
  it('chains HMAC-SHA256 from aliyun_v4+secret over date, region, product and terminator', () => {
    const step = (key: string | Buffer, msg: string): Buffer => createHmac('sha256', key).update(msg).digest();
    const expected = step(step(step(step('aliyun_v4sk', '20240101'), 'cn-beijing'), 'oss'), 'aliyun_v4_request');
    expect(signingKeyV4('sk', '20240101', 'cn-beijing')).toEqual(expected);
  });
});
