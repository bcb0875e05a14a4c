import { createHash } from 'node:crypto';
import { parseCreateBucketConfiguration, parseTagging, parseVersioningConfiguration } from '../../../shared/xml';
import { type RecordedRequest } from './helpers/localServer';
import { useLocalOss } from './helpers/testClient';

const local = useLocalOss();

function bucketXml(name: string): string {
  return `<Bucket><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><ExtranetEndpoint>oss-cn-hangzhou.aliyuncs.com</ExtranetEndpoint><IntranetEndpoint>oss-cn-hangzhou-internal.aliyuncs.com</IntranetEndpoint><Location>oss-cn-hangzhou</Location><Name>${name}</Name><Region>cn-hangzhou</Region><StorageClass>Standard</StorageClass></Bucket>`;
}

function bucketsPage(names: string[], next?: string): string {
  const truncation = next ? `<IsTruncated>true</IsTruncated><NextMarker>${next}</NextMarker>` : '';
  return `<ListAllMyBucketsResult>${truncation}<Owner><ID>1</ID><DisplayName>1</DisplayName></Owner><Buckets>${names.map(bucketXml).join('')}</Buckets></ListAllMyBucketsResult>`;
}

function only(items: readonly RecordedRequest[]): RecordedRequest {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('ListBuckets', () => {
  const pages: Record<string, string> = {
    '': bucketsPage(['a1', 'a2'], 'a2'),
    a2: bucketsPage(['b1', 'b2'], 'b2'),
    b2: bucketsPage(['c1']),
  };

  it('follows NextMarker over every page', async () => {
    local.server.respond((req) => ({ body: pages[req.query.get('marker') ?? ''] ?? '' }));
    const buckets = await local.client.listBuckets();
    expect(buckets.map((b) => b.name)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect(local.server.requests.map((r) => r.query.get('marker'))).toEqual([null, 'a2', 'b2']);
  });

  it('asks for 1000 buckets per page at the service root', async () => {
    local.server.respond(() => ({ body: bucketsPage(['x']) }));
    await local.client.listBuckets({ prefix: 'x' });
    const req = only(local.server.requests);
    expect([req.path, req.query.get('max-keys'), req.query.get('prefix')]).toEqual(['/', '1000', 'x']);
  });

  it('stops with InvalidResponse when a truncated page does not advance', async () => {
    local.server.respond(() => ({ body: bucketsPage([], undefined).replace('<Buckets>', '<IsTruncated>true</IsTruncated><Buckets>') }));
    await expect(local.client.listBuckets()).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});

describe('bucket tags', () => {
  it('PUTs the whole tag set to /?tagging', async () => {
    local.server.respond(() => ({}));
    await local.client.putBucketTags({ bucket: 'b' }, [{ key: 'replication-policy', value: 'dr & more' }]);
    const req = only(local.server.requests);
    expect([req.method, req.url]).toEqual(['PUT', '/b/?tagging']);
    expect(parseTagging(req.body.toString('utf8')).tags).toEqual([{ key: 'replication-policy', value: 'dr & more' }]);
  });

  it('deletes listed keys with ?tagging=k1,k2', async () => {
    local.server.respond(() => ({ status: 204 }));
    await local.client.deleteBucketTags({ bucket: 'b' }, ['k1', 'k2']);
    const req = only(local.server.requests);
    expect([req.method, req.query.get('tagging')]).toEqual(['DELETE', 'k1,k2']);
  });

  it('deletes every tag with a bare ?tagging', async () => {
    local.server.respond(() => ({ status: 204 }));
    await local.client.deleteBucketTags({ bucket: 'b' });
    expect(only(local.server.requests).url).toBe('/b/?tagging');
  });
});

describe('bucket versioning and location', () => {
  it('reads a never-versioned bucket as undefined', async () => {
    local.server.respond(() => ({ body: '<VersioningConfiguration xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com"/>' }));
    await expect(local.client.getBucketVersioning({ bucket: 'b' })).resolves.toBeUndefined();
  });

  it('PUTs the versioning status', async () => {
    local.server.respond(() => ({}));
    await local.client.putBucketVersioning({ bucket: 'b' }, 'Enabled');
    expect(parseVersioningConfiguration(only(local.server.requests).body.toString('utf8')).status).toBe('Enabled');
  });

  it('returns the location without the oss- prefix', async () => {
    local.server.respond(() => ({
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">oss-cn-beijing</LocationConstraint>',
    }));
    await expect(local.client.getBucketLocation({ bucket: 'b' })).resolves.toBe('cn-beijing');
  });
});

describe('objects', () => {
  it('sends Content-MD5, metadata and forbid-overwrite on PutObject', async () => {
    local.server.respond(() => ({ headers: { etag: '"ABC"', 'x-oss-hash-crc64ecma': '123', 'x-oss-version-id': 'v1' } }));
    await local.client.putObject({
      bucket: 'b',
      key: 'canary/a b+c.txt',
      body: 'hello',
      metadata: { Origin: 'autopilot' },
      forbidOverwrite: true,
    });
    const req = only(local.server.requests);
    expect({
      path: req.path,
      md5: req.headers['content-md5'],
      meta: req.headers['x-oss-meta-origin'],
      forbid: req.headers['x-oss-forbid-overwrite'],
    }).toEqual({
      path: '/b/canary/a%20b%2Bc.txt',
      md5: createHash('md5').update('hello').digest('base64'),
      meta: 'autopilot',
      forbid: 'true',
    });
  });

  it('returns the unquoted ETag, CRC64 and version id of PutObject', async () => {
    local.server.respond(() => ({
      headers: { etag: '"5D41402ABC4B2A76B9719D911017C592"', 'x-oss-hash-crc64ecma': '123', 'x-oss-version-id': 'v1' },
    }));
    const out = await local.client.putObject({ bucket: 'b', key: 'k', body: 'hello' });
    expect([out.eTag, out.crc64, out.versionId]).toEqual(['5D41402ABC4B2A76B9719D911017C592', '123', 'v1']);
  });

  it('returns body and metadata without the x-oss-meta- prefix on GetObject', async () => {
    local.server.respond(() => ({
      body: 'payload',
      headers: { etag: '"E"', 'x-oss-meta-origin': 'autopilot', 'content-type': 'text/plain' },
    }));
    const out = await local.client.getObject({ bucket: 'b', key: '数据.txt', versionId: 'v9' });
    expect([out.body.toString(), out.metadata, out.eTag, out.contentType]).toEqual(['payload', { origin: 'autopilot' }, 'E', 'text/plain']);
    expect(decodeURIComponent(only(local.server.requests).path)).toBe('/b/数据.txt');
  });

  it('sends versionId as a query parameter', async () => {
    local.server.respond(() => ({ body: 'x' }));
    await local.client.getObject({ bucket: 'b', key: 'k', versionId: 'v9' });
    expect(only(local.server.requests).query.get('versionId')).toBe('v9');
  });

  it('reads the delete marker and version id of DeleteObject', async () => {
    local.server.respond(() => ({ status: 204, headers: { 'x-oss-delete-marker': 'true', 'x-oss-version-id': 'dm1' } }));
    await expect(local.client.deleteObject({ bucket: 'b', key: 'k' })).resolves.toEqual({ deleteMarker: true, versionId: 'dm1' });
  });

  it('reads length and metadata on HeadObject', async () => {
    local.server.respond(() => ({ headers: { etag: '"E"', 'content-length': '0', 'x-oss-meta-a': '1', 'x-oss-hash-crc64ecma': '42' } }));
    const head = await local.client.headObject({ bucket: 'b', key: 'k' });
    expect([head.eTag, head.crc64, head.metadata]).toEqual(['E', '42', { a: '1' }]);
  });
});

describe('ListObjectsV2', () => {
  const page =
    '<ListBucketResult><Name>b</Name><Prefix>canary/</Prefix><MaxKeys>2</MaxKeys><KeyCount>1</KeyCount><IsTruncated>true</IsTruncated><NextContinuationToken>tok2</NextContinuationToken><Contents><Key>canary/1</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>"E"</ETag><Size>5</Size><StorageClass>Standard</StorageClass></Contents></ListBucketResult>';

  it('sends list-type=2 with prefix, continuation token and max-keys', async () => {
    local.server.respond(() => ({ body: page }));
    await local.client.listObjectsV2({ bucket: 'b', prefix: 'canary/', continuationToken: 'tok1', maxKeys: 2 });
    const q = only(local.server.requests).query;
    expect([q.get('list-type'), q.get('prefix'), q.get('continuation-token'), q.get('max-keys')]).toEqual(['2', 'canary/', 'tok1', '2']);
  });

  it('returns the parsed page with its next token', async () => {
    local.server.respond(() => ({ body: page }));
    const result = await local.client.listObjectsV2({ bucket: 'b', prefix: 'canary/' });
    expect([result.contents.map((c) => c.key), result.nextContinuationToken, result.isTruncated]).toEqual([['canary/1'], 'tok2', true]);
  });
});

describe('PutBucket', () => {
  it('PUTs the bucket root with the ACL header and a CreateBucketConfiguration body', async () => {
    local.server.respond(() => ({ headers: { location: '/dst' } }));
    await local.client.putBucket({
      bucket: 'dst',
      region: 'cn-hangzhou',
      acl: 'private',
      configuration: { storageClass: 'Standard', dataRedundancyType: 'LRS' },
    });
    const req = only(local.server.requests);
    expect([req.method, req.url, req.headers['x-oss-acl']]).toEqual(['PUT', '/dst/', 'private']);
    expect(parseCreateBucketConfiguration(req.body.toString('utf8'))).toEqual({ storageClass: 'Standard', dataRedundancyType: 'LRS' });
  });

  it('sends no body without a configuration', async () => {
    local.server.respond(() => ({}));
    await local.client.putBucket({ bucket: 'dst' });
    expect(only(local.server.requests).body.length).toBe(0);
  });
});
