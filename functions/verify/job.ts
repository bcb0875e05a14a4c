import { diagnosisOf } from '../../shared/canary';
import type { Services } from '../../shared/services';
import {
  acquireLease,
  BRIEF_LEASE_WAIT,
  listManagedBuckets,
  PENDING_CANARIES_PREFIX,
  pendingCanaryDueAt,
  PendingCanaryKeys,
  runLeaseTtlMs,
  VERIFY_LEASE,
} from '../../shared/state';
import { processDue, type DueResult } from './processDue';
import { mapLimit, type TimerInput } from '../../shared/runtime';
import { loadDueIndex, mustRead, nextIndex, sameIndex, saveDueIndex, type DueIndex } from './dueIndex';
import { scheduleBucket } from './periodic';
import { recordOutcomes, type Outcome, type RecordDeps } from './recordOutcomes';
import type { VerifyContext, VerifyFailure, VerifyRun, VerifySummary } from './types';

/** The timer's trigger time, for the log only: the job always works on its own clock. */
export type VerifyInput = TimerInput;

interface Tally {
  due: number;
  /** Bucket states read to find rules due a periodic canary. */
  read: number;
  written: number;
  waiting: number;
  errors: number;
  deferred: number;
  outOfTime: boolean;
  readonly outcomes: Outcome[];
}

/**
 * One verify run (timer, every minute):
 * 1. every due document under `canaries/pending/` moves forward: a schedule from ensure becomes a
 *    written canary, a written canary is checked (waiting ones are re-queued with backoff), and
 *    finished checks are appended to their bucket's canary history;
 * 2. every owned rule without a pending check whose newest canary is `verify.everyHours` old gets a
 *    new canary. Only the buckets the due index (`canaries/due-index.json`) says may be due have
 *    their state read: one GET per bucket every few hours instead of every minute.
 * Verify only records outcomes; the monitor turns failures into incidents, so a failing canary alerts
 * at the monitor's next run (at most 5 minutes later). Pending work lives in the state bucket, so a run
 * that stops at its deadline loses nothing.
 */
export async function runVerify(_input: VerifyInput, s: Services, context: VerifyContext): Promise<VerifySummary> {
  const ctx: VerifyRun = { ...context, at: context.now() };
  const deps: RecordDeps = { now: ctx.at, owner: ctx.invocationId, sleep: ctx.sleep };
  const lease = await acquireLease(
    s.leases,
    { name: VERIFY_LEASE, owner: ctx.invocationId, ttlMs: runLeaseTtlMs(ctx.deadline.remainingMs()) },
    BRIEF_LEASE_WAIT,
    ctx,
  );
  if (!lease)
    return {
      skipped: 'busy',
      due: 0,
      bucketsRead: 0,
      written: 0,
      waiting: 0,
      verified: 0,
      failed: [],
      deferred: 0,
      errors: 0,
      outOfTime: false,
    };
  const tally: Tally = { due: 0, read: 0, written: 0, waiting: 0, errors: 0, deferred: 0, outOfTime: false, outcomes: [] };
  try {
    await checkDue(s, ctx, tally);
    const index = await scheduleRules(s, ctx, tally);
    const recorded = await record(s, ctx, deps, tally);
    const next = nextIndex(index.old, index.updates, index.managed, recorded);
    if (!sameIndex(index.old, next)) await saveDueIndex(s.state, s.policy, next);
  } finally {
    await lease.release();
  }
  return summarise(tally);
}

async function checkDue(s: Services, ctx: VerifyRun, tally: Tally): Promise<void> {
  const keys = await s.state.list(PENDING_CANARIES_PREFIX);
  const due = keys.filter((k) => (pendingCanaryDueAt(k)?.getTime() ?? Infinity) <= ctx.at.getTime());
  tally.due = due.length;
  await mapLimit(due, ctx.concurrency, async (key) => {
    if (ctx.deadline.expired()) return void (tally.outOfTime = true);
    try {
      count(await processDue(key, s, ctx.at), tally);
    } catch (error) {
      tally.errors += 1;
      ctx.log.warn('canary check failed; kept for the next run', { key, error });
    }
  });
}

function count(result: DueResult, tally: Tally): void {
  if (result.kind === 'written') tally.written += 1;
  if (result.kind === 'waiting') tally.waiting += 1;
  if (result.kind === 'completed')
    tally.outcomes.push({ bucket: result.completed.target.sourceBucket, record: result.completed.record, key: result.key });
}

interface IndexRun {
  readonly old: DueIndex;
  readonly updates: Record<string, string>;
  readonly managed: string[];
}

/** Reads the state of the buckets the due index says may be due (all of them on a first run) and writes their canaries. */
async function scheduleRules(s: Services, ctx: VerifyRun, tally: Tally): Promise<IndexRun> {
  const [pendingKeys, managed, old] = await Promise.all([
    s.state.list(PENDING_CANARIES_PREFIX),
    listManagedBuckets(s.state),
    loadDueIndex(s.state, s.policy),
  ]);
  const pending = PendingCanaryKeys.of(pendingKeys);
  const updates: Record<string, string> = {};
  const buckets = managed.filter((b) => mustRead(old, b, ctx.at));
  tally.read = buckets.length;
  await mapLimit(buckets, ctx.concurrency, async (bucket) => {
    if (ctx.deadline.expired()) return void (tally.outOfTime = true);
    try {
      const result = await scheduleBucket(s, bucket, pending, ctx.at);
      tally.written += result.written;
      tally.outcomes.push(...result.failed);
      updates[bucket] = result.nextReadAt;
    } catch (error) {
      tally.errors += 1;
      ctx.log.warn('could not schedule canaries for bucket', { bucket, error });
    }
  });
  return { old, updates, managed };
}

/** Records outcomes per bucket; returns the buckets whose canary history changed (or may have). */
async function record(s: Services, ctx: VerifyRun, deps: RecordDeps, tally: Tally): Promise<Set<string>> {
  const byBucket = new Map<string, Outcome[]>();
  for (const o of tally.outcomes) byBucket.set(o.bucket, [...(byBucket.get(o.bucket) ?? []), o]);
  await mapLimit([...byBucket], ctx.concurrency, async ([bucket, outcomes]) => {
    try {
      if (!(await recordOutcomes(s, bucket, outcomes, deps))) tally.deferred += outcomes.length;
    } catch (error) {
      tally.errors += 1;
      ctx.log.warn('could not record canary outcomes; kept for the next run', { bucket, error });
    }
  });
  for (const o of tally.outcomes.filter((o) => o.record.outcome !== 'arrived')) {
    ctx.log.warn('canary failed', { bucket: o.bucket, ruleId: o.record.ruleId, diagnosis: o.record.detail });
  }
  return new Set(byBucket.keys());
}

function summarise(t: Tally): VerifySummary {
  const failed: VerifyFailure[] = t.outcomes
    .filter((o) => o.record.outcome !== 'arrived')
    .map((o) => ({ bucket: o.bucket, ruleId: o.record.ruleId, code: diagnosisOf(o.record)?.code ?? 'NeverArrived' }));
  const verified = t.outcomes.length - failed.length;
  return {
    due: t.due,
    bucketsRead: t.read,
    written: t.written,
    waiting: t.waiting,
    verified,
    failed,
    deferred: t.deferred,
    errors: t.errors,
    outOfTime: t.outOfTime,
  };
}
