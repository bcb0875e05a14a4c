/**
 * Wire details of buckets, objects and authentication that the SDK suites do not reach: exact
 * error codes and fields, re-create rules, listing pages, tag limits, versions, digests, presigned
 * URLs, STS tokens and clock skew. Raw signed HTTP, so every byte is what OSS would see.
 */
import { createHash } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { presignV1, presignV4, signRequest } from '../../../shared/signing';
import type { Credentials } from '../../../shared/signing/types';
import { errorCode, rawOss, unsigned, type RawRequest, type RawResponse } from './helpers/rawOss';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const STS: Credentials = { accessKeyId: 'STS.emulator-temp', accessKeySecret: 'sts-secret', securityToken: 'sts-token-value' };

let emulator: RunningEmulator;
let creds: Credentials;
let counter = 0;
const unique = (stem: string) => `${stem}-${(counter += 1)}`;

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { [HZ]: 0, [BJ]: 0 },
    credentials: [{ accessKeyId: 'LTAI-main', accessKeySecret: 'main-secret' }, STS],
  });
  creds = emulator.credentials[0]!;
});

afterAll(async () => {
  await emulator?.stop();
});

const oss = (req: RawRequest, region = HZ): Promise<RawResponse> => rawOss(emulator.endpoints[region]!, region, creds, req);
const tag = (body: string, name: string) => body.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];

async function newBucket(region = HZ): Promise<string> {
  const name = unique('bkt');
  expect((await oss({ method: 'PUT', bucket: name }, region)).status).toBe(200);
  return name;
}

const put = (bucket: string, key: string, body: string, headers: Record<string, string> = {}) =>
  oss({ method: 'PUT', bucket, key, body, headers: { 'content-type': 'text/plain', ...headers } });

describe('PutBucket', () => {
  it('answers 200 with Location: /<bucket>', async () => {
    const name = unique('loc');
    const res = await oss({ method: 'PUT', bucket: name });
    expect(res.status).toBe(200);
    expect(res.headers.location).toBe(`/${name}`);
  });

  it('answers 200 when the owner creates the same bucket again', async () => {
    const name = await newBucket();
    expect((await oss({ method: 'PUT', bucket: name })).status).toBe(200);
  });

  it('refuses to change the storage class of an existing bucket with 409 BucketAlreadyExists', async () => {
    const name = await newBucket();
    const res = await oss({
      method: 'PUT',
      bucket: name,
      body: '<CreateBucketConfiguration><StorageClass>IA</StorageClass></CreateBucketConfiguration>',
    });
    expect(res.status).toBe(409);
    expect(errorCode(res.body)).toBe('BucketAlreadyExists');
    expect(tag(res.body, 'Message')).toBe("Cannot modify existing bucket's storage class.");
  });

  it('refuses to re-create a bucket in another region with 409 BucketAlreadyExists', async () => {
    const name = await newBucket(HZ);
    const res = await oss({ method: 'PUT', bucket: name }, BJ);
    expect(res.status).toBe(409);
    expect(tag(res.body, 'Message')).toBe("Bucket already exists can't modify location.");
  });

  it('rejects an unknown x-oss-acl with InvalidArgument naming the argument', async () => {
    const res = await oss({ method: 'PUT', bucket: unique('acl'), headers: { 'x-oss-acl': 'public' } });
    expect(res.status).toBe(400);
    expect([errorCode(res.body), tag(res.body, 'ArgumentName'), tag(res.body, 'ArgumentValue')]).toEqual([
      'InvalidArgument',
      'x-oss-acl',
      'public',
    ]);
  });

  it('rejects an invalid bucket name with InvalidBucketName', async () => {
    const res = await oss({ method: 'PUT', bucket: 'Bad_Name' });
    expect(errorCode(res.body)).toBe('InvalidBucketName');
  });

  it('creates the bucket in the region of the port that received the request', async () => {
    const name = await newBucket(BJ);
    const res = await oss({ method: 'GET', bucket: name, query: [['location', null]] }, BJ);
    expect(tag(res.body.replace(/ xmlns="[^"]*"/, ''), 'LocationConstraint')).toBe(`oss-${BJ}`);
  });

  it('answers AccessDenied with the right Endpoint for a bucket addressed through another region', async () => {
    const name = await newBucket(BJ);
    const res = await oss({ method: 'GET', bucket: name, query: [['bucketInfo', null]] }, HZ);
    expect(res.status).toBe(403);
    expect(tag(res.body, 'Endpoint')).toBe(`oss-${BJ}.aliyuncs.com`);
  });
});

describe('DeleteBucket and ListBuckets', () => {
  it('refuses to delete a bucket with objects with 409 BucketNotEmpty', async () => {
    const name = await newBucket();
    await put(name, 'k', 'v');
    const res = await oss({ method: 'DELETE', bucket: name });
    expect([res.status, errorCode(res.body)]).toEqual([409, 'BucketNotEmpty']);
  });

  it('pages ListBuckets with prefix, max-keys and NextMarker, with paging fields only when truncated', async () => {
    const names = ['lb-page-a', 'lb-page-b', 'lb-page-c'];
    for (const name of names) await oss({ method: 'PUT', bucket: name });
    const first = await oss({
      method: 'GET',
      query: [
        ['prefix', 'lb-page-'],
        ['max-keys', '2'],
      ],
    });
    expect([...first.body.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1])).toEqual(['lb-page-a', 'lb-page-b']);
    expect([tag(first.body, 'IsTruncated'), tag(first.body, 'NextMarker')]).toEqual(['true', 'lb-page-b']);
    const rest = await oss({
      method: 'GET',
      query: [
        ['prefix', 'lb-page-'],
        ['marker', 'lb-page-b'],
      ],
    });
    expect([...rest.body.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1])).toEqual(['lb-page-c']);
    expect(rest.body).not.toContain('<IsTruncated>');
  });
});

