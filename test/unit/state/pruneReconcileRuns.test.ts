import { pruneReconcileRuns } from '../../../shared/state/pruneReconcileRuns';
import { reconcileRunKey } from '../../../shared/state/keys';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';

const now = new Date('2024-05-10T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);

describe('pruneReconcileRuns', () => {
  it('deletes run summaries older than the maximum age and keeps newer ones', async () => {
    const store = new MemoryDocumentStore();
    await store.put(reconcileRunKey(daysAgo(8)), {});
    await store.put(reconcileRunKey(daysAgo(1)), {});
    expect(await pruneReconcileRuns(store, { now, maxAgeMs: 7 * DAY })).toBe(1);
    expect(store.keys()).toEqual([reconcileRunKey(daysAgo(1))]);
  });

  it('deletes at most `limit` summaries per call, oldest first', async () => {
    const store = new MemoryDocumentStore();
    for (const days of [10, 9, 8]) await store.put(reconcileRunKey(daysAgo(days)), {});
    expect(await pruneReconcileRuns(store, { now, maxAgeMs: 7 * DAY, limit: 2 })).toBe(2);
    expect(store.keys()).toEqual([reconcileRunKey(daysAgo(8))]);
  });

  it('leaves keys that do not follow the layout alone', async () => {
    const store = new MemoryDocumentStore();
    await store.put('runs/reconcile/notes.json', {});
    expect([await pruneReconcileRuns(store, { now, maxAgeMs: 0 }), store.keys()]).toEqual([0, ['runs/reconcile/notes.json']]);
  });
});
