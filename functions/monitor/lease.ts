import type { Lease, LeaseManager } from '../../shared/state/types';

const TRIES = 4;
const RETRY_MS = 250;

/** A lease, waiting a little for a holder that is about to finish (ensure holds a bucket for seconds). */
export async function acquireLease(leases: LeaseManager, name: string, owner: string, ttlMs: number, sleep: (ms: number) => Promise<void>): Promise<Lease | undefined> {
  for (let i = 0; i < TRIES; i++) {
    const lease = await leases.acquire(name, owner, ttlMs);
    if (lease) return lease;
    if (i + 1 < TRIES) await sleep(RETRY_MS * (i + 1));
  }
  return undefined;
}