describe('bucket tags', () => {
  const tagging = (pairs: Array<[string, string]>) =>
    `<Tagging><TagSet>${pairs.map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join('')}</TagSet></Tagging>`;
  const putTags = (bucket: string, pairs: Array<[string, string]>) =>
    oss({ method: 'PUT', bucket, query: [['tagging', null]], body: tagging(pairs) });

  it.each<[string, Array<[string, string]>]>([
    ['more than 20 tags', Array.from({ length: 21 }, (_, i): [string, string] => [`k${i}`, 'v'])],
    ['a key longer than 64 bytes', [['k'.repeat(65), 'v']]],
    ['a value longer than 128 bytes', [['k', 'v'.repeat(129)]]],
    ['a key starting with Aliyun', [['aliyun-x', 'v']]],
    ['a key starting with acs', [['ACS:thing', 'v']]],
    ['a key starting with http://', [['http://x', 'v']]],
  ])('rejects %s with 400 InvalidTag', async (_label, pairs) => {
    const res = await putTags(await newBucket(), pairs);
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidTag']);
  });

  it('deletes only the listed keys with ?tagging=k1,k2 and answers 204', async () => {
    const name = await newBucket();
    await putTags(name, [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    const res = await oss({ method: 'DELETE', bucket: name, query: [['tagging', 'a,c']] });
    expect(res.status).toBe(204);
    const left = await oss({ method: 'GET', bucket: name, query: [['tagging', null]] });
    expect([...left.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1])).toEqual(['b']);
  });

  it('answers MalformedXML for a tag document that is not well-formed', async () => {
    const res = await oss({ method: 'PUT', bucket: await newBucket(), query: [['tagging', null]], body: '<Tagging><TagSet><Tag>' });
    expect(errorCode(res.body)).toBe('MalformedXML');
  });

  it('answers EntityTooLarge for a configuration document over 1 MB', async () => {
    const res = await oss({
      method: 'PUT',
      bucket: await newBucket(),
      query: [['tagging', null]],
      body: `<Tagging>${' '.repeat(1024 * 1024)}</Tagging>`,
    });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'EntityTooLarge']);
  });
});

