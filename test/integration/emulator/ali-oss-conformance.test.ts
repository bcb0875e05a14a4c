/**
 * The official ali-oss SDK cannot tell the emulator from OSS for the calls this project uses.
 * ali-oss pointed at an IP endpoint sends `Host: <bucket>.oss-<region>.aliyuncs.com` with the key as
 * the path (virtual-host addressing by Host header), and signs V1 or, with authorizationV4, V4.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { aliOss, failure, REGION, type AliOssClient } from './helpers/aliOss';

function suite(label: string, authorizationV4: boolean): void {
  describe(`ali-oss ${label} against the emulator`, () => {
    let emulator: RunningEmulator;
    let client: AliOssClient;
    /** ali-oss with other keys (wrong secret, unknown key), optionally bound to a bucket. */
    const clientWith = (accessKeyId: string, accessKeySecret: string, bucket?: string): AliOssClient =>
      aliOss(emulator, authorizationV4, bucket, REGION, { accessKeyId, accessKeySecret });
    const bucketName = (stem: string) => `${stem}-${authorizationV4 ? 'v4' : 'v1'}`;

    beforeAll(async () => {
      emulator = await startEmulator({ regions: { [REGION]: 0 } });
      const c = emulator.credentials[0]!;
      client = clientWith(c.accessKeyId, c.accessKeySecret);
    });

    afterAll(async () => {
      await emulator?.stop();
    });

    it('creates a bucket, lists it, and deletes it', async () => {
      const name = bucketName('life');
      const created = await client.putBucket(name);
      expect(created.bucket).toBe(name);
      const listed = await client.listBuckets({});
      expect((listed.buckets ?? []).map((b) => b.name)).toContain(name);
      await client.deleteBucket(name);
      const after = await client.listBuckets({});
      expect((after.buckets ?? []).map((b) => b.name)).not.toContain(name);
    });

    it('reports the bucket region in the bucket list', async () => {
      const name = bucketName('region');
      await client.putBucket(name);
      const listed = await client.listBuckets({ prefix: name });
      expect(listed.buckets?.[0]).toMatchObject({ name, region: `oss-${REGION}` });
    });

    it('puts, reads and deletes bucket tags', async () => {
      const name = bucketName('tags');
      await client.putBucket(name);
      await client.putBucketTags(name, { env: 'prod', team: 'storage' });
      expect((await client.getBucketTags(name)).tag).toEqual({ env: 'prod', team: 'storage' });
      await client.deleteBucketTags(name);
      expect((await client.getBucketTags(name)).tag).toEqual({});
    });

    it('replaces the whole tag set on a second put', async () => {
      const name = bucketName('retag');
      await client.putBucket(name);
      await client.putBucketTags(name, { a: '1', b: '2' });
      await client.putBucketTags(name, { a: '3' });
      expect((await client.getBucketTags(name)).tag).toEqual({ a: '3' });
    });

    it('reads no versioning status for a new bucket, then Enabled after enabling it', async () => {
      const name = bucketName('ver');
      await client.putBucket(name);
      expect((await client.getBucketVersioning(name)).versionStatus).toBeUndefined();
      await client.putBucketVersioning(name, 'Enabled');
      expect((await client.getBucketVersioning(name)).versionStatus).toBe('Enabled');
    });

    it('round-trips an object with content type and metadata through put, get and head', async () => {
      const name = bucketName('obj');
      await client.putBucket(name);
      const c = emulator.credentials[0]!;
      const objects = clientWith(c.accessKeyId, c.accessKeySecret, name);
      await objects.put('dir/hello.txt', Buffer.from('hello world'), { mime: 'text/plain', meta: { owner: 'alice' } });
      const got = await objects.get('dir/hello.txt');
      expect(got.content.toString()).toBe('hello world');
      const head = await objects.head('dir/hello.txt');
      expect(head.meta).toEqual({ owner: 'alice' });
      expect(head.res.headers['content-type']).toBe('text/plain');
      expect(head.res.headers.etag).toBe('"5EB63BBBE01EEED093CB22BB8F5ACDC3"');
    });

    it('lists objects with a prefix and a delimiter', async () => {
      const name = bucketName('list');
      await client.putBucket(name);
      const c = emulator.credentials[0]!;
      const objects = clientWith(c.accessKeyId, c.accessKeySecret, name);
      for (const key of ['a/1', 'a/2', 'b/1', 'top']) await objects.put(key, Buffer.from(key));
      const all = await objects.list({ 'max-keys': 100 }, {});
      expect(all.objects.map((o) => o.name)).toEqual(['a/1', 'a/2', 'b/1', 'top']);
      const grouped = await objects.list({ delimiter: '/', 'max-keys': 100 }, {});
      expect(grouped.prefixes).toEqual(['a/', 'b/']);
      const v2 = await objects.listV2({ prefix: 'a/', 'max-keys': '1' }, {});
      expect(v2.objects.map((o) => o.name)).toEqual(['a/1']);
      expect(v2.isTruncated).toBe(true);
    });

    it('deletes an object so that HEAD then fails with NoSuchKey decoded from x-oss-err', async () => {
      const name = bucketName('del');
      await client.putBucket(name);
      const c = emulator.credentials[0]!;
      const objects = clientWith(c.accessKeyId, c.accessKeySecret, name);
      await objects.put('gone.txt', Buffer.from('x'));
      await objects.delete('gone.txt');
      const error = await failure(objects.head('gone.txt'));
      expect(error).toMatchObject({ status: 404, code: 'NoSuchKey' });
      expect(error.requestId).toMatch(/^[0-9A-F]{24}$/);
    });

    // ali-oss assumes NoSuchKey for any bodiless 404, and reads x-oss-err for other statuses.
    it('decodes a HEAD error from x-oss-err when the status is not 404 (bad signature)', async () => {
      const name = bucketName('headerr');
      await client.putBucket(name);
      const c = emulator.credentials[0]!;
      const wrong = clientWith(c.accessKeyId, 'not-the-secret', name);
      expect(await failure(wrong.head('k'))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    });

    it('answers a GET on a missing bucket with NoSuchBucket', async () => {
      const c = emulator.credentials[0]!;
      const objects = clientWith(c.accessKeyId, c.accessKeySecret, bucketName('missing'));
      expect(await failure(objects.get('k'))).toMatchObject({ status: 404, code: 'NoSuchBucket' });
    });

    it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
      const c = emulator.credentials[0]!;
      const wrong = clientWith(c.accessKeyId, 'not-the-secret');
      expect(await failure(wrong.listBuckets({}))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    });

    it('rejects an unknown access key with InvalidAccessKeyId', async () => {
      const unknown = clientWith('LTAIunknownkey', 'whatever');
      expect(await failure(unknown.listBuckets({}))).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    });
  });
}

suite('V1', false);
suite('V4', true);
