import { resolveAddress } from '../../../local/emulator/wire/addressing';
import { resolveOperation } from '../../../local/emulator/wire/route';

describe('resolveAddress', () => {
  it('reads bucket and key from the path on an IP host', () => {
    expect(resolveAddress('127.0.0.1:9100', '/my-bucket/a/b%20c.txt')).toEqual({ style: 'path', bucket: 'my-bucket', key: 'a/b c.txt' });
  });

  it('reads the bucket from the first Host label on a named host', () => {
    expect(resolveAddress('my-bucket.oss-cn-hangzhou.aliyuncs.com', '/k%2B1')).toEqual({
      style: 'virtual',
      bucket: 'my-bucket',
      key: 'k+1',
    });
  });

  it('treats the bare service endpoint as path style', () => {
    expect(resolveAddress('oss-cn-hangzhou.aliyuncs.com', '/')).toEqual({ style: 'path' });
  });

  it('treats localhost as path style', () => {
    expect(resolveAddress('localhost:9100', '/b1b/k')).toEqual({ style: 'path', bucket: 'b1b', key: 'k' });
  });

  it('ignores a first label that is not a bucket name (ali-oss ListBuckets sends an empty one)', () => {
    expect(resolveAddress('.oss-cn-hangzhou.aliyuncs.com', '/')).toEqual({ style: 'path' });
  });
});

describe('resolveOperation', () => {
  const op = (method: string, bucket?: string, key?: string, query: Array<[string, string | null]> = []) =>
    resolveOperation({ method, bucket, key, query });

  it('maps POST ?replication&comp=add to PutBucketReplication and comp=delete to DeleteBucketReplication', () => {
    expect(
      op('POST', 'bkt', undefined, [
        ['replication', null],
        ['comp', 'add'],
      ]),
    ).toBe('PutBucketReplication');
    expect(
      op('POST', 'bkt', undefined, [
        ['comp', 'delete'],
        ['replication', null],
      ]),
    ).toBe('DeleteBucketReplication');
  });

  it('maps GET with list-type=2 to ListObjectsV2', () => {
    expect(op('GET', 'bkt', undefined, [['list-type', '2']])).toBe('ListObjectsV2');
  });

  it('ignores ordinary parameters such as rule-id', () => {
    expect(
      op('GET', 'bkt', undefined, [
        ['replicationProgress', null],
        ['rule-id', 'r'],
      ]),
    ).toBe('GetBucketReplicationProgress');
  });

  it('answers NotImplemented for a sub-resource the emulator does not model', () => {
    expect(() => op('GET', 'bkt', undefined, [['lifecycle', null]])).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
  });

  it('answers MethodNotAllowed for a known sub-resource with the wrong method', () => {
    expect(() => op('DELETE', 'bkt', undefined, [['versioning', null]])).toThrow(expect.objectContaining({ code: 'MethodNotAllowed' }));
  });
});

describe('invalid bucket names', () => {
  it('keeps an invalid first label under an OSS service endpoint as the bucket, for the router to refuse', () => {
    expect(resolveAddress('bad_name.oss-cn-hangzhou.aliyuncs.com', '/k')).toEqual({ style: 'virtual', bucket: 'bad_name', key: 'k' });
  });

  it('takes every label before an OSS service endpoint as the bucket, so a dotted name is refused rather than cut', () => {
    expect(resolveAddress('abc.def.oss-cn-hangzhou.aliyuncs.com', '/k')).toEqual({ style: 'virtual', bucket: 'abc.def', key: 'k' });
  });

  it('answers InvalidBucketName for an invalid bucket named by path or Host, never a service-level answer', () => {
    expect(() => resolveOperation({ method: 'PUT', bucket: 'bad_name', query: [] })).toThrow(
      expect.objectContaining({ code: 'InvalidBucketName', status: 400 }),
    );
    expect(() => resolveOperation({ method: 'GET', bucket: 'Upper', key: 'k', query: [] })).toThrow(
      expect.objectContaining({ code: 'InvalidBucketName' }),
    );
  });
});