describe('versioning', () => {
  const setVersioning = (bucket: string, status: string) =>
    oss({
      method: 'PUT',
      bucket,
      query: [['versioning', null]],
      body: `<VersioningConfiguration><Status>${status}</Status></VersioningConfiguration>`,
    });

  it('rejects an unknown status with InvalidArgument', async () => {
    const res = await setVersioning(await newBucket(), 'On');
    expect(errorCode(res.body)).toBe('InvalidArgument');
  });

  it('gives each put on an Enabled bucket its own x-oss-version-id and keeps old versions readable', async () => {
    const name = await newBucket();
    await setVersioning(name, 'Enabled');
    const v1 = (await put(name, 'k', 'one')).headers['x-oss-version-id'];
    const v2 = (await put(name, 'k', 'two')).headers['x-oss-version-id'];
    expect(v1).not.toBe(v2);
    expect((await oss({ method: 'GET', bucket: name, key: 'k', query: [['versionId', v1!]] })).body).toBe('one');
  });

  it('answers a delete on a versioned bucket with x-oss-delete-marker, and HEAD then 404', async () => {
    const name = await newBucket();
    await setVersioning(name, 'Enabled');
    await put(name, 'k', 'one');
    const del = await oss({ method: 'DELETE', bucket: name, key: 'k' });
    expect([del.status, del.headers['x-oss-delete-marker']]).toEqual([204, 'true']);
    expect(del.headers['x-oss-version-id']).toBeTruthy();
    expect((await oss({ method: 'HEAD', bucket: name, key: 'k' })).status).toBe(404);
  });

  it('uses version id null on a Suspended bucket', async () => {
    const name = await newBucket();
    await setVersioning(name, 'Enabled');
    await setVersioning(name, 'Suspended');
    expect((await put(name, 'k', 'x')).headers['x-oss-version-id']).toBe('null');
  });
});

