/**
 * The object calls the official ali-oss SDK relies on, against the emulator, V1 and V4:
 * GetObjectMeta (what "does this object exist" is built on), CopyObject (COPY and REPLACE, onto
 * itself too), ListObjectVersions (paging through versions and delete markers, enough to prove a
 * clean-up) and GetBucketStat.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { aliOss, failure, OSS_XML_TIME, type AliOssClient, type VersionsPage } from './helpers/aliOss';

const MD5_HELLO = '5D41402ABC4B2A76B9719D911017C592'; // md5('hello')

function suite(label: string, v4: boolean): void {
  describe(`ali-oss ${label}: object calls`, () => {
    let emulator: RunningEmulator;
    let service: AliOssClient;
    let counter = 0;
    const unique = (stem: string) => `${stem}-${v4 ? 'v4' : 'v1'}-${(counter += 1)}`;
    /** A new bucket (versioned if asked) and ali-oss bound to it. */
    async function bucket(stem: string, versioned = false): Promise<{ name: string; oss: AliOssClient }> {
      const name = unique(stem);
      await service.putBucket(name);
      if (versioned) await service.putBucketVersioning(name, 'Enabled');
      return { name, oss: aliOss(emulator, v4, name) };
    }

    beforeAll(async () => {
      emulator = await startEmulator({ regions: { 'cn-hangzhou': 0 } });
      service = aliOss(emulator, v4);
    });
    afterAll(async () => {
      await emulator?.stop();
    });

    describe('getObjectMeta', () => {
      it('answers 200 with ETag, Content-Length, Last-Modified and CRC64, and no body', async () => {
        const { oss } = await bucket('meta');
        await oss.put('dir/hello.txt', Buffer.from('hello'));
        const { status, res } = await oss.getObjectMeta('dir/hello.txt');
        expect(status).toBe(200);
        expect(res.headers).toMatchObject({
          etag: `"${MD5_HELLO}"`,
          'content-length': '5',
          'x-oss-hash-crc64ecma': expect.stringMatching(/^\d+$/),
        });
        expect(Date.parse(res.headers['last-modified']!)).toBeGreaterThan(0);
        expect(res.headers['x-oss-version-id']).toBeUndefined();
      });

      it('reports the version id on a versioned bucket and reads an older version when asked', async () => {
        const { oss } = await bucket('metaver', true);
        const first = (await oss.put('k', Buffer.from('hello'))).res.headers['x-oss-version-id']!;
        const second = (await oss.put('k', Buffer.from('a longer body'))).res.headers['x-oss-version-id']!;
        expect((await oss.getObjectMeta('k')).res.headers['x-oss-version-id']).toBe(second);
        const old = (await oss.getObjectMeta('k', { versionId: first })).res.headers;
        expect([old['x-oss-version-id'], old.etag, old['content-length']]).toEqual([first, `"${MD5_HELLO}"`, '5']);
      });

      it('fails with 404 NoSuchKey for a missing key and for a key whose latest version is a delete marker', async () => {
        const { oss } = await bucket('metagone', true);
        expect(await failure(oss.getObjectMeta('never'))).toMatchObject({ status: 404, code: 'NoSuchKey' });
        await oss.put('k', Buffer.from('x'));
        await oss.delete('k');
        expect(await failure(oss.getObjectMeta('k'))).toMatchObject({ status: 404, code: 'NoSuchKey' });
      });

      // ali-oss names every bodiless HEAD 404 NoSuchKey; the x-oss-err it carries is checked raw (buckets-and-objects).
      it('fails with 404 and a request id for a missing bucket', async () => {
        const oss = aliOss(emulator, v4, unique('no-such'));
        expect(await failure(oss.getObjectMeta('k'))).toMatchObject({ status: 404, requestId: expect.stringMatching(/^[0-9A-F]{24}$/) });
      });
    });

    describe('copy', () => {
      it('copies an object within a bucket with its content type and metadata (COPY)', async () => {
        const { oss } = await bucket('copy');
        await oss.put('src.txt', Buffer.from('hello'), { mime: 'text/plain', meta: { owner: 'alice' } });
        const { data } = await oss.copy('dst.bin', 'src.txt');
        expect(data?.etag).toBe(`"${MD5_HELLO}"`);
        expect(data?.lastModified).toMatch(OSS_XML_TIME);
        expect((await oss.get('dst.bin')).content.toString()).toBe('hello');
        const head = await oss.head('dst.bin');
        expect([head.meta, head.res.headers['content-type']]).toEqual([{ owner: 'alice' }, 'text/plain']);
      });

      it('copies from another bucket of the same region', async () => {
        const from = await bucket('copyfrom');
        const to = await bucket('copyto');
        await from.oss.put('a/b c.txt', Buffer.from('across buckets'));
        await to.oss.copy('copied.txt', 'a/b c.txt', from.name);
        expect((await to.oss.get('copied.txt')).content.toString()).toBe('across buckets');
      });

      it('replaces the metadata of an object copied onto itself (REPLACE) and keeps its bytes', async () => {
        const { oss } = await bucket('selfcopy');
        await oss.put('doc.txt', Buffer.from('hello'), { meta: { stage: 'draft' } });
        await oss.copy('doc.txt', 'doc.txt', { meta: { stage: 'final' } });
        expect((await oss.head('doc.txt')).meta).toEqual({ stage: 'final' });
        expect((await oss.get('doc.txt')).content.toString()).toBe('hello');
      });

      it('on a versioned bucket makes a new version, and copies an older version when asked', async () => {
        const { oss } = await bucket('copyver', true);
        const first = (await oss.put('k', Buffer.from('hello'))).res.headers['x-oss-version-id']!;
        await oss.put('k', Buffer.from('later'));
        const copied = await oss.copy('k', 'k', { versionId: first });
        expect(copied.res.headers['x-oss-copy-source-version-id']).toBe(first);
        expect((await oss.get('k')).content.toString()).toBe('hello');
        expect((await oss.getBucketVersions({ prefix: 'k' })).objects).toHaveLength(3);
      });

      it('fails with 404 NoSuchKey when the source is missing', async () => {
        const { oss } = await bucket('copygone');
        expect(await failure(oss.copy('dst', 'missing'))).toMatchObject({ status: 404, code: 'NoSuchKey' });
      });
    });

    describe('getBucketVersions (ListObjectVersions)', () => {
      it('lists every version and delete marker with IsLatest, keys in order and newest first', async () => {
        const { oss } = await bucket('versions', true);
        const a1 = (await oss.put('a', Buffer.from('1'))).res.headers['x-oss-version-id'];
        const a2 = (await oss.put('a', Buffer.from('22'))).res.headers['x-oss-version-id'];
        const marker = (await oss.delete('a')).res.headers['x-oss-version-id'];
        const b1 = (await oss.put('b', Buffer.from('333'))).res.headers['x-oss-version-id'];
        const page = await oss.getBucketVersions({});
        expect(page.objects.map((o) => [o.name, o.versionId, o.isLatest, o.size])).toEqual([
          ['a', a2, false, 2],
          ['a', a1, false, 1],
          ['b', b1, true, 3],
        ]);
        expect(page.deleteMarker.map((m) => [m.name, m.versionId])).toEqual([['a', marker]]);
        expect([...page.objects, ...page.deleteMarker].every((e) => OSS_XML_TIME.test(e.lastModified))).toBe(true);
        expect(page.isTruncated).toBe(false);
      });

      it('pages with max-keys, key-marker and version-id-marker through exactly the full listing', async () => {
        const { oss } = await bucket('vpages', true);
        for (const key of ['x', 'x', 'y', 'x', 'z']) await oss.put(key, Buffer.from(key));
        await oss.delete('y');
        const full = await oss.getBucketVersions({});
        const all = (p: VersionsPage) => [...p.objects.map((o) => o.versionId), ...p.deleteMarker.map((m) => m.versionId)];
        const walked: string[] = [];
        let query: Record<string, string> = { maxKeys: '2' };
        for (let pages = 0; pages < 10; pages++) {
          const page = await oss.getBucketVersions(query);
          walked.push(...all(page));
          if (!page.isTruncated) break;
          query = { maxKeys: '2', keyMarker: page.nextKeyMarker!, versionIdMarker: page.nextVersionIdMarker! };
        }
        expect(walked.sort()).toEqual(all(full).sort());
        expect(walked).toHaveLength(6);
      });

      it('groups keys under a delimiter into prefixes', async () => {
        const { oss } = await bucket('vdelim', true);
        for (const key of ['logs/1', 'logs/2', 'top']) await oss.put(key, Buffer.from(key));
        const page = await oss.getBucketVersions({ delimiter: '/' });
        expect([page.prefixes, page.objects.map((o) => o.name)]).toEqual([['logs/'], ['top']]);
      });

      it('proves a clean-up: after deleting every listed version the listing is empty and the bucket can go', async () => {
        const { name, oss } = await bucket('vclean', true);
        await oss.put('k', Buffer.from('1'));
        await oss.put('k', Buffer.from('2'));
        await oss.delete('k');
        const page = await oss.getBucketVersions({});
        for (const e of [...page.objects, ...page.deleteMarker]) await oss.delete(e.name, { versionId: e.versionId });
        const after = await oss.getBucketVersions({});
        expect([after.objects, after.deleteMarker]).toEqual([[], []]);
        await service.deleteBucket(name);
      });
    });

    describe('getBucketStat', () => {
      it('reports storage bytes and object counts, noncurrent versions and delete markers included', async () => {
        const { name, oss } = await bucket('stat', true);
        await oss.put('a', Buffer.from('12345'));
        await oss.put('a', Buffer.from('123'));
        await oss.put('b', Buffer.from('1'));
        await oss.delete('b');
        const { stat } = await service.getBucketStat(name);
        expect(stat).toMatchObject({
          Storage: '9',
          ObjectCount: '3',
          StandardStorage: '9',
          StandardObjectCount: '3',
          DeleteMarkerCount: '1',
          MultipartUploadCount: '0',
        });
        expect(Math.abs(Number(stat.LastModifiedTime) - Date.now() / 1000)).toBeLessThan(60);
      });

      it('fails with NoSuchBucket for a missing bucket', async () => {
        expect(await failure(service.getBucketStat(unique('nostat')))).toMatchObject({ status: 404, code: 'NoSuchBucket' });
      });
    });
  });
}

suite('V1', false);
suite('V4', true);
