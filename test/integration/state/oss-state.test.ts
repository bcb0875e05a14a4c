import { startEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { OssDocumentStore } from '../../../shared/state/ossDocumentStore';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { claimEvent } from '../../../shared/state/dedupe';
import { leaseKey } from '../../../shared/state/keys';
import { invalid, valid } from '../../../shared/state/documentChecks';
import type { QuarantineReport } from '../../../shared/state/types';
import { MAX_RESPONSE_BYTES } from '../../../shared/oss/constants';

const REGION = 'cn-hangzhou';
const BUCKET = 'autopilot-state-it';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('OssDocumentStore and leases over the emulator', () => {
  let emulator: Emulator;
  let oss: OssClient;
  let prefixCounter = 0;
  let prefix = '';

  /** Each test gets its own key prefix, so tests never see one another's documents. */
  const freshStore = (options: { listPageSize?: number } = {}): OssDocumentStore => {
    prefix = `t${(prefixCounter += 1)}/`;
    return new OssDocumentStore({ oss, bucket: BUCKET, region: REGION, prefix, ...options });
  };

  beforeAll(async () => {
    emulator = await startEmulator({ regions: { [REGION]: 0 } });
    const credentials = emulator.credentials[0]!;
    oss = new OssClient({ region: REGION, credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
    await oss.putBucket({ bucket: BUCKET });
  });

  afterAll(async () => {
    oss?.destroy();
    await emulator?.stop();
  });

  it('reads back a put document with the ETag OSS reports', async () => {
    const store = freshStore();
    await store.put('doc.json', { answer: 42 });
    const head = await oss.headObject({ bucket: BUCKET, key: `${prefix}doc.json` });
    expect(await store.get('doc.json')).toEqual({ value: { answer: 42 }, eTag: head.eTag });
  });

  it('stores documents as JSON objects', async () => {
    const store = freshStore();
    await store.put('doc.json', { a: [1, 2] });
    const object = await oss.getObject({ bucket: BUCKET, key: `${prefix}doc.json` });
    expect(JSON.parse(object.body.toString('utf8'))).toEqual({ a: [1, 2] });
    expect(object.contentType).toMatch(/^application\/json/);
  });

  it('returns undefined for a missing key (NoSuchKey)', async () => {
    expect(await freshStore().get('missing.json')).toBeUndefined();
  });

  it('create-only write refuses an existing key over HTTP and keeps the first body', async () => {
    const store = freshStore();
    expect(await store.create('once.json', { v: 1 })).toBe(true);
    expect(await store.create('once.json', { v: 2 })).toBe(false);
    expect((await store.get('once.json'))!.value).toEqual({ v: 1 });
  });

  it('lets exactly one of 20 concurrent creates of one key win', async () => {
    const store = freshStore();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create('race.json', { i })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lists keys with the ETag a read of each reports, so a listing tells which documents changed', async () => {
    const store = freshStore({ listPageSize: 2 });
    for (const key of ['e/a.json', 'e/b.json', 'e/c.json']) await store.put(key, { key });
    const read = await Promise.all(['e/a.json', 'e/b.json', 'e/c.json'].map(async (key) => ({ key, eTag: (await store.get(key))!.eTag })));
    await store.put('e/b.json', { key: 'changed' });
    const listed = await store.entries('e/');
    expect(listed.map((e) => e.key)).toEqual(['e/a.json', 'e/b.json', 'e/c.json']);
    expect(listed.map((e, i) => e.eTag === read[i]!.eTag)).toEqual([true, false, true]);
  });

  it('lists every page of keys under a prefix in order', async () => {
    const store = freshStore({ listPageSize: 2 });
    const keys = ['q/a', 'q/b', 'q/c', 'q/d', 'q/e'];
    await Promise.all([...keys, 'other/x'].map((key) => store.put(key, 0)));
    emulator.admin.clearRequests();
    expect(await store.list('q/')).toEqual(keys);
    expect(emulator.admin.requests({ bucket: BUCKET, method: 'GET' }).length).toBe(3);
  });

  it('deletes a document and tolerates deleting it again', async () => {
    const store = freshStore();
    await store.put('gone.json', 1);
    await store.delete('gone.json');
    await store.delete('gone.json');
    expect(await store.get('gone.json')).toBeUndefined();
  });

  it('gives exactly one of 20 concurrent lease acquirers the lease through OSS', async () => {
    const leases = new DocumentLeaseManager(freshStore());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => leases.acquire('bucket-src', `req-${i}`, 60_000)));
    expect(results.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('hands the lease to the next owner after release and leaves only its lease object', async () => {
    const store = freshStore();
    const leases = new DocumentLeaseManager(store);
    const first = await leases.acquire('bucket-src', 'req-1', 60_000);
    await first!.release();
    const second = await leases.acquire('bucket-src', 'req-2', 60_000);
    expect(second).toMatchObject({ owner: 'req-2' });
    expect(await store.list('leases/bucket-src/')).toEqual([leaseKey('bucket-src')]);
  });

  it('lets a new owner take over an expired lease through OSS', async () => {
    const clock = { now: Date.now() };
    const leases = new DocumentLeaseManager(freshStore(), { now: () => new Date(clock.now) });
    await leases.acquire('bucket-src', 'req-1', 1_000);
    clock.now += 2_000;
    expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ owner: 'req-2' });
  });

  it('deduplicates event ids through OSS', async () => {
    const store = freshStore();
    const now = new Date();
    expect(await claimEvent(store, 'acs.oss/abc', now)).toBe('claimed');
    expect(await claimEvent(store, 'acs.oss/abc', now)).toBe('duplicate');
  });

  describe('documents a reader cannot use are moved aside', () => {
    const anyObject = (v: unknown) => (typeof v === 'object' && v !== null ? valid(v) : invalid('not a JSON object'));

    it('copies a non-JSON document byte for byte to quarantine/, named by its Last-Modified and ETag, and deletes it', async () => {
      const reports: QuarantineReport[] = [];
      const store = new OssDocumentStore({
        oss,
        bucket: BUCKET,
        region: REGION,
        prefix: `t${(prefixCounter += 1)}/`,
        onQuarantine: (r) => void reports.push(r),
      });
      const prefixNow = `t${prefixCounter}/`;
      const put = await oss.putObject({ bucket: BUCKET, key: `${prefixNow}alerts/state.json`, body: 'not json {' });
      expect(await store.read('alerts/state.json', anyObject)).toBeUndefined();
      expect(reports).toEqual([
        expect.objectContaining({
          key: 'alerts/state.json',
          reason: 'not valid JSON',
          movedTo: expect.stringMatching(new RegExp(`^quarantine/alerts/state\\.json\\.\\d{8}T\\d{6}Z-${put.eTag.slice(0, 8)}$`)),
        }),
      ]);
      const copy = await oss.getObject({ bucket: BUCKET, key: `${prefixNow}${reports[0]!.movedTo}` });
      expect(copy.body.toString('utf8')).toBe('not json {');
      expect(await store.get('alerts/state.json')).toBeUndefined();
    });

    it('does not read a document over the size cap: it leaves a note with its size and ETag and removes it', async () => {
      const reports: QuarantineReport[] = [];
      const store = new OssDocumentStore({
        oss,
        bucket: BUCKET,
        region: REGION,
        prefix: `t${(prefixCounter += 1)}/`,
        onQuarantine: (r) => void reports.push(r),
      });
      const prefixNow = `t${prefixCounter}/`;
      const size = MAX_RESPONSE_BYTES + 1024;
      const put = await oss.putObject({ bucket: BUCKET, key: `${prefixNow}buckets/huge.json`, body: Buffer.alloc(size, 0x20) });
      expect(await store.read('buckets/huge.json', anyObject)).toBeUndefined();
      expect(reports[0]?.reason).toMatch(/^larger than the 8388608 bytes a state document may have/);
      const note = JSON.parse((await oss.getObject({ bucket: BUCKET, key: `${prefixNow}${reports[0]!.movedTo}` })).body.toString('utf8'));
      expect(note).toMatchObject({ quarantined: 'buckets/huge.json', size, eTag: put.eTag });
      expect(await store.list('buckets/')).toEqual([]);
    });
  });
});
