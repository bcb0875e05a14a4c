/**
 * The client's GetObjectMeta, CopyObject, ListObjectVersions, GetBucketStat and tag-filtered
 * ListBuckets, against a scripted local server: the request each one sends, and how each answer
 * (captured SDK fixtures where one exists) is read.
 */
import { fixture } from '../../unit/xml/fixtures';
import { type RecordedRequest } from './helpers/localServer';
import { useLocalOss } from './helpers/testClient';

const local = useLocalOss();

function only(items: readonly RecordedRequest[]): RecordedRequest {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('getObjectMeta', () => {
  it('sends HEAD /<key>?objectMeta (with versionId when given) and reads the short head', async () => {
    local.server.respond(() => ({
      headers: {
        etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"',
        'content-length': '344606',
        'last-modified': 'Fri, 24 Feb 2012 06:07:48 GMT',
        'x-oss-last-access-time': 'Tue, 30 Mar 2021 06:07:48 GMT',
        'x-oss-version-id': 'CAEQ1',
        'x-oss-hash-crc64ecma': '42',
      },
    }));
    const meta = await local.client.getObjectMeta({ bucket: 'b1', key: 'dir/a b.txt', versionId: 'CAEQ1' });
    const req = only(local.server.requests);
    expect([req.method, req.url]).toEqual(['HEAD', '/b1/dir/a%20b.txt?objectMeta&versionId=CAEQ1']);
    expect(meta).toEqual({
      contentLength: 344606,
      eTag: '5B3C1A2E053D763E1B002CC607C5A0FE',
      lastModified: 'Fri, 24 Feb 2012 06:07:48 GMT',
      lastAccessTime: 'Tue, 30 Mar 2021 06:07:48 GMT',
      versionId: 'CAEQ1',
      crc64: '42',
    });
  });

  it('fails with NoSuchKey decoded from x-oss-err on a bodiless 404', async () => {
    const err = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>6556E3AED11E553933CCDEDF</RequestId></Error>',
    ).toString('base64');
    local.server.respond(() => ({ status: 404, headers: { 'x-oss-err': err, 'x-oss-ec': '0026-00000001' } }));
    await expect(local.client.getObjectMeta({ bucket: 'b1', key: 'gone' })).rejects.toMatchObject({ code: 'NoSuchKey', status: 404 });
  });
});

describe('copyObject', () => {
  const answer = () => ({
    body: fixture('copy-object/go-v2.xml'),
    headers: { 'x-oss-hash-crc64ecma': '870718044876840', 'x-oss-version-id': 'CAEQnew', 'x-oss-copy-source-version-id': 'CAEQold' },
  });

  it('PUTs the destination with x-oss-copy-source naming the source bucket and encoded key and version', async () => {
    local.server.respond(answer);
    const out = await local.client.copyObject({
      bucket: 'dst',
      key: 'copy.txt',
      source: { bucket: 'src', key: 'dir/a+b c.txt', versionId: 'CAEQold' },
    });
    const req = only(local.server.requests);
    expect([req.method, req.url, req.headers['x-oss-copy-source'], req.headers['x-oss-metadata-directive']]).toEqual([
      'PUT',
      '/dst/copy.txt',
      '/src/dir/a%2Bb%20c.txt?versionId=CAEQold',
      undefined,
    ]);
    expect(req.body.length).toBe(0);
    expect(out).toEqual({
      eTag: 'F2064A169EE92E9775EE5324D0B1****',
      lastModified: '2023-02-24T09:41:56.000Z',
      crc64: '870718044876840',
      versionId: 'CAEQnew',
      sourceVersionId: 'CAEQold',
      requestId: expect.any(String),
    });
  });

  it('with REPLACE sends the directive, the content type and the new metadata', async () => {
    local.server.respond(answer);
    await local.client.copyObject({
      bucket: 'b1',
      key: 'k',
      source: { bucket: 'b1', key: 'k' },
      metadataDirective: 'REPLACE',
      contentType: 'text/csv',
      metadata: { Owner: 'alice' },
    });
    const req = only(local.server.requests);
    expect([req.headers['x-oss-metadata-directive'], req.headers['content-type'], req.headers['x-oss-meta-owner']]).toEqual([
      'REPLACE',
      'text/csv',
      'alice',
    ]);
  });

  it('sends the source ETag it must still have as x-oss-copy-source-if-match, quoted', async () => {
    local.server.respond(answer);
    await local.client.copyObject({ bucket: 'b1', key: 'k', source: { bucket: 'b1', key: 'k' }, sourceIfMatch: 'F2064A169EE92E97' });
    expect(only(local.server.requests).headers['x-oss-copy-source-if-match']).toBe('"F2064A169EE92E97"');
  });

  it('is not retried after a timeout when it must not overwrite (the lost copy may have been made)', async () => {
    local.server.respond(() => ({ hang: true }));
    await expect(
      local.client.copyObject({ bucket: 'b1', key: 'k', source: { bucket: 'b1', key: 's' }, forbidOverwrite: true }),
    ).rejects.toThrow();
    expect(local.server.requests).toHaveLength(1);
    expect(local.server.requests[0]?.headers['x-oss-forbid-overwrite']).toBe('true');
  });
});

describe('listObjectVersions', () => {
  it('sends GET /?versions with the markers and reads a captured page', async () => {
    local.server.respond(() => ({ body: fixture('list-versions/go-v2-truncated-url.xml') }));
    const page = await local.client.listObjectVersions({
      bucket: 'b1',
      prefix: 'demo/',
      delimiter: '/',
      keyMarker: 'demo/a',
      versionIdMarker: 'CAEQ1',
      maxKeys: 20,
    });
    const req = only(local.server.requests);
    expect([req.path, [...req.query.entries()]]).toEqual([
      '/b1/',
      [
        ['versions', ''],
        ['prefix', 'demo/'],
        ['delimiter', '/'],
        ['key-marker', 'demo/a'],
        ['version-id-marker', 'CAEQ1'],
        ['max-keys', '20'],
      ],
    ]);
    expect([page.isTruncated, page.nextKeyMarker, page.versions.length > 0, page.deleteMarkers.length > 0]).toEqual([
      true,
      'demo/README-CN.md',
      true,
      true,
    ]);
  });
});

describe('getBucketStat', () => {
  it('sends GET /?stat and reads the captured answer', async () => {
    local.server.respond(() => ({ body: fixture('bucket-stat/go-v2.xml') }));
    const stat = await local.client.getBucketStat({ bucket: 'b1' });
    expect(only(local.server.requests).url).toBe('/b1/?stat');
    expect([stat.storage, stat.objectCount, stat.deleteMarkerCount]).toEqual([1600, 230, 6276]);
  });
});

describe('listBuckets with a tag filter and a page size', () => {
  it('sends tag-key, tag-value and max-keys on every page', async () => {
    local.server.respond(() => ({
      body: '<ListAllMyBucketsResult><Owner><ID>1</ID><DisplayName>1</DisplayName></Owner><Buckets/></ListAllMyBucketsResult>',
    }));
    await local.client.listBuckets({ tagKey: 'replication-policy', tagValue: 'dr', pageSize: 2 });
    const q = only(local.server.requests).query;
    expect([q.get('tag-key'), q.get('tag-value'), q.get('max-keys')]).toEqual(['replication-policy', 'dr', '2']);
  });

  it('refuses a tag value without a tag key before sending anything', async () => {
    await expect(local.client.listBuckets({ tagValue: 'dr' })).rejects.toThrow('tagValue needs tagKey');
    expect(local.server.requests).toHaveLength(0);
  });
});
