import type { OssApi } from '../../../shared/oss/types';
import { ensure } from '../../../shared/replication/ensure';
import { bucketLeaseName } from '../../../shared/state/keys';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { makeDoc } from './fixtures';

/** Any OSS call fails the test: a busy bucket must be left alone entirely. */
const untouchable = new Proxy({} as OssApi, {
  get: (_target, name) => () => Promise.reject(new Error(`unexpected OSS call ${String(name)}`)),
});

function deps() {
  const state = new MemoryDocumentStore();
  const leases = new DocumentLeaseManager(state);
  return { oss: untouchable, policy: makeDoc(), state, leases, account: '1' };
}

describe('ensure: lease', () => {
  it('answers busy, retryable, without touching OSS when another invocation holds the bucket', async () => {
    const d = deps();
    await d.leases.acquire(bucketLeaseName('photos'), 'someone-else', 60_000);
    const result = await ensure('photos', d);
    expect([result.outcome, result.reason?.code, result.retryable]).toEqual(['busy', 'LeaseHeld', true]);
  });

  it('polls for the lease until leaseWaitMs has passed, then answers busy', async () => {
    const d = deps();
    await d.leases.acquire(bucketLeaseName('photos'), 'someone-else', 600_000);
    let clock = 0;
    let polls = 0;
    const sleep = async (ms: number) => {
      polls += 1;
      clock += ms;
    };
    const result = await ensure('photos', { ...d, now: () => new Date(clock), sleep }, { leaseWaitMs: 5_000 });
    expect([result.outcome, clock, polls > 2]).toEqual(['busy', 5_000, true]);
  });

  it('goes on with the run once the holder releases the lease during the wait', async () => {
    const d = deps();
    const held = await d.leases.acquire(bucketLeaseName('photos'), 'someone-else', 600_000);
    const sleep = async () => held!.release();
    const result = await ensure('photos', { ...d, sleep }, { leaseWaitMs: 5_000 });
    // Past the lease: the untouchable OSS makes the run itself fail.
    expect([result.outcome, result.reason?.message]).toEqual(['failed', expect.stringContaining('unexpected OSS call')]);
  });

  it('releases its lease even when the run fails', async () => {
    const d = deps();
    const failed = await ensure('photos', d);
    const again = await d.leases.acquire(bucketLeaseName('photos'), 'next', 60_000);
    expect([failed.outcome, again !== undefined]).toEqual(['failed', true]);
  });
});