describe('objects', () => {
  it('answers ETag (quoted uppercase MD5), Content-MD5 and the CRC64 OSS computes', async () => {
    const name = await newBucket();
    const res = await put(name, 'crc', '123456789');
    expect(res.headers.etag).toBe(`"${createHash('md5').update('123456789').digest('hex').toUpperCase()}"`);
    expect(res.headers['x-oss-hash-crc64ecma']).toBe('11051210869376104954');
  });

  it('keeps x-oss-meta-* headers lower-cased and returns them on GET with Content-Type and Last-Modified', async () => {
    const name = await newBucket();
    await put(name, 'm', 'x', { 'x-oss-meta-Project': 'Apollo', 'content-type': 'image/png' });
    const res = await oss({ method: 'GET', bucket: name, key: 'm' });
    expect([res.headers['x-oss-meta-project'], res.headers['content-type']]).toEqual(['Apollo', 'image/png']);
    expect(Date.parse(res.headers['last-modified'] ?? '')).not.toBeNaN();
  });

  it('rejects a body that does not match Content-MD5 with InvalidDigest', async () => {
    const res = await put(await newBucket(), 'k', 'actual', { 'content-md5': createHash('md5').update('other').digest('base64') });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidDigest']);
  });

  it('refuses to overwrite with x-oss-forbid-overwrite: true, answering 409 FileAlreadyExists', async () => {
    const name = await newBucket();
    await put(name, 'once', 'first');
    const res = await put(name, 'once', 'second', { 'x-oss-forbid-overwrite': 'true' });
    expect([res.status, errorCode(res.body)]).toEqual([409, 'FileAlreadyExists']);
  });

  it('rejects a key that starts with a backslash with InvalidObjectName', async () => {
    const res = await put(await newBucket(), '\\bad', 'x');
    expect(errorCode(res.body)).toBe('InvalidObjectName');
  });

  it('answers a CopyObject whose source key is missing with 404 NoSuchKey and stores nothing', async () => {
    const name = await newBucket();
    const res = await put(name, 'copy', '', { 'x-oss-copy-source': `/${name}/other` });
    expect([res.status, errorCode(res.body)]).toEqual([404, 'NoSuchKey']);
    expect((await oss({ method: 'GET', bucket: name, key: 'copy' })).status).toBe(404);
  });

  it('answers DeleteObject with 204 even when the key does not exist', async () => {
    expect((await oss({ method: 'DELETE', bucket: await newBucket(), key: 'never' })).status).toBe(204);
  });

  it('puts the HEAD error XML base64-encoded in x-oss-err with x-oss-ec', async () => {
    const res = await oss({ method: 'HEAD', bucket: await newBucket(), key: 'missing' });
    const decoded = Buffer.from(res.headers['x-oss-err'] ?? '', 'base64').toString('utf8');
    expect(errorCode(decoded)).toBe('NoSuchKey');
    expect(tag(decoded, 'RequestId')).toBe(res.headers['x-oss-request-id']);
    expect(res.headers['x-oss-ec']).toBe('0026-00000001');
  });

  it('lists with ListObjectsV2 continuation tokens until the last page', async () => {
    const name = await newBucket();
    for (const key of ['a', 'b', 'c']) await put(name, key, key);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const query: Array<[string, string | null]> = [
        ['list-type', '2'],
        ['max-keys', '2'],
        ...(token ? [['continuation-token', token] as [string, string]] : []),
      ];
      const page = await oss({ method: 'GET', bucket: name, query });
      keys.push(...[...page.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!));
      token = tag(page.body, 'NextContinuationToken');
    } while (token);
    expect(keys).toEqual(['a', 'b', 'c']);
  });

  it('URL-encodes keys in listings with encoding-type=url', async () => {
    const name = await newBucket();
    await put(name, 'with space/é', 'x');
    const res = await oss({ method: 'GET', bucket: name, query: [['encoding-type', 'url']] });
    expect(tag(res.body, 'Key')).toBe(encodeURIComponent('with space/é'));
  });
});

