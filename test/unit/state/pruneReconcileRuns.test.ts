import { cleanupProcessedEvents, markEventProcessed } from '../../../shared/state/dedupe';
import { pruneReconcileRuns } from '../../../shared/state/pruneReconcileRuns';
import { processedEventKey, reconcileRunKey, reconcileRunTime } from '../../../shared/state/keys';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';

const now = new Date('2024-05-10T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);

describe('reconcileRunTime', () => {
  it('reads the start time back from a run summary key', () => {
    expect(reconcileRunTime(reconcileRunKey(now))).toEqual(now);
  });

  it('is undefined for a key outside the layout', () => {
    expect(reconcileRunTime('runs/reconcile/notes.json')).toBeUndefined();
  });
});

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

describe('cleanupProcessedEvents with a start', () => {
  it('reaches old records behind young ones when it starts further into the listing', async () => {
    const store = new MemoryDocumentStore();
    const ids = Array.from({ length: 4 }, (_, i) => `e${i}`);
    const ordered = [...ids].sort((a, b) => processedEventKey(a).localeCompare(processedEventKey(b)));
    for (const [i, id] of ordered.entries()) await markEventProcessed(store, id, i < 2 ? now : daysAgo(30));
    const front = await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 2 });
    const later = await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 2, start: 0.5 });
    expect([front.deleted, later.deleted]).toEqual([0, 2]);
  });

  it('wraps round the end of the listing', async () => {
    const store = new MemoryDocumentStore();
    for (const id of ['a', 'b', 'c']) await markEventProcessed(store, id, daysAgo(30));
    expect(await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 3, start: 0.9 })).toEqual({ examined: 3, deleted: 3 });
  });
});
