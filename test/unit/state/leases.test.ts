import { DocumentLeaseManager, type LeaseDocument } from '../../../shared/state/leases';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { leaseKey } from '../../../shared/state/keys';
import type { DocumentStore } from '../../../shared/state/types';

function setup(start = Date.parse('2024-05-01T00:00:00Z')) {
  const store = new MemoryDocumentStore();
  const clock = { now: start };
  const leases = new DocumentLeaseManager(store, { now: () => new Date(clock.now) });
  return { store, clock, leases };
}

describe('DocumentLeaseManager', () => {
  it('acquires a free lease with owner and expiry', async () => {
    const { leases, clock } = setup();
    const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
    expect(lease).toMatchObject({
      name: 'bucket-src',
      owner: 'req-1',
      expiresAt: new Date(clock.now + 60_000).toISOString(),
      generation: 1,
    });
  });

  it('stores owner and expiry in the lease object', async () => {
    const { leases, store } = setup();
    await leases.acquire('bucket-src', 'req-1', 60_000);
    expect((await store.get<LeaseDocument>(leaseKey('bucket-src', 1)))!.value).toMatchObject({
      owner: 'req-1',
      expiresAt: expect.any(String),
    });
  });

  it('answers busy while another owner holds a live lease', async () => {
    const { leases } = setup();
    await leases.acquire('bucket-src', 'req-1', 60_000);
    expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toBeUndefined();
  });

  it('keeps separate names independent', async () => {
    const { leases } = setup();
    await leases.acquire('bucket-a', 'req-1', 60_000);
    expect(await leases.acquire('bucket-b', 'req-2', 60_000)).toBeDefined();
  });

  it('lets a new owner take over an expired lease', async () => {
    const { leases, clock } = setup();
    await leases.acquire('bucket-src', 'req-1', 60_000);
    clock.now += 60_000;
    expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ owner: 'req-2', generation: 2 });
  });

  it('frees the lease on release', async () => {
    const { leases } = setup();
    const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
    await lease!.release();
    expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ owner: 'req-2' });
  });

  it('deletes the released generation object', async () => {
    const { leases, store } = setup();
    const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
    await lease!.release();
    expect(await store.get(leaseKey('bucket-src', lease!.generation))).toBeUndefined();
  });

  it('a late release after a takeover leaves the new holder in place', async () => {
    const { leases, clock } = setup();
    const old = await leases.acquire('bucket-src', 'req-1', 1_000);
    clock.now += 1_000;
    const current = await leases.acquire('bucket-src', 'req-2', 60_000);
    await old!.release();
    expect(await leases.acquire('bucket-src', 'req-3', 60_000)).toBeUndefined();
    expect((await leases.holder('bucket-src'))?.owner).toBe(current!.owner);
  });

  it('releasing twice is harmless', async () => {
    const { leases } = setup();
    const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
    await lease!.release();
    await lease!.release();
    const next = await leases.acquire('bucket-src', 'req-2', 60_000);
    expect(await leases.acquire('bucket-src', 'req-3', 60_000)).toBeUndefined();
    expect(next).toBeDefined();
  });

  it('gives exactly one of 20 concurrent acquirers the lease', async () => {
    const { leases } = setup();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => leases.acquire('bucket-src', `req-${i}`, 60_000)));
    expect(results.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('gives exactly one of 20 concurrent acquirers an expired lease', async () => {
    const { leases, clock } = setup();
    await leases.acquire('bucket-src', 'old', 1_000);
    clock.now += 5_000;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => leases.acquire('bucket-src', `req-${i}`, 60_000)));
    expect(results.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('collects dead generations after a successful acquire', async () => {
    const { leases, store, clock } = setup();
    for (let i = 0; i < 4; i += 1) {
      await leases.acquire('bucket-src', `req-${i}`, 1_000);
      clock.now += 1_000;
    }
    const last = await leases.acquire('bucket-src', 'final', 60_000);
    expect(await store.list('leases/bucket-src/')).toEqual([leaseKey('bucket-src', last!.generation)]);
  });

  it('treats a lease object that is not JSON as dead', async () => {
    const { leases, store } = setup();
    await (store as unknown as { writeRaw(k: string, b: string, c: boolean): Promise<boolean> }).writeRaw(
      leaseKey('bucket-src', 3),
      'garbage',
      false,
    );
    expect(await leases.acquire('bucket-src', 'req-1', 60_000)).toMatchObject({ generation: 4 });
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an object without an expiry', { owner: 'x' }],
    ['a string', 'lease'],
  ])('treats a lease object whose JSON is %s as dead, so no run fails on it', async (_what, value) => {
    const { leases, store } = setup();
    await store.put(leaseKey('bucket-src', 3), value);
    expect(await leases.acquire('bucket-src', 'req-1', 60_000)).toMatchObject({ generation: 4 });
    expect(await leases.holder('bucket-src')).toMatchObject({ owner: 'req-1' });
  });

  it('backs off when a higher generation appeared while it was creating its own', async () => {
    // A stale acquirer re-creates a collected generation number; the newer live lease must win.
    const inner = new MemoryDocumentStore();
    const clock = { now: Date.parse('2024-05-01T00:00:00Z') };
    const live: LeaseDocument = {
      name: 'n',
      owner: 'live',
      generation: 5,
      token: 't',
      acquiredAt: new Date(clock.now).toISOString(),
      expiresAt: new Date(clock.now + 60_000).toISOString(),
    };
    const stale = staleListingStore(inner, () => inner.put(leaseKey('n', 5), live));
    const leases = new DocumentLeaseManager(stale, { now: () => new Date(clock.now) });
    expect(await leases.acquire('n', 'stale', 60_000)).toBeUndefined();
    expect(await inner.list('leases/n/')).toEqual([leaseKey('n', 5)]);
  });

  it('counts an ambiguous create of its own generation as a win', async () => {
    // A retried PUT after a lost response answers FileAlreadyExists for our own object.
    const inner = new MemoryDocumentStore();
    const ambiguous: DocumentStore = {
      get: (k) => inner.get(k),
      read: (k, check) => inner.read(k, check),
      put: (k, v) => inner.put(k, v),
      delete: (k) => inner.delete(k),
      list: (p) => inner.list(p),
      create: async (k, v) => {
        await inner.create(k, v);
        return false;
      },
    };
    const leases = new DocumentLeaseManager(ambiguous);
    expect(await leases.acquire('n', 'me', 60_000)).toMatchObject({ owner: 'me' });
  });

  it('rejects a ttl that is not a positive integer', async () => {
    const { leases } = setup();
    await expect(leases.acquire('n', 'me', 0)).rejects.toMatchObject({ code: 'InvalidLeaseTtl' });
  });

  it('reports no holder for a free lease', async () => {
    const { leases } = setup();
    expect(await leases.holder('bucket-src')).toBeUndefined();
  });
  describe('forget', () => {
    it('deletes every generation of a lease released longer ago than the idle time', async () => {
      const { leases, store, clock } = setup();
      await (await leases.acquire('bucket-src', 'req-1', 60_000))!.release();
      clock.now += 10 * 60_000;
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(true);
      expect(await store.list('leases/')).toEqual([]);
    });

    it('keeps a lease released more recently than the idle time', async () => {
      const { leases, store, clock } = setup();
      await (await leases.acquire('bucket-src', 'req-1', 60_000))!.release();
      clock.now += 9 * 60_000;
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(false);
      expect(await store.list('leases/')).toHaveLength(1);
    });

    it('keeps a live lease', async () => {
      const { leases, clock } = setup();
      await leases.acquire('bucket-src', 'req-1', 60 * 60_000);
      clock.now += 30 * 60_000;
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(false);
    });

    it('lets the name be acquired again from nothing afterwards', async () => {
      const { leases, clock } = setup();
      await (await leases.acquire('bucket-src', 'req-1', 60_000))!.release();
      clock.now += 10 * 60_000;
      await leases.forget('bucket-src', 10 * 60_000);
      expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ generation: 1, owner: 'req-2' });
    });
  });
});

/** A store whose first listing is empty and which runs `between` right after that listing. */
function staleListingStore(inner: MemoryDocumentStore, between: () => Promise<void>): DocumentStore {
  let first = true;
  return {
    get: (k) => inner.get(k),
    read: (k, check) => inner.read(k, check),
    put: (k, v) => inner.put(k, v),
    create: (k, v) => inner.create(k, v),
    delete: (k) => inner.delete(k),
    list: async (p) => {
      if (!first) return inner.list(p);
      first = false;
      await between();
      return [];
    },
  };
}
