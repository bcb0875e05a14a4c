import { encodeKey, encodeQuery, resolveEndpoint } from '../../../shared/oss/endpoints';
import { OssConfigError } from '../../../shared/oss/errors';

describe('resolveEndpoint, public', () => {
  it('puts the bucket in the host and the key in the path', () => {
    const r = resolveEndpoint({ kind: 'public' }, { region: 'cn-hangzhou', bucket: 'src', key: 'a/b.txt' }, 'cn-hangzhou');
    expect(r).toEqual({
      origin: 'https://src.oss-cn-hangzhou.aliyuncs.com',
      host: 'src.oss-cn-hangzhou.aliyuncs.com',
      path: '/a/b.txt',
      protocol: 'https:',
    });
  });

  it('sends bucket calls to the bucket host with path /', () => {
    const r = resolveEndpoint({ kind: 'public' }, { region: 'cn-beijing', bucket: 'dst' }, 'cn-hangzhou');
    expect(r.host).toBe('dst.oss-cn-beijing.aliyuncs.com');
    expect(r.path).toBe('/');
  });

  it('sends service calls to the bare region host', () => {
    const r = resolveEndpoint({ kind: 'public' }, { region: 'cn-hangzhou' }, 'cn-hangzhou');
    expect(r.origin).toBe('https://oss-cn-hangzhou.aliyuncs.com');
    expect(r.path).toBe('/');
  });
});

describe('resolveEndpoint keeps signed requests on the OSS host', () => {
  // The Authorization and x-oss-security-token headers go to whatever host the URL names.
  it.each([
    ['a bucket that ends the host early', { region: 'cn-hangzhou', bucket: 'attacker.example#' }],
    ['a bucket with a path', { region: 'cn-hangzhou', bucket: 'attacker.example/x?' }],
    ['a bucket with user info', { region: 'cn-hangzhou', bucket: 'u@attacker.example:443' }],
    ['a bucket with a dot', { region: 'cn-hangzhou', bucket: 'evil.example' }],
    ['an upper-case bucket', { region: 'cn-hangzhou', bucket: 'Src' }],
    ['a region that ends the host early', { region: 'x.attacker.example/' }],
    ['a region with a dot, on a bucket call', { region: 'cn-hangzhou.attacker.example', bucket: 'src' }],
  ])('refuses %s with OssConfigError', (_label, target) => {
    for (const kind of ['public', 'internal'] as const) {
      expect(() => resolveEndpoint({ kind }, target, 'cn-hangzhou')).toThrow(OssConfigError);
    }
  });
});

describe('resolveEndpoint, internal', () => {
  it('uses the public host for a bucket in another region, since -internal hosts answer only in-region', () => {
    const r = resolveEndpoint({ kind: 'internal' }, { region: 'cn-beijing', bucket: 'b', key: 'k' }, 'cn-shanghai');
    expect(r.host).toBe('b.oss-cn-beijing.aliyuncs.com');
  });

  it('uses the -internal host', () => {
    const r = resolveEndpoint({ kind: 'internal' }, { region: 'cn-shanghai', bucket: 'b', key: 'k' }, 'cn-shanghai');
    expect(r.host).toBe('b.oss-cn-shanghai-internal.aliyuncs.com');
  });
});

describe('resolveEndpoint, map (path style)', () => {
  const endpoints = { 'cn-hangzhou': 'http://127.0.0.1:9000', 'cn-beijing': 'http://127.0.0.1:9001/oss/' };

  it('puts bucket and key in the path under the region base', () => {
    const r = resolveEndpoint({ kind: 'map', endpoints }, { region: 'cn-hangzhou', bucket: 'src', key: 'x/y' }, 'cn-hangzhou');
    expect(r).toEqual({ origin: 'http://127.0.0.1:9000', host: '127.0.0.1:9000', path: '/src/x/y', protocol: 'http:' });
  });

  it('keeps a base path and adds the bucket with a trailing slash for bucket calls', () => {
    const r = resolveEndpoint({ kind: 'map', endpoints }, { region: 'cn-beijing', bucket: 'dst' }, 'cn-hangzhou');
    expect(r.origin).toBe('http://127.0.0.1:9001');
    expect(r.path).toBe('/oss/dst/');
  });

  it('uses the base path alone for service calls', () => {
    const r = resolveEndpoint({ kind: 'map', endpoints }, { region: 'cn-beijing' }, 'cn-hangzhou');
    expect(r.path).toBe('/oss/');
  });

  it('falls back to the client region when the bucket region is not mapped', () => {
    const r = resolveEndpoint({ kind: 'map', endpoints }, { region: 'eu-west-1', bucket: 'b' }, 'cn-hangzhou');
    expect(r.origin).toBe('http://127.0.0.1:9000');
  });

  it('throws OssConfigError when neither region is mapped', () => {
    expect(() => resolveEndpoint({ kind: 'map', endpoints }, { region: 'eu-west-1', bucket: 'b' }, 'us-east-1')).toThrow(OssConfigError);
  });
});

describe('encodeKey', () => {
  it('encodes spaces as %20 and plus as %2B', () => {
    expect(encodeKey('a b+c')).toBe('a%20b%2Bc');
  });

  it('keeps slashes as separators', () => {
    expect(encodeKey('dir/sub/file.txt')).toBe('dir/sub/file.txt');
  });

  it('percent-encodes unicode as UTF-8', () => {
    expect(encodeKey('数据/é')).toBe('%E6%95%B0%E6%8D%AE/%C3%A9');
  });

  it('encodes characters encodeURIComponent leaves alone', () => {
    expect(encodeKey("it's(1)*!")).toBe('it%27s%281%29%2A%21');
  });

  it('builds a path that URL parsing leaves intact', () => {
    const r = resolveEndpoint({ kind: 'public' }, { region: 'cn-hangzhou', bucket: 'b', key: 'a b/ü+1?#' }, 'cn-hangzhou');
    const url = new URL(`${r.origin}${r.path}`);
    expect(decodeURIComponent(url.pathname)).toBe('/a b/ü+1?#');
  });
});

describe('encodeQuery', () => {
  it('writes valueless sub-resources bare and keeps order', () => {
    expect(
      encodeQuery([
        ['replication', null],
        ['comp', 'add'],
      ]),
    ).toBe('?replication&comp=add');
  });

  it('encodes values', () => {
    expect(encodeQuery([['tagging', 'k 1,k2']])).toBe('?tagging=k%201%2Ck2');
  });

  it('is empty for no parameters', () => {
    expect(encodeQuery([])).toBe('');
  });
});
