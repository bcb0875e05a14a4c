import {
  MAX_CANARY_HISTORY,
  emptyBucketState,
  getBucketState,
  listManagedBuckets,
  putBucketState,
  updateBucketState,
} from '../../../shared/state/bucketState';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import type { BucketState, CanaryRecord } from '../../../shared/state/types';

const now = new Date('2024-05-01T00:00:00Z');

const canary = (i: number): CanaryRecord => ({
  ruleId: 'autopilot-1',
  key: `canary/${i}`,
  writtenAt: now.toISOString(),
  outcome: 'arrived',
});

describe('bucket state', () => {
  it('gives a fresh bucket empty histories at schema 1', async () => {
    expect(await getBucketState(new MemoryDocumentStore(), 'src', now)).toEqual({
      schema: 1,
      bucket: 'src',
      updatedAt: now.toISOString(),
      rules: [],
      canaries: [],
      progress: [],
    });
  });

  it('reads back what was put, at buckets/<bucket>.json', async () => {
    const store = new MemoryDocumentStore();
    const state: BucketState = {
      ...emptyBucketState('src', now),
      rules: [
        { ruleId: 'autopilot-1', policy: 'dr', destinationBucket: 'src-dr', destinationRegion: 'cn-beijing', createdAt: now.toISOString() },
      ],
    };
    await putBucketState(store, state, now);
    expect(await store.list('buckets/')).toEqual(['buckets/src.json']);
    expect(await getBucketState(store, 'src', now)).toEqual(state);
  });

  it('lists the managed buckets from their state documents, and nothing else under buckets/', async () => {
    const store = new MemoryDocumentStore();
    await putBucketState(store, emptyBucketState('b-2', now), now);
    await putBucketState(store, emptyBucketState('a-1', now), now);
    await store.put('buckets/notes.txt', {});
    expect(await listManagedBuckets(store)).toEqual(['a-1', 'b-2']);
  });

  it('fills fields missing from an older document with defaults', async () => {
    const store = new MemoryDocumentStore();
    await store.put('buckets/src.json', { schema: 1, bucket: 'src', updatedAt: now.toISOString(), rules: [] });
    expect(await getBucketState(store, 'src', now)).toMatchObject({ canaries: [], progress: [] });
  });

  it('reads a document of an earlier version that carries an incidents list, and writes it back without one', async () => {
    const store = new MemoryDocumentStore();
    await store.put('buckets/src.json', {
      schema: 1,
      bucket: 'src',
      updatedAt: now.toISOString(),
      rules: [],
      canaries: [],
      progress: [],
      incidents: [{ note: 'never written by any version' }],
    });
    const state = await updateBucketState(store, 'src', (s) => s, now);
    expect([state, (await store.get<Record<string, unknown>>('buckets/src.json'))?.value['incidents']]).toEqual([
      emptyBucketState('src', now),
      undefined,
    ]);
  });

  it('moves a document of another schema aside, unchanged, and starts the bucket fresh', async () => {
    const reports: string[] = [];
    const store = new MemoryDocumentStore({ onQuarantine: (r) => void reports.push(r.reason) });
    await store.put('buckets/src.json', { schema: 2, bucket: 'src' });
    expect(await getBucketState(store, 'src', now)).toEqual(emptyBucketState('src', now));
    expect(store.keys()).toEqual([expect.stringMatching(/^quarantine\/buckets\/src\.json\.\d{8}T\d{6}Z-[0-9A-F]{8}$/)]);
    expect(JSON.parse(store.body(store.keys()[0]!)!)).toEqual({ schema: 2, bucket: 'src' });
    expect(reports).toEqual(['schema 2 is not 1, the schema this code reads']);
  });

  it('moves aside a document whose history entries lack the fields jobs read', async () => {
    const store = new MemoryDocumentStore();
    await store.put('buckets/src.json', { schema: 1, bucket: 'src', rules: [{ ruleId: 7 }] });
    expect((await getBucketState(store, 'src', now)).rules).toEqual([]);
    expect(await store.list('buckets/')).toEqual([]);
  });

  it('bounds the canary history to the newest entries on write', async () => {
    const store = new MemoryDocumentStore();
    const canaries = Array.from({ length: MAX_CANARY_HISTORY + 5 }, (_, i) => canary(i));
    await putBucketState(store, { ...emptyBucketState('src', now), canaries }, now);
    const stored = await getBucketState(store, 'src', now);
    expect(stored.canaries).toHaveLength(MAX_CANARY_HISTORY);
    expect(stored.canaries[stored.canaries.length - 1]).toEqual(canary(MAX_CANARY_HISTORY + 4));
  });

  it('updateBucketState applies a change to the stored state and stamps the time', async () => {
    const store = new MemoryDocumentStore();
    const later = new Date(now.getTime() + 1_000);
    await updateBucketState(store, 'src', (state) => ({ ...state, canaries: [canary(1)] }), now);
    const result = await updateBucketState(store, 'src', (state) => ({ ...state, canaries: [...state.canaries, canary(2)] }), later);
    expect(result.canaries.map((c) => c.key)).toEqual(['canary/1', 'canary/2']);
    expect((await getBucketState(store, 'src', later)).updatedAt).toBe(later.toISOString());
  });
});
