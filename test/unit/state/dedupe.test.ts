import { claimEvent, cleanupProcessedEvents, forgetEvent } from '../../../shared/state/dedupe';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { processedEventKey } from '../../../shared/state/keys';

const now = new Date('2024-05-01T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);

describe('claimEvent', () => {
  it('accepts the first delivery of an event', async () => {
    expect(await claimEvent(new MemoryDocumentStore(), 'acs.oss/1', now)).toBe('claimed');
  });

  it('reports a second delivery as a duplicate', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'acs.oss/1', now);
    expect(await claimEvent(store, 'acs.oss/1', now)).toBe('duplicate');
  });

  it('accepts exactly one of concurrent deliveries', async () => {
    const store = new MemoryDocumentStore();
    const results = await Promise.all(Array.from({ length: 10 }, () => claimEvent(store, 'acs.oss/1', now)));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
  });

  it('records the event id and time', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'acs.oss/1', now);
    expect((await store.get(processedEventKey('acs.oss/1')))!.value).toEqual({ eventId: 'acs.oss/1', processedAt: now.toISOString() });
  });

  it('writes once: one create-only PUT', async () => {
    const store = new MemoryDocumentStore();
    const writes: string[] = [];
    const counting = Object.assign(Object.create(store) as MemoryDocumentStore, {
      create: (k: string, v: unknown) => (writes.push(`create ${k}`), store.create(k, v)),
      put: (k: string, v: unknown) => (writes.push(`put ${k}`), store.put(k, v)),
    });
    await claimEvent(counting, 'acs.oss/1', now, new Date(now.getTime() + 60_000));
    expect(writes).toEqual([`create ${processedEventKey('acs.oss/1')}`]);
  });

  it('accepts the event again after forgetEvent', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'acs.oss/1', now);
    await forgetEvent(store, 'acs.oss/1');
    expect(await claimEvent(store, 'acs.oss/1', now)).toBe('claimed');
  });
});

describe('claimEvent with a claim time', () => {
  const later = (ms: number): Date => new Date(now.getTime() + ms);

  it('finds a claim whose time has passed expired (its invocation finished or died: the caller re-checks)', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'acs.oss/1', now, later(1000));
    expect(await claimEvent(store, 'acs.oss/1', later(2000), later(5000))).toBe('expired');
  });

  it('reports a duplicate while the claim is still running', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'acs.oss/1', now, later(60_000));
    expect(await claimEvent(store, 'acs.oss/1', later(1000), later(61_000))).toBe('duplicate');
  });

  it('reports a duplicate for a record without a claim time whatever the time (an earlier version completed it)', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'acs.oss/1', now);
    expect(await claimEvent(store, 'acs.oss/1', later(86_400_000), later(86_460_000))).toBe('duplicate');
  });
});

describe('cleanupProcessedEvents', () => {
  it('deletes records older than the maximum age and keeps newer ones', async () => {
    const store = new MemoryDocumentStore();
    await claimEvent(store, 'old', new Date(now.getTime() - 8 * DAY));
    await claimEvent(store, 'new', new Date(now.getTime() - DAY));
    expect(await cleanupProcessedEvents(store, { now, maxAgeMs: 7 * DAY })).toEqual({ examined: 2, deleted: 1 });
    expect(await claimEvent(store, 'old', now)).toBe('claimed');
    expect(await claimEvent(store, 'new', now)).toBe('duplicate');
  });

  it('examines at most `limit` records', async () => {
    const store = new MemoryDocumentStore();
    for (let i = 0; i < 5; i += 1) await claimEvent(store, `e${i}`, new Date(0));
    expect(await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 2 })).toEqual({ examined: 2, deleted: 2 });
  });

  it('deletes records that are not JSON', async () => {
    const store = new MemoryDocumentStore();
    await (store as unknown as { writeRaw(k: string, b: string, c: boolean): Promise<boolean> }).writeRaw(
      processedEventKey('x'),
      'junk',
      false,
    );
    expect(await cleanupProcessedEvents(store, { now, maxAgeMs: DAY })).toMatchObject({ deleted: 1 });
  });
});

describe('cleanupProcessedEvents with a start', () => {
  it('reaches old records behind young ones when it starts further into the listing', async () => {
    const store = new MemoryDocumentStore();
    const ids = Array.from({ length: 4 }, (_, i) => `e${i}`);
    const ordered = [...ids].sort((a, b) => processedEventKey(a).localeCompare(processedEventKey(b)));
    for (const [i, id] of ordered.entries()) await claimEvent(store, id, i < 2 ? now : daysAgo(30));
    const front = await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 2 });
    const later = await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 2, start: 0.5 });
    expect([front.deleted, later.deleted]).toEqual([0, 2]);
  });

  it('wraps round the end of the listing', async () => {
    const store = new MemoryDocumentStore();
    for (const id of ['a', 'b', 'c']) await claimEvent(store, id, daysAgo(30));
    expect(await cleanupProcessedEvents(store, { now, maxAgeMs: DAY, limit: 3, start: 0.9 })).toEqual({ examined: 3, deleted: 3 });
  });
});
