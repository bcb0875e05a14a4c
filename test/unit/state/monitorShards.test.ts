import { bucketShardOf, monitorShardKey } from '../../../shared/state/keys';
import { byBucketShard } from '../../../shared/state/bucketIndex';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import {
  listMonitorShards,
  type MonitoredBucket,
  readMonitoredSamples,
  readMonitorShard,
  storedSamples,
  writeMonitorShard,
} from '../../../shared/state/monitorShards';

const at = (minute: number): string => new Date(Date.UTC(2024, 4, 1, 0, minute)).toISOString();
const entry = (samples: MonitoredBucket['samples'] = {}): MonitoredBucket => ({
  eTag: 'E',
  region: 'cn-hangzhou',
  rules: [],
  canaries: [],
  samples,
});

describe('monitor shards', () => {
  it('puts every bucket in one of 16 shards, the same one every time', () => {
    const names = Array.from({ length: 200 }, (_, i) => `bucket-${i}`);
    const shards = new Set(names.map(bucketShardOf));
    expect([shards.size, [...shards].every((s) => /^[0-9a-f]$/.test(s)), bucketShardOf('photos')]).toEqual([
      16,
      true,
      bucketShardOf('photos'),
    ]);
  });

  it('groups buckets by shard', () => {
    const groups = byBucketShard(['a', 'b', 'c']);
    expect([...groups].every(([shard, names]) => names.every((n) => bucketShardOf(n) === shard))).toBe(true);
  });

  it('reads back what it wrote, and lists the shard', async () => {
    const store = new MemoryDocumentStore();
    await writeMonitorShard(store, '3', new Map([['photos', entry()]]));
    expect([await readMonitorShard(store, '3'), await listMonitorShards(store)]).toEqual([new Map([['photos', entry()]]), ['3']]);
  });

  it('deletes a shard no bucket is left in', async () => {
    const store = new MemoryDocumentStore();
    await writeMonitorShard(store, '3', new Map([['photos', entry()]]));
    await writeMonitorShard(store, '3', new Map());
    expect(await listMonitorShards(store)).toEqual([]);
  });

  it('moves a shard it cannot use aside and reads it as empty', async () => {
    const store = new MemoryDocumentStore();
    await store.put(monitorShardKey('3'), { schema: 1, buckets: { photos: { eTag: 'E', rules: 'all' } } });
    expect([(await readMonitorShard(store, '3')).size, (await store.list('quarantine/')).length]).toEqual([0, 1]);
  });

  it('gives the samples of a bucket with their rule ids, oldest first', () => {
    const samples = storedSamples(entry({ r1: [{ at: at(3), status: 'doing' }], r2: [{ at: at(1), status: 'doing' }] }));
    expect(samples.map((s) => [s.ruleId, s.at])).toEqual([
      ['r2', at(1)],
      ['r1', at(3)],
    ]);
  });

  it('reads the samples of the asked buckets from their shards only', async () => {
    const store = new MemoryDocumentStore();
    const shard = bucketShardOf('photos');
    await writeMonitorShard(store, shard, new Map([['photos', entry({ r1: [{ at: at(1), status: 'doing' }] })]]));
    const reads: string[] = [];
    const spy = Object.assign(Object.create(store) as MemoryDocumentStore, {
      read: (k: string, check: never) => (reads.push(k), store.read(k, check)),
    });
    const samples = await readMonitoredSamples(spy, ['photos']);
    expect([samples.get('photos')?.map((s) => s.ruleId), reads]).toEqual([['r1'], [monitorShardKey(shard)]]);
  });
});
