import type { ParityStatus } from '../../../shared/progress';
import { monitorShardKey, parityShardKey } from '../../../shared/state/keys';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { listMonitorDocuments, listMonitorShards, readMonitorShard, writeMonitorShard } from '../../../shared/state/monitorShards';
import { type BucketParity, parityOfRules, readParityShard, writeParityShard } from '../../../shared/state/parityShards';
import type { OwnedRule } from '../../../shared/state/types';

const status: ParityStatus = {
  pass: 'last',
  passStartedAt: '2026-03-01T00:00:00.000Z',
  matched: 10,
  missing: 1,
  different: 0,
  unreplicable: 0,
  sampleKeys: ['a/1'],
  coverage: 1,
};
const rule = (ruleId: string, createdAt = '2026-02-01T00:00:00.000Z'): OwnedRule => ({
  ruleId,
  policy: 'dr',
  destinationBucket: 'photos-dr',
  destinationRegion: 'cn-beijing',
  createdAt,
});
const photos: BucketParity = { r1: { ruleCreatedAt: rule('r1').createdAt, status }, r2: { ruleCreatedAt: rule('r2').createdAt } };

describe('parity shards', () => {
  it('read back with the ETag of the document they came from', async () => {
    const store = new MemoryDocumentStore();
    await writeParityShard(store, '3', new Map([['photos', photos]]), { entries: new Map() });
    const read = await readParityShard(store, '3');
    expect([read.entries, read.eTag]).toEqual([new Map([['photos', photos]]), (await store.entries(parityShardKey('3')))[0]?.eTag]);
  });

  it('are not written again when nothing changed, so their ETag stays', async () => {
    const store = new MemoryDocumentStore();
    await writeParityShard(store, '3', new Map([['photos', photos]]), { entries: new Map() });
    const before = await readParityShard(store, '3');
    const reordered = new Map([['photos', { r2: photos['r2']!, r1: photos['r1']! }]]);
    expect(await writeParityShard(store, '3', reordered, before)).toBe(false);
    expect(await writeParityShard(store, '3', new Map([['photos', { r1: photos['r1']! }]]), before)).toBe(true);
  });

  it('are deleted once no bucket is left in them, and not created empty', async () => {
    const store = new MemoryDocumentStore();
    expect(await writeParityShard(store, '3', new Map(), { entries: new Map() })).toBe(false);
    await writeParityShard(store, '3', new Map([['photos', photos]]), { entries: new Map() });
    await writeParityShard(store, '3', new Map(), await readParityShard(store, '3'));
    expect(store.keys()).toEqual([]);
  });

  it('move a shard with a status the monitor could not judge from aside, and read it as empty', async () => {
    const store = new MemoryDocumentStore();
    const broken = { r1: { ruleCreatedAt: 'x', status: { ...status, missing: 'many' } } };
    await store.put(parityShardKey('3'), { schema: 1, buckets: { photos: broken } });
    const read = await readParityShard(store, '3');
    expect([read.entries.size, read.eTag, (await store.list('quarantine/')).length]).toEqual([0, undefined, 1]);
  });

  it('give a rule its status only for the rule record the audit judged: a rule recorded again under the same id gets none', () => {
    const statuses = parityOfRules([rule('r1', '2026-05-01T00:00:00.000Z'), rule('r2')], {
      ...photos,
      r2: { ruleCreatedAt: rule('r2').createdAt, status },
    });
    expect([...statuses.keys()]).toEqual(['r2']);
  });

  it('are listed with the monitor shards in one listing, apart from them', async () => {
    const store = new MemoryDocumentStore();
    await writeMonitorShard(store, '3', new Map([['photos', { eTag: 'E', rules: [], canaries: [], samples: {} }]]));
    await writeParityShard(store, '5', new Map([['photos', photos]]), { entries: new Map() });
    const listing = await listMonitorDocuments(store);
    expect([listing.shards, [...listing.parity.keys()], await listMonitorShards(store)]).toEqual([['3'], ['5'], ['3']]);
  });

  it('leave a monitor shard readable when its bucket keeps parity, and quarantine one whose kept parity is broken', async () => {
    const store = new MemoryDocumentStore();
    const kept = { from: 'shard' as const, shardETag: 'P', rules: photos };
    await writeMonitorShard(store, '3', new Map([['photos', { eTag: 'E', rules: [], canaries: [], samples: {}, parity: kept }]]));
    expect((await readMonitorShard(store, '3')).get('photos')?.parity).toEqual(kept);
    await store.put(monitorShardKey('3'), {
      schema: 1,
      buckets: { photos: { eTag: 'E', rules: [], canaries: [], samples: {}, parity: { from: 'elsewhere', rules: {} } } },
    });
    expect((await readMonitorShard(store, '3')).size).toBe(0);
  });
});
