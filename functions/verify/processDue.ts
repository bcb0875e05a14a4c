import { canaryRecord, checkCanary, type CompletedCanary, type PendingCanary, startCanary } from '../../shared/canary';
import type { ScheduledCanary } from '../../shared/replication';
import type { Services } from '../../shared/services';
import { pendingCanaryKey } from '../../shared/state';
import { checkPendingDocument } from './pending';

/** First re-check 30 s after a miss, doubling, never more than 5 min apart (the timer runs every minute). */
export const RECHECK_BASE_MS = 30_000;
export const RECHECK_MAX_MS = 300_000;

export type DueResult =
  | { readonly kind: 'gone' }
  | { readonly kind: 'written'; readonly bucket: string; readonly ruleId: string }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'completed'; readonly key: string; readonly completed: CompletedCanary };

/**
 * Moves one due document forward. Transient OSS errors propagate and leave the document as it was,
 * so the next run retries it. A document that fails checkPendingDocument (corrupt, forged, a key
 * outside the canary folder) is moved aside by the store and counts as gone.
 */
export async function processDue(key: string, s: Services, now: Date): Promise<DueResult> {
  const stored = await s.state.read(key, checkPendingDocument(key));
  if (!stored) return { kind: 'gone' };
  const doc = stored.value;
  if ('kind' in doc && doc.kind === 'completed') return { kind: 'completed', key, completed: doc };
  if ('kind' in doc && doc.kind === 'schedule') return startScheduled(key, doc, s, now);
  return checkPending(key, doc as PendingCanary, s, now);
}

/** A schedule from ensure (rule just added): write the canary now and queue its check. */
async function startScheduled(key: string, schedule: ScheduledCanary, s: Services, now: Date): Promise<DueResult> {
  const started = await startCanary(s.oss, s.policy, schedule.policy, schedule.target, now);
  if (started.kind === 'source-gone') {
    // Not a failed canary: the bucket is gone, and the monitor retires it (no alert, no history).
    await s.state.delete(key);
    return { kind: 'gone' };
  }
  if (started.kind === 'failed') return complete(key, started.completed, s);
  const next = pendingCanaryKey(new Date(started.pending.dueAt), schedule.target.sourceBucket, schedule.target.ruleId);
  await s.state.put(next, started.pending);
  // A policy without delay, run the instant the schedule fell due, gives the canary the schedule's own key.
  if (next !== key) await s.state.delete(key);
  return { kind: 'written', bucket: schedule.target.sourceBucket, ruleId: schedule.target.ruleId };
}

async function checkPending(key: string, pending: PendingCanary, s: Services, now: Date): Promise<DueResult> {
  const check = await checkCanary(s.oss, pending, now);
  if (check.kind !== 'waiting')
    return complete(key, { kind: 'completed', target: pending.target, record: canaryRecord(pending, check) }, s);
  const next = nextCheckAt(check.pending, now);
  // New key first, then the old one goes: a crash in between leaves a duplicate check, never none.
  await s.state.put(pendingCanaryKey(next, pending.target.sourceBucket, pending.target.ruleId), {
    ...check.pending,
    dueAt: next.toISOString(),
  });
  await s.state.delete(key);
  return { kind: 'waiting' };
}

/** The outcome replaces the pending document (same, already due key) until BucketState has it. */
async function complete(key: string, completed: CompletedCanary, s: Services): Promise<DueResult> {
  await s.state.put(key, completed);
  return { kind: 'completed', key, completed };
}

export function nextCheckAt(pending: PendingCanary, now: Date): Date {
  const backoff = Math.min(RECHECK_MAX_MS, RECHECK_BASE_MS * 2 ** Math.max(0, pending.attempts - 1));
  const deadline = Date.parse(pending.deadlineAt);
  return new Date(Math.max(now.getTime() + 1000, Math.min(now.getTime() + backoff, deadline)));
}