describe('authentication', () => {
  it('echoes StringToSign, its bytes, the provided signature and the key id on SignatureDoesNotMatch', async () => {
    const res = await rawOss(emulator.endpoints[HZ]!, HZ, { ...creds, accessKeySecret: 'wrong' }, { method: 'GET' }, 'v1');
    expect(errorCode(res.body)).toBe('SignatureDoesNotMatch');
    const stringToSign = tag(res.body, 'StringToSign') ?? '';
    expect(tag(res.body, 'StringToSignBytes')).toBe([...Buffer.from(stringToSign)].map((b) => b.toString(16).padStart(2, '0')).join(' '));
    expect(tag(res.body, 'OSSAccessKeyId')).toBe(creds.accessKeyId);
    expect(tag(res.body, 'SignatureProvided')).toBeTruthy();
  });

  it('rejects a request dated more than 15 minutes away with RequestTimeTooSkewed', async () => {
    const res = await rawOss(emulator.endpoints[HZ]!, HZ, creds, { method: 'GET' }, 'v4', new Date(Date.now() - 16 * 60 * 1000));
    expect([res.status, errorCode(res.body)]).toEqual([403, 'RequestTimeTooSkewed']);
  });

  it('accepts STS credentials with their security token', async () => {
    const res = await rawOss(emulator.endpoints[HZ]!, HZ, STS, { method: 'GET' });
    expect(res.status).toBe(200);
  });

  it('rejects STS credentials whose token is missing', async () => {
    const res = await rawOss(
      emulator.endpoints[HZ]!,
      HZ,
      { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret },
      { method: 'GET' },
    );
    expect(res.status).toBe(403);
  });

  it('serves a V1 presigned GET URL', async () => {
    const name = await newBucket();
    await put(name, 'shared.txt', 'presigned');
    const query = presignV1(
      { method: 'GET', bucket: name, key: 'shared.txt', query: [], headers: {} },
      creds,
      Math.floor(Date.now() / 1000) + 60,
    );
    const res = await unsigned(emulator.endpoints[HZ]!, { method: 'GET', bucket: name, key: 'shared.txt', query });
    expect([res.status, res.body]).toEqual([200, 'presigned']);
  });

  it('serves a V4 presigned GET URL', async () => {
    const name = await newBucket();
    await put(name, 'shared.txt', 'presigned v4');
    const query = presignV4({ method: 'GET', bucket: name, key: 'shared.txt', query: [], headers: {} }, creds, {
      region: HZ,
      now: new Date(),
      expiresSeconds: 60,
    });
    const res = await unsigned(emulator.endpoints[HZ]!, { method: 'GET', bucket: name, key: 'shared.txt', query });
    expect([res.status, res.body]).toEqual([200, 'presigned v4']);
  });

  /** A V4 request signed with the right secret but the given scope region and product. */
  async function scopedAs(region: string, product: string): Promise<RawResponse> {
    const headers = signRequest({ method: 'GET', query: [], headers: {} }, creds, { version: 'v4', region, product, now: new Date() });
    const res = await fetch(`${emulator.endpoints[HZ]!}/`, { headers });
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
  }

  it('rejects a V4 scope for another region with 400 InvalidArgument', async () => {
    const res = await scopedAs(BJ, 'oss');
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('rejects a V4 scope for another region under a product other than oss with 400 InvalidArgument', async () => {
    const res = await scopedAs('us-east-1', 'xyz');
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('rejects a V4 CloudBox scope on a regional port with 400 InvalidArgument', async () => {
    const res = await scopedAs(BJ, 'oss-cloudbox');
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('echoes the V4 string to sign (algorithm, timestamp, scope, canonical request hash) on SignatureDoesNotMatch', async () => {
    const res = await rawOss(emulator.endpoints[HZ]!, HZ, { ...creds, accessKeySecret: 'wrong' }, { method: 'GET' }, 'v4');
    expect([res.status, errorCode(res.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(tag(res.body, 'StringToSign')).toMatch(
      /^OSS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request\n[0-9a-f]{64}$/,
    );
  });

  it('echoes the V1 string to sign the server computed (method, date, resource) on SignatureDoesNotMatch', async () => {
    const name = await newBucket();
    const res = await rawOss(
      emulator.endpoints[HZ]!,
      HZ,
      { ...creds, accessKeySecret: 'wrong' },
      { method: 'GET', bucket: name, query: [['tagging', null]] },
      'v1',
    );
    const sent = new Date(res.headers.date ?? '');
    expect(errorCode(res.body)).toBe('SignatureDoesNotMatch');
    expect(tag(res.body, 'StringToSign')?.split('\n')).toEqual(['GET', '', '', expect.stringMatching(/GMT$/), `/${name}/?tagging`]);
    expect(Math.abs(Date.parse(tag(res.body, 'StringToSign')?.split('\n')[3] ?? '') - sent.getTime())).toBeLessThan(60_000);
  });

  it.each([
    ['V1, 16 minutes ahead', 'v1', 16],
    ['V4, 16 minutes ahead', 'v4', 16],
    ['V1, 16 minutes behind', 'v1', -16],
  ] as const)('rejects a request dated %s with RequestTimeTooSkewed', async (_label, version, minutes) => {
    const res = await rawOss(emulator.endpoints[HZ]!, HZ, creds, { method: 'GET' }, version, new Date(Date.now() + minutes * 60 * 1000));
    expect([res.status, errorCode(res.body)]).toEqual([403, 'RequestTimeTooSkewed']);
  });

  it('accepts a request dated 14 minutes away', async () => {
    const res = await rawOss(emulator.endpoints[HZ]!, HZ, creds, { method: 'GET' }, 'v4', new Date(Date.now() - 14 * 60 * 1000));
    expect(res.status).toBe(200);
  });

  it('rejects a V1 presigned URL used for another key with SignatureDoesNotMatch', async () => {
    const name = await newBucket();
    await put(name, 'other.txt', 'not shared');
    const query = presignV1(
      { method: 'GET', bucket: name, key: 'shared.txt', query: [], headers: {} },
      creds,
      Math.floor(Date.now() / 1000) + 60,
    );
    const res = await unsigned(emulator.endpoints[HZ]!, { method: 'GET', bucket: name, key: 'other.txt', query });
    expect([res.status, errorCode(res.body)]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('rejects a V4 presigned URL used for another key with SignatureDoesNotMatch', async () => {
    const name = await newBucket();
    await put(name, 'other.txt', 'not shared');
    const query = presignV4({ method: 'GET', bucket: name, key: 'shared.txt', query: [], headers: {} }, creds, {
      region: HZ,
      now: new Date(),
      expiresSeconds: 60,
    });
    const res = await unsigned(emulator.endpoints[HZ]!, { method: 'GET', bucket: name, key: 'other.txt', query });
    expect([res.status, errorCode(res.body)]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('rejects an expired V1 presigned URL with AccessDenied', async () => {
    const name = await newBucket();
    const query = presignV1({ method: 'GET', bucket: name, key: 'x', query: [], headers: {} }, creds, Math.floor(Date.now() / 1000) - 10);
    const res = await unsigned(emulator.endpoints[HZ]!, { method: 'GET', bucket: name, key: 'x', query });
    expect([res.status, errorCode(res.body)]).toEqual([403, 'AccessDenied']);
  });
});

describe('CopyObject wire details', () => {
  const copy = (bucket: string, key: string, headers: Record<string, string>, region = HZ) =>
    oss({ method: 'PUT', bucket, key, headers }, region);

  it('answers 200 with a CopyObjectResult (quoted ETag, LastModified to the second) and the copy reads back', async () => {
    const name = await newBucket();
    await put(name, 'src.txt', 'copied bytes');
    const res = await copy(name, 'dst.txt', { 'x-oss-copy-source': `/${name}/src.txt` });
    expect(res.status).toBe(200);
    expect(tag(res.body, 'ETag')).toBe(`"${createHash('md5').update('copied bytes').digest('hex').toUpperCase()}"`);
    expect(tag(res.body, 'LastModified')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect((await oss({ method: 'GET', bucket: name, key: 'dst.txt' })).body).toBe('copied bytes');
  });

  it('reads a percent-encoded source key (ali-oss encodes "/" too) and takes the source without a leading slash', async () => {
    const name = await newBucket();
    await put(name, 'dir/a b+c.txt', 'encoded');
    expect((await copy(name, 'one', { 'x-oss-copy-source': `/${name}/dir%2Fa%20b%2Bc.txt` })).status).toBe(200);
    expect((await copy(name, 'two', { 'x-oss-copy-source': `${name}/dir/a%20b%2Bc.txt` })).status).toBe(200);
    expect((await oss({ method: 'GET', bucket: name, key: 'two' })).body).toBe('encoded');
  });

  it.each([
    ['no key', (b: string) => `/${b}/`],
    ['no bucket', () => '/only-a-key'],
    ['a malformed escape', (b: string) => `/${b}/%E0%A4%A`],
  ])('answers InvalidArgument for a copy source with %s', async (_label, source) => {
    const name = await newBucket();
    const res = await copy(name, 'dst', { 'x-oss-copy-source': source(name) });
    expect([res.status, errorCode(res.body), tag(res.body, 'ArgumentName')]).toEqual([400, 'InvalidArgument', 'x-oss-copy-source']);
  });

  it('answers 404 NoSuchBucket, naming the source bucket, when the source bucket does not exist', async () => {
    const name = await newBucket();
    const res = await copy(name, 'dst', { 'x-oss-copy-source': '/no-such-source-bucket/k' });
    expect([res.status, errorCode(res.body), tag(res.body, 'BucketName')]).toEqual([404, 'NoSuchBucket', 'no-such-source-bucket']);
  });

  it('refuses a source bucket in another region with InvalidArgument (copies stay within one region)', async () => {
    const there = await newBucket(BJ);
    await oss({ method: 'PUT', bucket: there, key: 'k', body: 'x' }, BJ);
    const here = await newBucket();
    const res = await copy(here, 'dst', { 'x-oss-copy-source': `/${there}/k` });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('checks x-oss-copy-source-if-match (412) and -if-none-match (304) against the source', async () => {
    const name = await newBucket();
    await put(name, 'src', 'x');
    const source = `/${name}/src`;
    expect(
      (await copy(name, 'dst', { 'x-oss-copy-source': source, 'x-oss-copy-source-if-match': '"00000000000000000000000000000000"' })).status,
    ).toBe(412);
    const etag = createHash('md5').update('x').digest('hex').toUpperCase();
    expect((await copy(name, 'dst', { 'x-oss-copy-source': source, 'x-oss-copy-source-if-none-match': `"${etag}"` })).status).toBe(304);
    expect((await oss({ method: 'GET', bucket: name, key: 'dst' })).status).toBe(404);
  });

  it('refuses an unknown x-oss-metadata-directive with InvalidArgument', async () => {
    const name = await newBucket();
    await put(name, 'src', 'x');
    const res = await copy(name, 'dst', { 'x-oss-copy-source': `/${name}/src`, 'x-oss-metadata-directive': 'MERGE' });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('honours x-oss-forbid-overwrite on an unversioned destination (409 FileAlreadyExists)', async () => {
    const name = await newBucket();
    await put(name, 'src', 'x');
    await put(name, 'dst', 'already here');
    const res = await copy(name, 'dst', { 'x-oss-copy-source': `/${name}/src`, 'x-oss-forbid-overwrite': 'true' });
    expect([res.status, errorCode(res.body)]).toEqual([409, 'FileAlreadyExists']);
  });
});

describe('GetObjectMeta wire details', () => {
  const meta = (bucket: string, key: string) => oss({ method: 'HEAD', bucket, key, query: [['objectMeta', null]] });
  const decodedErr = (res: RawResponse) => Buffer.from(res.headers['x-oss-err'] ?? '', 'base64').toString('utf8');

  it('answers only the short head: no Content-Type, no user metadata', async () => {
    const name = await newBucket();
    await put(name, 'k', 'hello', { 'x-oss-meta-owner': 'alice' });
    const res = await meta(name, 'k');
    expect([res.status, res.body, res.headers['content-length'], res.headers['x-oss-meta-owner'], res.headers['content-type']]).toEqual([
      200,
      '',
      '5',
      undefined,
      undefined,
    ]);
  });

  it('answers a missing key and a missing bucket with 404 and the error XML in x-oss-err', async () => {
    const name = await newBucket();
    const noKey = await meta(name, 'nothing');
    expect([noKey.status, tag(decodedErr(noKey), 'Code'), noKey.headers['x-oss-ec']]).toEqual([404, 'NoSuchKey', '0026-00000001']);
    const noBucket = await meta(unique('gone'), 'k');
    expect([noBucket.status, tag(decodedErr(noBucket), 'Code'), noBucket.headers['x-oss-ec']]).toEqual([
      404,
      'NoSuchBucket',
      '0015-00000101',
    ]);
  });

  it('answers other methods on ?objectMeta with 405 MethodNotAllowed', async () => {
    const name = await newBucket();
    await put(name, 'k', 'x');
    const res = await oss({ method: 'GET', bucket: name, key: 'k', query: [['objectMeta', null]] });
    expect([res.status, errorCode(res.body)]).toEqual([405, 'MethodNotAllowed']);
  });
});
