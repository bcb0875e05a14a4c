import { recordOutcomes, type Outcome } from '../../../functions/verify/recordOutcomes';
import type { Services } from '../../../shared/services/services';
import { getBucketState, putBucketState, emptyBucketState } from '../../../shared/state/bucketState';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { pendingCanaryKey } from '../../../shared/state/keys';

const now = new Date('2024-05-01T00:10:00Z');
const deps = { now, owner: 'test', sleep: async () => undefined };

/** A store whose next DELETE of a pending document fails, as when verify dies right after the state write. */
class FailingDeleteStore extends MemoryDocumentStore {
  failNextDelete = true;
  override async delete(key: string): Promise<void> {
    if (this.failNextDelete && key.startsWith('canaries/pending/')) {
      this.failNextDelete = false;
      throw new Error('connection reset');
    }
    return super.delete(key);
  }
}

function outcome(key: string): Outcome {
  return {
    bucket: 'photos',
    key,
    record: {
      ruleId: 'autopilot-r1',
      key: 'canary/1',
      writtenAt: '2024-05-01T00:00:00.000Z',
      checkedAt: '2024-05-01T00:09:00.000Z',
      outcome: 'arrived',
      latencyMs: 1200,
    },
  };
}

describe('recordOutcomes', () => {
  it('records an outcome once when a run failed after the state write and the next run records it again', async () => {
    const store = new FailingDeleteStore();
    const s = { state: store, leases: new DocumentLeaseManager(store, { now: () => now }) } as unknown as Services;
    await putBucketState(store, emptyBucketState('photos', now), now);
    const key = pendingCanaryKey(new Date('2024-05-01T00:09:00Z'), 'photos', 'autopilot-r1');
    await store.put(key, { kind: 'completed' });
    await expect(recordOutcomes(s, 'photos', [outcome(key)], deps)).rejects.toThrow('connection reset');
    await recordOutcomes(s, 'photos', [outcome(key)], deps);
    expect((await getBucketState(store, 'photos', now)).canaries).toHaveLength(1);
  });

  it('appends a later check of the same rule', async () => {
    const store = new MemoryDocumentStore();
    const s = { state: store, leases: new DocumentLeaseManager(store, { now: () => now }) } as unknown as Services;
    const first = outcome('k1');
    const second: Outcome = { ...first, key: 'k2', record: { ...first.record, key: 'canary/2', writtenAt: '2024-05-01T06:00:00.000Z' } };
    await putBucketState(store, emptyBucketState('photos', now), now);
    await recordOutcomes(s, 'photos', [first], deps);
    await recordOutcomes(s, 'photos', [second], deps);
    expect((await getBucketState(store, 'photos', now)).canaries.map((c) => c.key)).toEqual(['canary/1', 'canary/2']);
  });

  it('does not bring back the state of a bucket retired meanwhile: the outcome is dropped with its document', async () => {
    const store = new MemoryDocumentStore();
    const s = { state: store, leases: new DocumentLeaseManager(store, { now: () => now }) } as unknown as Services;
    const key = pendingCanaryKey(new Date('2024-05-01T00:09:00Z'), 'photos', 'autopilot-r1');
    await store.put(key, { kind: 'completed' });
    expect(await recordOutcomes(s, 'photos', [outcome(key)], deps)).toBe(true);
    expect([await store.get('buckets/photos.json'), await store.get(key)]).toEqual([undefined, undefined]);
  });
});
