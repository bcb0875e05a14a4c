import { canonicalizedOssHeaders, canonicalizedResource, signatureV1, stringToSignV1 } from '../../../shared/signing';
import { createHmac } from 'node:crypto';

describe('canonicalizedOssHeaders', () => {
  it('lower-cases x-oss- header names', () => {
    expect(canonicalizedOssHeaders({ 'X-OSS-Meta-Author': 'a' })).toBe('x-oss-meta-author:a\n');
  });

  it('sorts by name in byte order', () => {
    expect(canonicalizedOssHeaders({ 'x-oss-b': '2', 'x-oss-a': '1', 'x-oss-B-': '3' })).toBe('x-oss-a:1\nx-oss-b:2\nx-oss-b-:3\n');
  });

  it('trims values', () => {
    expect(canonicalizedOssHeaders({ 'x-oss-meta-a': '  v  ' })).toBe('x-oss-meta-a:v\n');
  });

  it('leaves out headers without the x-oss- prefix', () => {
    expect(canonicalizedOssHeaders({ 'Content-Type': 'text/plain', 'x-ossmeta': 'no' })).toBe('');
  });

  it('joins two spellings of one header with a comma', () => {
    expect(canonicalizedOssHeaders({ 'X-Oss-Tag': 'a', 'x-oss-tag': 'b' })).toBe('x-oss-tag:a,b\n');
  });
});

describe('canonicalizedResource', () => {
  it('is / without a bucket', () => {
    expect(canonicalizedResource(undefined, undefined, [])).toBe('/');
  });

  it('keeps a trailing slash for bucket-level calls', () => {
    expect(canonicalizedResource('bkt', undefined, [])).toBe('/bkt/');
  });

  it('puts the object key raw, not URL-encoded', () => {
    expect(canonicalizedResource('bkt', '目录/文件 1+2.txt', [])).toBe('/bkt/目录/文件 1+2.txt');
  });

  it('sorts comp before replication', () => {
    expect(
      canonicalizedResource('bkt', undefined, [
        ['replication', null],
        ['comp', 'add'],
      ]),
    ).toBe('/bkt/?comp=add&replication');
  });

  it('leaves rule-id out of the resource', () => {
    expect(
      canonicalizedResource('bkt', undefined, [
        ['replicationProgress', ''],
        ['rule-id', 'r1'],
      ]),
    ).toBe('/bkt/?replicationProgress');
  });

  it('leaves listing parameters out of the resource', () => {
    const query = [
      ['prefix', 'a'],
      ['marker', 'b'],
      ['max-keys', '10'],
    ] as const;
    expect(canonicalizedResource('bkt', undefined, query)).toBe('/bkt/');
  });

  it('writes an empty-string value and a null value both as the bare name', () => {
    expect(
      canonicalizedResource('bkt', undefined, [
        ['acl', ''],
        ['tagging', null],
      ]),
    ).toBe('/bkt/?acl&tagging');
  });

  it('writes values decoded', () => {
    expect(canonicalizedResource('bkt', 'k', [['versionId', 'a b+c']])).toBe('/bkt/k?versionId=a b+c');
  });

  it('sorts by name, not by the joined k=v text', () => {
    const all = (): boolean => true;
    expect(
      canonicalizedResource(
        'bkt',
        undefined,
        [
          ['a-b', ''],
          ['a', '1'],
        ],
        all,
      ),
    ).toBe('/bkt/?a=1&a-b');
  });

  it('honours a custom sub-resource filter', () => {
    expect(canonicalizedResource('bkt', undefined, [['custom', 'x']], new Set(['custom']))).toBe('/bkt/?custom=x');
  });
});

describe('stringToSignV1', () => {
  const base = { method: 'put', bucket: 'bkt', key: 'k', query: [] as const };

  it('upper-cases the verb', () => {
    expect(stringToSignV1({ ...base, headers: {} }, 'D').split('\n')[0]).toBe('PUT');
  });

  it('keeps empty Content-MD5 and Content-Type slots', () => {
    expect(stringToSignV1({ ...base, headers: {} }, 'D')).toBe('PUT\n\n\nD\n/bkt/k');
  });

  it('reads Content-MD5 and Content-Type in any case', () => {
    const headers = { 'CONTENT-MD5': 'm', 'content-TYPE': 't' };
    expect(stringToSignV1({ ...base, headers }, 'D')).toBe('PUT\nm\nt\nD\n/bkt/k');
  });

  it('puts canonicalized OSS headers right before the resource', () => {
    expect(stringToSignV1({ ...base, headers: { 'x-oss-a': '1' } }, 'D')).toBe('PUT\n\n\nD\nx-oss-a:1\n/bkt/k');
  });
});

describe('signatureV1', () => {
  it('is base64 HMAC-SHA1 of the UTF-8 string to sign', () => {
    const expected = createHmac('sha1', 'sk').update(Buffer.from('文件', 'utf8')).digest('base64');
    expect(signatureV1('sk', '文件')).toBe(expected);
  });
});
