import { bucketLeaseName } from '../../../shared/state/keys';
import { acquireLease, DocumentLeaseManager, withBucketWriteLease } from '../../../shared/state/leases';
import {
  BLOCKED_ALERTS_LEASE_WAIT,
  BRIEF_LEASE_WAIT,
  BUCKET_WRITE_LEASE_TTL_MS,
  bucketLeaseWait,
  eventLeaseWaitMs,
  runLeaseTtlMs,
} from '../../../shared/state/leaseTimings';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';

const request = { name: 'bucket:photos', owner: 'me', ttlMs: 30_000 };

function world() {
  let clock = 0;
  const pauses: number[] = [];
  const now = () => new Date(clock);
  const leases = new DocumentLeaseManager(new MemoryDocumentStore(), { now });
  const sleep = async (ms: number) => {
    pauses.push(ms);
    clock += ms;
  };
  return { leases, now, sleep, pauses };
}

describe('acquireLease', () => {
  it('takes a free lease at the first try, without pausing', async () => {
    const w = world();
    const lease = await acquireLease(w.leases, request, BRIEF_LEASE_WAIT, w);
    expect([lease?.owner, w.pauses]).toEqual(['me', []]);
  });

  it('gives up after the wait tries with the pauses between them', async () => {
    const w = world();
    await w.leases.acquire(request.name, 'other', 600_000);
    const lease = await acquireLease(w.leases, request, BRIEF_LEASE_WAIT, w);
    expect([lease, w.pauses]).toEqual([undefined, [250, 500, 750]]);
  });

  it('waits longer for the blocked-incident memory, whose holder sends alerts under it', async () => {
    const w = world();
    await w.leases.acquire(request.name, 'other', 600_000);
    await acquireLease(w.leases, request, BLOCKED_ALERTS_LEASE_WAIT, w);
    expect(w.pauses).toEqual([200, 400, 600, 800]);
  });

  it('takes the lease once its holder lets go during the wait', async () => {
    const w = world();
    const held = await w.leases.acquire(request.name, 'other', 600_000);
    const lease = await acquireLease(w.leases, request, BRIEF_LEASE_WAIT, { sleep: () => held!.release() });
    expect(lease?.owner).toBe('me');
  });

  it('never pauses past a time-bounded wait', async () => {
    const w = world();
    await w.leases.acquire(request.name, 'other', 600_000);
    const lease = await acquireLease(
      w.leases,
      request,
      bucketLeaseWait(5_000, () => 0.999),
      w,
    );
    expect([lease, w.now().getTime(), w.pauses.length > 2]).toEqual([undefined, 5_000, true]);
  });

  it('tries once when the wait has neither tries nor time', async () => {
    const w = world();
    await w.leases.acquire(request.name, 'other', 600_000);
    expect([await acquireLease(w.leases, request, { delayMs: () => 100 }, w), w.pauses]).toEqual([undefined, []]);
  });
});

describe('lease timings', () => {
  it('gives a run lease the invocation remaining time plus 5 s, at most 10 min', () => {
    expect([runLeaseTtlMs(60_000), runLeaseTtlMs(900_000), runLeaseTtlMs(Infinity)]).toEqual([65_000, 600_000, 600_000]);
  });

  it('lets bucket-events wait at most 60 s for a lease, never into the last 30 s of its invocation', () => {
    expect([eventLeaseWaitMs(300_000), eventLeaseWaitMs(50_000), eventLeaseWaitMs(10_000), eventLeaseWaitMs(Infinity)]).toEqual([
      60_000, 20_000, 0, 60_000,
    ]);
  });
});

describe('withBucketWriteLease', () => {
  it('runs the write holding the bucket lease for a document write, then releases it', async () => {
    const w = world();
    const seen = await withBucketWriteLease(w.leases, 'photos', 'me', w, async () =>
      w.leases.acquire(bucketLeaseName('photos'), 'other', 1),
    );
    const after = await w.leases.acquire(bucketLeaseName('photos'), 'other', 1);
    expect([seen, after?.owner]).toEqual([{ held: true, value: undefined }, 'other']);
  });

  it('holds the lease for BUCKET_WRITE_LEASE_TTL_MS, so a writer that crashed blocks others no longer', async () => {
    const w = world();
    const name = bucketLeaseName('photos');
    const seen = await withBucketWriteLease(w.leases, 'photos', 'me', w, async () => {
      await w.sleep(BUCKET_WRITE_LEASE_TTL_MS - 1);
      const justBefore = await w.leases.acquire(name, 'other', 1);
      await w.sleep(2);
      const justAfter = await w.leases.acquire(name, 'other', 1);
      return [justBefore?.owner, justAfter?.owner];
    });
    expect(seen).toEqual({ held: true, value: [undefined, 'other'] });
  });

  it('writes nothing when the lease stays busy for the brief wait', async () => {
    const w = world();
    await w.leases.acquire(bucketLeaseName('photos'), 'other', 600_000);
    const write = jest.fn(async () => 'written');
    expect([await withBucketWriteLease(w.leases, 'photos', 'me', w, write), write.mock.calls.length, w.pauses]).toEqual([
      { held: false },
      0,
      [250, 500, 750],
    ]);
  });

  it('releases the lease when the write throws', async () => {
    const w = world();
    await expect(
      withBucketWriteLease(w.leases, 'photos', 'me', w, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await w.leases.acquire(bucketLeaseName('photos'), 'other', 1))?.owner).toBe('other');
  });
});
