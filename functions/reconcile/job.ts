import { alertBlocked, type AlertReport } from '../../shared/alerts';
import { ChangeBudget, type EnsureOutcome, type EnsureResult, type ReasonCode } from '../../shared/replication';
import { blockedMemoryOf, ensureDepsOf, type EnsureJobContext, type Services } from '../../shared/services';
import { forEachLimit, parseTimerEvent } from '../../shared/runtime';
import type { Logger } from '../../shared/log';
import { reconcileRunKey } from '../../shared/state';
import { regionOf } from '../../shared/xml';
import { housekeeping, type HousekeepingReport } from './housekeeping';
import { loadRecordedRules } from './recordedRules';
import { sweepBucket, type SweepDeps } from './sweepBucket';
import { taggedBuckets } from './taggedBuckets';

/** Time kept back at the end of the invocation: one ensure may wait for a closing rule (5 s by default). */
export const DEFAULT_RESERVE_MS = 10_000;
/** The summary lists at most this many not-reached buckets by name (the count is always exact). */
const MAX_LISTED = 200;

export interface ReconcileContext extends EnsureJobContext {
  /** No new ensure starts once less than this much time is left. */
  readonly reserveMs?: number;
}

export type SweepOutcome = EnsureOutcome | 'not-reached';

export interface BucketProblem {
  readonly bucket: string;
  readonly reason: ReasonCode | 'Unknown';
  readonly message: string;
  readonly policy?: string;
}

export interface ReconcileSummary {
  readonly requestId: string;
  readonly trigger: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly buckets: number;
  readonly counts: Readonly<Partial<Record<SweepOutcome, number>>>;
  readonly blocked: readonly BucketProblem[];
  readonly failed: readonly BucketProblem[];
  /** Changes skipped because the run's budget (guardrails.maxChangesPerRun) was spent. */
  readonly deferred: readonly string[];
  readonly notReached: readonly string[];
  readonly budget: { readonly limit: number; readonly remaining: number };
  readonly alerts: readonly AlertReport[];
  /** Old run summaries and expired processed-event records deleted this run (bounded per run). */
  readonly housekeeping: HousekeepingReport;
  /** Where the summary was written in the state bucket; absent when that write failed. */
  readonly summaryKey?: string;
}

/** A timer event, or `{}` / nothing for a manual run (console, CLI, local stack). */
function triggerName(payload: unknown): string {
  const empty = payload === undefined || payload === null || (typeof payload === 'object' && Object.keys(payload).length === 0);
  return empty ? 'manual' : parseTimerEvent(payload).triggerName;
}

function problem(r: EnsureResult): BucketProblem {
  const policy = r.reason?.policy;
  return { bucket: r.bucket, reason: r.reason?.code ?? 'Unknown', message: r.reason?.message ?? r.outcome, ...(policy ? { policy } : {}) };
}

function countOutcomes(results: readonly EnsureResult[], notReached: number): Partial<Record<SweepOutcome, number>> {
  const counts: Partial<Record<SweepOutcome, number>> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  if (notReached > 0) counts['not-reached'] = notReached;
  return counts;
}

async function sweepDeps(services: Services, ctx: ReconcileContext, budget: ChangeBudget): Promise<SweepDeps> {
  const [tagged, recorded] = await Promise.all([
    taggedBuckets(services.oss, services.policy.selector.tagKey, ctx.log),
    loadRecordedRules({ state: services.state, concurrency: ctx.concurrency, now: ctx.now(), log: ctx.log }),
  ]);
  const base = { ensure: ensureDepsOf(services, ctx), state: services.state, oss: services.oss, budget, now: ctx.now, recorded };
  return tagged === undefined ? base : { ...base, tagged };
}

async function writeSummary(services: Services, summary: ReconcileSummary, startedAt: Date, log: Logger): Promise<ReconcileSummary> {
  const key = reconcileRunKey(startedAt);
  try {
    await services.state.put(key, { ...summary, summaryKey: key });
    return { ...summary, summaryKey: key };
  } catch (error) {
    log.error('could not write the reconcile summary', { key, error });
    return summary;
  }
}

/**
 * The sweep: every bucket of the account (ListBuckets on one endpoint lists all regions), ensure on
 * each with bounded concurrency, one change budget for the run, no new work near the deadline.
 * Catches missed events, late tags and drift (an owned rule deleted by hand comes back).
 * Blocked buckets are alerted once per incident (one message per channel and run); the summary
 * goes to `runs/reconcile/`. Housekeeping keeps the state bucket bounded (old run summaries,
 * expired processed-event records), a bounded amount per run and only while time is left.
 */
export async function runReconcile(payload: unknown, services: Services, ctx: ReconcileContext): Promise<ReconcileSummary> {
  const trigger = triggerName(payload);
  const startedAt = ctx.now();
  const budget = new ChangeBudget(services.policy.guardrails.maxChangesPerRun);
  // Every bucket, though only tagged ones cost a request: the complete listing gives each its
  // region and scopes the blocked-incident memory (a bucket missing from it was deleted).
  const listed = await services.oss.listBuckets();
  const deps = await sweepDeps(services, ctx, budget);
  const results: EnsureResult[] = [];
  const notReached: string[] = [];
  const reserve = ctx.reserveMs ?? DEFAULT_RESERVE_MS;
  await forEachLimit(
    listed,
    ctx.concurrency,
    async (b) => void results.push(await sweepBucket(b.name, b.region ?? regionOf(b.location), deps)),
    { shouldStart: () => ctx.deadline.remainingMs() > reserve, notStarted: (b) => void notReached.push(b.name) },
  );
  if (notReached.length > 0) ctx.log.warn('deadline near: buckets left for the next run', { notReached: notReached.length });
  // Once per incident: alerted when a bucket becomes blocked, reminded after a day, a recovery
  // message when it no longer is (or was deleted: the listing is complete, so it scopes the memory).
  const alerts = await alertBlocked(results, blockedMemoryOf(services, ctx), { listed: new Set(listed.map((b) => b.name)) });
  await deps.recorded.save(results);
  const tidy = await housekeeping({ state: services.state, now: startedAt, deadline: ctx.deadline, reserveMs: reserve, log: ctx.log });
  const summary: ReconcileSummary = {
    requestId: ctx.invocationId,
    trigger,
    startedAt: startedAt.toISOString(),
    finishedAt: ctx.now().toISOString(),
    buckets: listed.length,
    counts: countOutcomes(results, notReached.length),
    blocked: results.filter((r) => r.outcome === 'blocked').map(problem),
    failed: results.filter((r) => r.outcome === 'failed').map(problem),
    deferred: results.filter((r) => r.reason?.code === 'ChangeBudgetExhausted').map((r) => r.bucket),
    notReached: notReached.slice(0, MAX_LISTED),
    budget: { limit: budget.limit, remaining: budget.remaining },
    alerts,
    housekeeping: tidy,
  };
  ctx.log.info('reconcile done', { counts: summary.counts, blocked: summary.blocked.length, failed: summary.failed.length });
  return writeSummary(services, summary, startedAt, ctx.log);
}
