import { planBucket } from '../../../shared/replication/plan';
import {
  planRecord,
  recordBucketState,
  requestCanary,
  recordUnreadBucketState,
  scheduleCanary,
  type EnsureRecord,
  type ScheduledCanary,
} from '../../../shared/replication/record';
import { bucketStateKey } from '../../../shared/state/keys';
import { getBucketState } from '../../../shared/state/bucketState';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { makeContext, makeDoc, makeObservation } from './fixtures';

const NOW = new Date('2025-01-01T00:00:00.000Z');
const plan = planBucket(makeObservation(), makeDoc(), makeContext());
const owned = {
  ruleId: 'autopilot-dr-beijing-12345678',
  policy: 'dr-beijing',
  destinationBucket: 'photos-dr',
  destinationRegion: 'cn-beijing',
  createdAt: NOW.toISOString(),
};
const record: EnsureRecord = { bucket: 'photos', region: 'cn-hangzhou', rules: [owned], outcome: 'created', plan, now: NOW };

const schedule: ScheduledCanary = {
  kind: 'schedule',
  reason: 'ruleAdded',
  policy: 'dr-beijing',
  scheduledAt: NOW.toISOString(),
  dueAt: '2025-01-01T00:01:00.000Z',
  target: {
    sourceBucket: 'photos',
    sourceRegion: 'cn-hangzhou',
    ruleId: owned.ruleId,
    destinationBucket: 'photos-dr',
    destinationRegion: 'cn-beijing',
    prefixes: [],
    actions: ['ALL'],
  },
};

describe('planRecord', () => {
  it('starts with a summary of the outcome, then one entry per step', () => {
    const changes = planRecord(record).changes;
    expect([changes[0]?.['outcome'], changes.slice(1).map((c) => c['step'])]).toEqual(['created', ['addRule', 'scheduleCanary']]);
  });
});

describe('recordUnreadBucketState', () => {
  it('writes the record of a new bucket with one create-only write and no read', async () => {
    const store = new MemoryDocumentStore();
    const calls: string[] = [];
    const spy = Object.assign(Object.create(store) as MemoryDocumentStore, {
      write: (k: string, v: unknown, o: { createOnly: boolean }) => (
        calls.push(`${o.createOnly ? 'create' : 'put'} ${k}`),
        store.write(k, v, o)
      ),
    });
    const read = async () => (calls.push('read'), getBucketState(store, 'photos', NOW));
    await recordUnreadBucketState(spy, record, read);
    expect([calls, (await getBucketState(store, 'photos', NOW)).rules]).toEqual([[`create ${bucketStateKey('photos')}`], [owned]]);
  });

  it('merges into a document that exists after all, keeping what other jobs wrote', async () => {
    const store = new MemoryDocumentStore();
    const canary = { ruleId: 'autopilot-dr-beijing-old', key: 'canary/1', writtenAt: 'x', outcome: 'arrived' as const };
    await store.put(bucketStateKey('photos'), { ...(await getBucketState(store, 'photos', NOW)), canaries: [canary] });
    await recordUnreadBucketState(store, record, () => getBucketState(store, 'photos', NOW));
    const after = await getBucketState(store, 'photos', NOW);
    expect([after.rules, after.canaries]).toEqual([[owned], [canary]]);
  });
});

describe('recordBucketState', () => {
  it('answers the ETag of the document it wrote, as a listing reports it', async () => {
    const store = new MemoryDocumentStore();
    const eTag = await recordBucketState(store, await getBucketState(store, 'photos', NOW), record);
    expect((await store.entries('buckets/')).map((e) => e.eTag)).toEqual([eTag]);
  });

  it('writes the owned rules into BucketState', async () => {
    const store = new MemoryDocumentStore();
    await recordBucketState(store, await getBucketState(store, 'photos', NOW), record);
    expect((await getBucketState(store, 'photos', NOW)).rules).toEqual([owned]);
  });

  it('keeps sections other jobs wrote', async () => {
    const store = new MemoryDocumentStore();
    const canary = { ruleId: owned.ruleId, key: 'canary/1', writtenAt: 'x', outcome: 'arrived' as const };
    const sample = { ruleId: owned.ruleId, at: 'x', status: 'doing' as const };
    const prior = { ...(await getBucketState(store, 'photos', NOW)), canaries: [canary], progress: [sample] };
    await recordBucketState(store, prior, record);
    const after = await getBucketState(store, 'photos', NOW);
    expect([after.canaries, after.progress]).toEqual([[canary], [sample]]);
  });

  it('does not write again when nothing changed', async () => {
    const store = new MemoryDocumentStore();
    await recordBucketState(store, await getBucketState(store, 'photos', NOW), record);
    expect(await recordBucketState(store, await getBucketState(store, 'photos', NOW), record)).toBeUndefined();
  });
});

describe('scheduleCanary', () => {
  it('writes the schedule under canaries/pending/ keyed by due time', async () => {
    const store = new MemoryDocumentStore();
    const key = await scheduleCanary(store, schedule);
    expect(key.startsWith('canaries/pending/2025-01-01T00:01:00.000Z-photos-')).toBe(true);
  });

  it('writes a duplicate schedule once', async () => {
    const store = new MemoryDocumentStore();
    await scheduleCanary(store, schedule);
    await scheduleCanary(store, schedule);
    expect(await store.list('canaries/pending/')).toHaveLength(1);
  });
});

describe('requestCanary', () => {
  const doc = makeDoc();
  const state = async (store: MemoryDocumentStore) => {
    return { ...(await getBucketState(store, 'photos', NOW)), region: 'cn-hangzhou', rules: [owned] };
  };

  it('schedules a canary of the owned rule due now, with the target its policy gives', async () => {
    const store = new MemoryDocumentStore();
    const request = await requestCanary(store, doc, await state(store), owned.ruleId, NOW);
    const [key] = await store.list('canaries/pending/');
    expect([request, (await store.get<ScheduledCanary>(key!))?.value]).toEqual([
      { kind: 'scheduled', key, dueAt: NOW.toISOString() },
      {
        ...schedule,
        reason: 'requested',
        dueAt: NOW.toISOString(),
        target: { ...schedule.target, actions: doc.policies['dr-beijing']!.actions },
      },
    ]);
  });

  it('refuses a second request while the first canary is pending, and writes nothing', async () => {
    const store = new MemoryDocumentStore();
    await requestCanary(store, doc, await state(store), owned.ruleId, NOW);
    const again = await requestCanary(store, doc, await state(store), owned.ruleId, new Date(NOW.getTime() + 1000));
    expect([again.kind, await store.list('canaries/pending/')]).toEqual(['refused', [expect.any(String)]]);
  });

  it('refuses a rule the bucket state does not record', async () => {
    const store = new MemoryDocumentStore();
    const request = await requestCanary(store, doc, await state(store), 'someone-elses-rule', NOW);
    const refused = { kind: 'refused', reason: 'photos has no rule someone-elses-rule managed by this deployment' };
    expect([request, await store.list('canaries/pending/')]).toEqual([refused, []]);
  });

  it('refuses a rule whose policy left the policy file', async () => {
    const store = new MemoryDocumentStore();
    const orphan = { ...(await state(store)), rules: [{ ...owned, policy: 'gone' }] };
    expect((await requestCanary(store, doc, orphan, owned.ruleId, NOW)).kind).toBe('refused');
  });
});
