/**
 * Keys come back in OSS's order, UTF-8 bytes, through ali-oss: ListObjects, ListObjectsV2 and
 * ListObjectVersions, whole and one key per page (markers, continuation tokens, start-after, key
 * markers), with and without a delimiter. `a｡` (U+FF61) sorts before `a😀` (U+1F600) in UTF-8 and
 * after it in UTF-16, the order the emulator used to list in.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { aliOss, type AliOssClient } from './helpers/aliOss';

/** Byte order; written out rather than sorted, so the test does not share the code it checks. */
const KEYS = ['a', 'a\u{ff61}', 'a\u{ffff}x', 'a\u{10000}', 'a😀', 'a😀/1', 'a😀/2', 'b'];

let emulator: RunningEmulator;
let oss: AliOssClient;

beforeAll(async () => {
  emulator = await startEmulator({ regions: { 'cn-hangzhou': 0 } });
  const bucket = 'key-order';
  await aliOss(emulator, true).putBucket(bucket);
  oss = aliOss(emulator, true, bucket);
  for (const key of [...KEYS].reverse()) await oss.put(key, Buffer.from(key));
});
afterAll(async () => {
  await emulator?.stop();
});

it('ListObjects lists keys in UTF-8 byte order, and one key per page through NextMarker loses and repeats none', async () => {
  expect((await oss.list({ 'max-keys': 100 }, {})).objects.map((o) => o.name)).toEqual(KEYS);
  const paged: string[] = [];
  let marker: string | undefined;
  for (let i = 0; i < KEYS.length + 1; i++) {
    const page = await oss.list({ 'max-keys': 1, ...(marker ? { marker } : {}) }, {});
    paged.push(...page.objects.map((o) => o.name));
    if (!page.isTruncated) break;
    marker = page.nextMarker as string;
  }
  expect(paged).toEqual(KEYS);
});

it('ListObjectsV2 pages through continuation tokens in byte order, and start-after resumes after a key by that order', async () => {
  const paged: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < KEYS.length + 1; i++) {
    const page = await oss.listV2({ 'max-keys': 1, ...(token ? { 'continuation-token': token } : {}) }, {});
    paged.push(...page.objects.map((o) => o.name));
    if (!page.isTruncated) break;
    token = page.nextContinuationToken as string;
  }
  expect(paged).toEqual(KEYS);
  expect((await oss.listV2({ 'start-after': 'a\u{ff61}', 'max-keys': 100 }, {})).objects.map((o) => o.name)).toEqual(KEYS.slice(2));
});

it('groups common prefixes and the keys beside them in byte order', async () => {
  const page = await oss.listV2({ delimiter: '/', 'max-keys': 100 }, {});
  expect(page.objects.map((o) => o.name)).toEqual(['a', 'a\u{ff61}', 'a\u{ffff}x', 'a\u{10000}', 'a😀', 'b']);
  expect(page.prefixes).toEqual(['a😀/']);
});

it('ListObjectVersions lists and pages by key-marker in byte order', async () => {
  expect((await oss.getBucketVersions({ 'max-keys': '100' })).objects.map((o) => o.name)).toEqual(KEYS);
  const paged: string[] = [];
  let keyMarker: string | undefined;
  for (let i = 0; i < KEYS.length + 1; i++) {
    const page = await oss.getBucketVersions({ 'max-keys': '1', ...(keyMarker ? { keyMarker } : {}) });
    paged.push(...page.objects.map((o) => o.name));
    if (!page.isTruncated) break;
    keyMarker = page.nextKeyMarker as string;
  }
  expect(paged).toEqual(KEYS);
});
