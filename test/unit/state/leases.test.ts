import { DocumentLeaseManager, type LeaseDocument } from '../../../shared/state/leases';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { leaseKey, takeoverKey } from '../../../shared/state/keys';
import { TAKEOVER_TTL_MS } from '../../../shared/state/leaseTimings';
import type { DeleteOptions, DocumentStore } from '../../../shared/state/types';

function setup(start = Date.parse('2024-05-01T00:00:00Z')) {
  const store = new MemoryDocumentStore();
  const clock = { now: start };
  const leases = new DocumentLeaseManager(store, { now: () => new Date(clock.now) });
  return { store, clock, leases };
}

/** The calls a store receives, by kind (what each costs against OSS: one request per call). */
function counted(inner: MemoryDocumentStore) {
  const calls: string[] = [];
  const deletes: Array<DeleteOptions | undefined> = [];
  const store: DocumentStore = {
    get: (k) => (calls.push('get'), inner.get(k)),
    read: (k, check) => (calls.push('read'), inner.read(k, check)),
    put: (k, v) => (calls.push('put'), inner.put(k, v)),
    create: (k, v) => (calls.push('create'), inner.create(k, v)),
    write: (k, v, o) => (calls.push(o.createOnly ? 'create' : 'put'), inner.write(k, v, o)),
    delete: (k, options) => (calls.push('delete'), deletes.push(options), inner.delete(k, options)),
    list: (p) => (calls.push('list'), inner.list(p)),
    entries: (p) => (calls.push('entries'), inner.entries(p)),
  };
  return { store, calls, deletes };
}

