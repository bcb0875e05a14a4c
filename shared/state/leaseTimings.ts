import { backoffDelay } from '../retry';
import type { LeaseWait } from './leases';

/**
 * Every lease timing of the system in one place: how long each kind of lease is held (TTL: how long a
 * crashed holder blocks others) and how long each caller waits for a busy one (see acquireLease).
 */

/** A bucket's lease for one ensure: a few OSS calls plus a short closing wait; short enough to recover from a crash. */
export const BUCKET_LEASE_TTL_MS = 120_000;
/** A bucket's lease held only to rewrite its state document (monitor samples, verify outcomes, retirement). */
export const BUCKET_WRITE_LEASE_TTL_MS = 30_000;
/** `alerts/blocked.json` is read, alerted on (deliveries with retries) and written under its lease. */
export const BLOCKED_ALERTS_LEASE_TTL_MS = 60_000;
/** Run leases (monitor-run, verify-run) never outlive this, whatever the invocation's budget. */
export const MAX_RUN_LEASE_TTL_MS = 600_000;
/** Added to the invocation's remaining time: a run lease outlives its holder only by this much. */
export const RUN_LEASE_MARGIN_MS = 5_000;

/** A run lease lasts the invocation's remaining time plus a margin, at most MAX_RUN_LEASE_TTL_MS. */
export function runLeaseTtlMs(remainingMs: number): number {
  return Number.isFinite(remainingMs) ? Math.min(MAX_RUN_LEASE_TTL_MS, remainingMs + RUN_LEASE_MARGIN_MS) : MAX_RUN_LEASE_TTL_MS;
}

/**
 * A lease object is deleted (released, or removed by a takeover) only while its holder's right to it
 * has at least this much time left, in one attempt that gives up within half of it: the other half
 * covers clock skew between FC instances (NTP-synced: milliseconds). So a delete lands before anyone
 * can see the right expire, or not at all (leases.ts has the argument). Short TTLs (tests, the local
 * stack, on one machine) shrink the margin to a quarter of the TTL.
 */
export const LEASE_DELETE_MARGIN_MS = 10_000;

export function leaseDeleteMarginMs(ttlMs: number): number {
  return Math.min(LEASE_DELETE_MARGIN_MS, Math.floor(ttlMs / 4));
}

/** How long the winner of a takeover has to remove the dead lease object before another caller may try. */
export const TAKEOVER_TTL_MS = 30_000;

/** A retired bucket's lease is deleted once unused this long (see DocumentLeaseManager.forget). */
export const FORGET_LEASE_AFTER_MS = 10 * 60_000;

/**
 * Runs and state writes that can defer their work (a monitor or verify run, a bucket's samples or
 * canary outcomes, a retirement): 250, 500 and 750 ms between four tries, about as long as an ensure
 * holds a bucket, then the work waits for the next run.
 */
export const BRIEF_LEASE_WAIT: LeaseWait = { tries: 4, delayMs: (attempt) => 250 * attempt };

/** The blocked-incident memory: a holder sends its alerts under the lease, so the wait is a little longer (2 s). */
export const BLOCKED_ALERTS_LEASE_WAIT: LeaseWait = { tries: 5, delayMs: (attempt) => 200 * attempt };

/**
 * Polls for a busy bucket's lease while ensure waits for it (EnsureOptions.leaseWaitMs): full jitter
 * under a ceiling that doubles from 200 ms to 1 s, so the waiters of one bucket do not poll in step.
 * The wait is bounded by time, not tries.
 */
export const BUCKET_LEASE_POLL = { maxAttempts: Number.MAX_SAFE_INTEGER, baseDelayMs: 200, maxDelayMs: 1_000 } as const;

export function bucketLeaseWait(forMs: number, random: () => number = Math.random): LeaseWait {
  return { forMs, delayMs: (attempt) => backoffDelay(BUCKET_LEASE_POLL, attempt, random) };
}

/**
 * bucket-events waits at most this long for a busy bucket's lease in one invocation. A bucket's
 * PutBucket and PutBucketTags events arrive about a second apart and the holder's ensure takes
 * seconds, so waiting here, instead of asking FC to retry at once, keeps an event from spending FC's
 * few async retries on contention.
 */
export const EVENT_LEASE_WAIT_MAX_MS = 60_000;
/** Left of a bucket-events invocation after a wait: the ensure itself (closing waits included), alerts, the summary. */
export const EVENT_LEASE_WAIT_RESERVE_MS = 30_000;

/** How long a bucket-events invocation may wait for a busy lease: bounded, and never into its own deadline. */
export function eventLeaseWaitMs(remainingMs: number): number {
  return Math.max(0, Math.min(EVENT_LEASE_WAIT_MAX_MS, remainingMs - EVENT_LEASE_WAIT_RESERVE_MS));
}
