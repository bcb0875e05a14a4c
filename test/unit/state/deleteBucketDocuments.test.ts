import { emptyBucketState, putBucketState } from '../../../shared/state/bucketState';
import { auditDocumentKey, auditFoundKey, bucketStateKey, pendingCanaryKey } from '../../../shared/state/keys';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { deleteBucketDocuments } from '../../../shared/state/deleteBucketDocuments';

const now = new Date('2024-05-01T00:00:00Z');
const pending = (bucket: string, rule: string) => ({
  key: pendingCanaryKey(now, bucket, rule),
  value: { kind: 'schedule', target: { sourceBucket: bucket, ruleId: rule } },
});

describe('deleteBucketDocuments', () => {
  it('deletes the bucket state and its pending canaries', async () => {
    const store = new MemoryDocumentStore();
    await putBucketState(store, emptyBucketState('a', now), now);
    const mine = pending('a', 'autopilot-dr-1');
    await store.put(mine.key, mine.value);
    expect(await deleteBucketDocuments(store, 'a')).toEqual({ pendingDeleted: 1, auditDeleted: 0 });
    expect(await store.list('')).toEqual([]);
  });

  it('leaves the pending canaries of a bucket whose name starts with the same words (a vs a-b)', async () => {
    const store = new MemoryDocumentStore();
    const other = pending('a-b', 'autopilot-dr-1');
    await store.put(other.key, other.value);
    await deleteBucketDocuments(store, 'a');
    expect(await store.list('')).toEqual([other.key]);
  });

  it("deletes the bucket's parity audit documents and leaves those of a-b", async () => {
    const store = new MemoryDocumentStore();
    await putBucketState(store, emptyBucketState('a', now), now);
    await store.put(auditDocumentKey('a', 'r1'), {});
    await store.put(auditFoundKey('a', 'r1', now.toISOString(), 0), {});
    await store.put(auditDocumentKey('a-b', 'r1'), {});
    expect(await deleteBucketDocuments(store, 'a')).toEqual({ pendingDeleted: 0, auditDeleted: 2 });
    expect(await store.list('')).toEqual([auditDocumentKey('a-b', 'r1')]);
  });

  it('can be repeated after a run that stopped half-way', async () => {
    const store = new MemoryDocumentStore();
    await putBucketState(store, emptyBucketState('a', now), now);
    await deleteBucketDocuments(store, 'a');
    await expect(deleteBucketDocuments(store, 'a')).resolves.toEqual({ pendingDeleted: 0, auditDeleted: 0 });
    expect(await store.get(bucketStateKey('a'))).toBeUndefined();
  });
});