describe('DocumentLeaseManager', () => {
  it('acquires a free lease with owner and expiry', async () => {
    const { leases, clock } = setup();
    const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
    expect(lease).toMatchObject({ name: 'bucket-src', owner: 'req-1', expiresAt: new Date(clock.now + 60_000).toISOString() });
  });

  it('stores owner and expiry in the lease object', async () => {
    const { leases, store } = setup();
    await leases.acquire('bucket-src', 'req-1', 60_000);
    expect((await store.get<LeaseDocument>(leaseKey('bucket-src')))!.value).toMatchObject({
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
    expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ owner: 'req-2' });
  });

  it('frees the lease on release', async () => {
    const { leases } = setup();
    const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
    await lease!.release();
    expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ owner: 'req-2' });
  });

  it('leaves nothing behind once released', async () => {
    const { leases, store } = setup();
    await (await leases.acquire('bucket-src', 'req-1', 60_000))!.release();
    expect(await store.list('leases/')).toEqual([]);
  });

  describe('cost (each store call is one OSS request)', () => {
    it('takes a free lease with one create and releases it with one delete', async () => {
      const { store, calls } = counted(new MemoryDocumentStore());
      const leases = new DocumentLeaseManager(store);
      const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
      await lease!.release();
      expect(calls).toEqual(['create', 'delete']);
    });

    it('answers busy with the refused create and one get', async () => {
      const inner = new MemoryDocumentStore();
      await new DocumentLeaseManager(inner).acquire('bucket-src', 'holder', 60_000);
      const { store, calls } = counted(inner);
      expect(await new DocumentLeaseManager(store).acquire('bucket-src', 'req-2', 60_000)).toBeUndefined();
      expect(calls).toEqual(['create', 'get']);
    });

    it('releases in one attempt that gives up within half the delete margin', async () => {
      const { store, deletes } = counted(new MemoryDocumentStore());
      await (await new DocumentLeaseManager(store).acquire('bucket-src', 'req-1', 120_000))!.release();
      expect(deletes).toEqual([{ singleAttemptMs: 5_000 }]);
    });
  });

  describe('a stale holder never frees a rival', () => {
    it('a late release after a takeover leaves the new holder in place', async () => {
      const { leases, clock } = setup();
      const old = await leases.acquire('bucket-src', 'req-1', 1_000);
      clock.now += 1_000;
      const current = await leases.acquire('bucket-src', 'req-2', 60_000);
      await old!.release();
      expect(await leases.acquire('bucket-src', 'req-3', 60_000)).toBeUndefined();
      expect((await leases.holder('bucket-src'))?.owner).toBe(current!.owner);
    });

    it('does not release a lease within its delete margin of expiry: it is left to expire', async () => {
      const { leases, store, clock } = setup();
      const lease = await leases.acquire('bucket-src', 'req-1', 120_000);
      clock.now += 111_000; // 9 s left, under the 10 s margin
      await lease!.release();
      expect(await store.list('leases/')).toEqual([leaseKey('bucket-src')]);
    });

    it('a release that fails leaves the lease to expire and does not throw', async () => {
      const inner = new MemoryDocumentStore();
      const failing: DocumentStore = { ...counted(inner).store, delete: () => Promise.reject(new Error('network down')) };
      const leases = new DocumentLeaseManager(failing);
      const lease = await leases.acquire('bucket-src', 'req-1', 60_000);
      await expect(lease!.release()).resolves.toBeUndefined();
      expect(await leases.holder('bucket-src')).toMatchObject({ owner: 'req-1' });
    });

    it('a takeover with a stale view of the dead lease never removes a newer holder', async () => {
      const inner = new MemoryDocumentStore();
      const clock = { now: Date.parse('2024-05-01T00:00:00Z') };
      const now = () => new Date(clock.now);
      const leases = new DocumentLeaseManager(inner, { now });
      await leases.acquire('n', 'crashed', 1_000);
      const dead = (await inner.get<LeaseDocument>(leaseKey('n')))!.value;
      clock.now += 2_000;
      const current = await leases.acquire('n', 'current', 60_000);
      // A caller that read the lease object before the takeover, acting only now.
      let stale = true;
      const staleStore: DocumentStore = {
        ...counted(inner).store,
        get: async <T>(k: string) => {
          if (k === leaseKey('n') && stale) {
            stale = false;
            return { value: dead as T, eTag: '"x"' };
          }
          return inner.get<T>(k);
        },
      };
      expect(await new DocumentLeaseManager(staleStore, { now }).acquire('n', 'stale', 60_000)).toBeUndefined();
      expect((await leases.holder('n'))?.token).toBe(current!.token);
    });
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

  it('gives exactly one of 20 concurrent acquirers the lease while its holder releases it', async () => {
    const { leases } = setup();
    const held = await leases.acquire('bucket-src', 'holder', 60_000);
    const results = await Promise.all([
      held!.release(),
      ...Array.from({ length: 20 }, (_, i) => leases.acquire('bucket-src', `req-${i}`, 60_000)),
    ]);
    expect(results.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('leaves only the new lease object after a takeover (its markers are collected)', async () => {
    const { leases, store, clock } = setup();
    await leases.acquire('bucket-src', 'crashed', 1_000);
    clock.now += 1_000;
    await leases.acquire('bucket-src', 'next', 60_000);
    expect(await store.list('leases/')).toEqual([leaseKey('bucket-src')]);
  });

  it('takes over once the marker of a takeover winner that died has expired', async () => {
    const { leases, store, clock } = setup();
    await leases.acquire('n', 'crashed', 1_000);
    const dead = (await store.get<LeaseDocument>(leaseKey('n')))!.value;
    clock.now += 1_000;
    // The winner of the first takeover died before it removed the dead object.
    const at = new Date(clock.now);
    await store.create(takeoverKey('n', dead.token, 1), {
      name: 'n',
      owner: 'died',
      token: 'm',
      acquiredAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + TAKEOVER_TTL_MS).toISOString(),
    });
    expect(await leases.acquire('n', 'early', 60_000)).toBeUndefined();
    clock.now += TAKEOVER_TTL_MS;
    expect(await leases.acquire('n', 'later', 60_000)).toMatchObject({ owner: 'later' });
  });

  it('treats a lease object that is not JSON as dead', async () => {
    const { leases, store } = setup();
    store.putRaw(leaseKey('bucket-src'), 'garbage');
    expect(await leases.acquire('bucket-src', 'req-1', 60_000)).toMatchObject({ owner: 'req-1' });
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an object without an expiry', { owner: 'x' }],
    ['a string', 'lease'],
  ])('treats a lease object whose JSON is %s as dead, so no run fails on it', async (_what, value) => {
    const { leases, store } = setup();
    await store.put(leaseKey('bucket-src'), value);
    expect(await leases.acquire('bucket-src', 'req-1', 60_000)).toMatchObject({ owner: 'req-1' });
    expect(await leases.holder('bucket-src')).toMatchObject({ owner: 'req-1' });
  });

  it('counts an ambiguous create of its own lease object as a win', async () => {
    // A retried PUT after a lost response answers FileAlreadyExists for our own object.
    const inner = new MemoryDocumentStore();
    const ambiguous: DocumentStore = {
      ...counted(inner).store,
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
    it('deletes everything of a lease whose holder died longer ago than the idle time', async () => {
      const { leases, store, clock } = setup();
      await leases.acquire('bucket-src', 'crashed', 60_000);
      clock.now += 60_000 + 10 * 60_000;
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(true);
      expect(await store.list('leases/')).toEqual([]);
    });

    it('keeps a lease that expired more recently than the idle time', async () => {
      const { leases, store, clock } = setup();
      await leases.acquire('bucket-src', 'crashed', 60_000);
      clock.now += 60_000 + 9 * 60_000;
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(false);
      expect(await store.list('leases/')).toHaveLength(1);
    });

    it('keeps a live lease', async () => {
      const { leases, clock } = setup();
      await leases.acquire('bucket-src', 'req-1', 60 * 60_000);
      clock.now += 30 * 60_000;
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(false);
    });

    it('deletes what earlier versions left under the name (generation objects) of a free lease', async () => {
      const { leases, store } = setup();
      await store.put('leases/bucket-src/0000000007', { released: true });
      expect(await leases.forget('bucket-src', 10 * 60_000)).toBe(true);
      expect(await store.list('leases/')).toEqual([]);
    });

    it('lets the name be acquired again afterwards', async () => {
      const { leases, clock } = setup();
      await leases.acquire('bucket-src', 'crashed', 60_000);
      clock.now += 60_000 + 10 * 60_000;
      await leases.forget('bucket-src', 10 * 60_000);
      expect(await leases.acquire('bucket-src', 'req-2', 60_000)).toMatchObject({ owner: 'req-2' });
    });
  });
});
