/**
 * The project's OssClient against the emulator for the calls added beside ali-oss's: GetObjectMeta,
 * ListObjectVersions (every page), GetBucketStat and ListBuckets by tag over several pages.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';

const HZ = 'cn-hangzhou';
let emulator: RunningEmulator;
let oss: OssClient;

beforeAll(async () => {
  emulator = await startEmulator({ regions: { [HZ]: 0 } });
  oss = new OssClient({ region: HZ, credentials: emulator.credentials[0]!, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
});
afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

it('getObjectMeta reads size, ETag and version of the latest object, and NoSuchKey once it is deleted', async () => {
  await oss.putBucket({ bucket: 'meta-client' });
  await oss.putBucketVersioning({ bucket: 'meta-client' }, 'Enabled');
  const put = await oss.putObject({ bucket: 'meta-client', key: 'k', body: 'hello' });
  expect(await oss.getObjectMeta({ bucket: 'meta-client', key: 'k' })).toMatchObject({
    contentLength: 5,
    eTag: put.eTag,
    versionId: put.versionId,
    crc64: put.crc64,
  });
  await oss.deleteObject({ bucket: 'meta-client', key: 'k' });
  await expect(oss.getObjectMeta({ bucket: 'meta-client', key: 'k' })).rejects.toMatchObject({ code: 'NoSuchKey' });
});

it('listObjectVersions pages through every version and marker with the next markers it returns', async () => {
  await oss.putBucket({ bucket: 'versions-client' });
  await oss.putBucketVersioning({ bucket: 'versions-client' }, 'Enabled');
  for (const key of ['a', 'a', 'b', 'c', 'c']) await oss.putObject({ bucket: 'versions-client', key, body: key });
  await oss.deleteObject({ bucket: 'versions-client', key: 'b' });
  const seen: string[] = [];
  let next: { keyMarker?: string; versionIdMarker?: string } = {};
  for (;;) {
    const page = await oss.listObjectVersions({ bucket: 'versions-client', maxKeys: 2, ...next });
    seen.push(...page.versions.map((v) => `${v.key}:${v.isLatest}`), ...page.deleteMarkers.map((m) => `${m.key}:marker`));
    if (!page.isTruncated) break;
    next = { keyMarker: page.nextKeyMarker, versionIdMarker: page.nextVersionIdMarker };
  }
  expect(seen.sort()).toEqual(['a:false', 'a:true', 'b:false', 'b:marker', 'c:false', 'c:true']);
});

it('getBucketStat counts bytes and objects', async () => {
  await oss.putBucket({ bucket: 'stat-client' });
  await oss.putObject({ bucket: 'stat-client', key: 'a', body: '1234' });
  await oss.putObject({ bucket: 'stat-client', key: 'b', body: '56' });
  expect(await oss.getBucketStat({ bucket: 'stat-client' })).toMatchObject({ storage: 6, objectCount: 2, deleteMarkerCount: 0 });
});

it('listBuckets by tag follows every page of the filtered listing', async () => {
  for (const n of [1, 2, 3, 4, 5]) {
    await oss.putBucket({ bucket: `tagpage-${n}` });
    if (n !== 3) await oss.putBucketTags({ bucket: `tagpage-${n}` }, [{ key: 'replication-policy', value: n % 2 === 0 ? 'dr' : 'other' }]);
  }
  expect((await oss.listBuckets({ prefix: 'tagpage-', tagKey: 'replication-policy', pageSize: 1 })).map((b) => b.name)).toEqual([
    'tagpage-1',
    'tagpage-2',
    'tagpage-4',
    'tagpage-5',
  ]);
  expect((await oss.listBuckets({ tagKey: 'replication-policy', tagValue: 'dr', pageSize: 1 })).map((b) => b.name)).toEqual([
    'tagpage-2',
    'tagpage-4',
  ]);
  expect(emulator.admin.requests({ operation: 'ListBuckets' })).toHaveLength(4 + 2); // one request per page
});
