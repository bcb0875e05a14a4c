import {
  correlateFindings,
  dueDigests,
  type Incident,
  type IncidentOptions,
  loadAlertsState,
  type Notification,
  reconcileIncidents,
  saveAlertsState,
} from '../../shared/alerts';
import { readParity } from '../../shared/audit';
import {
  acquireLease,
  BRIEF_LEASE_WAIT,
  type BucketState,
  getBucketState,
  listManagedBuckets,
  MONITOR_LEASE,
  runLeaseTtlMs,
  updateBucketState,
  withBucketWriteLease,
} from '../../shared/state';
import type { Services } from '../../shared/services';
import { mapLimit, type TimerInput } from '../../shared/runtime';
import { notify, routeNotifications } from './notify';
import { readProgress, viewRule } from './ruleView';
import { nextProgress } from '../../shared/progress';
import { deleteRetired, nextRetired, retirementMessages, retirementNotifications } from './retirement';
import { appendTimeline } from '../../shared/alerts';
import type { MonitorContext, MonitorRun, MonitorSummary, RuleView } from './types';

export const DEFAULT_INCIDENT_OPTIONS: IncidentOptions = {
  quietMinutes: 30,
  reminderMinutes: 240,
  resolveAfterClearSamples: 1,
  maxReminders: 1,
};

export type MonitorInput = TimerInput;

interface Observation {
  readonly views: RuleView[];
  readonly unobserved: string[];
  /** Managed buckets whose source answered NoSuchBucket: retired this run. */
  readonly gone: BucketState[];
  /** Managed buckets read this run whose source still exists (or that have no rule to read). */
  readonly alive: string[];
  readonly managed: string[];
  buckets: number;
  outOfTime: boolean;
}

/**
 * One monitor run (timer, every 5 minutes): for each managed bucket one GetBucketReplicationProgress
 * per owned rule (with `rule-id`), a bounded sample history per rule, findings from shared/progress, incidents moved
 * forward (open, quiet, one reminder, recovery), notifications and due digests delivered to the
 * policy's channels, and everything the next run needs written back to the state bucket.
 * Canary failures recorded by verify become incidents here, at most one monitor period later.
 */
export async function runMonitor(_input: MonitorInput, s: Services, context: MonitorContext): Promise<MonitorSummary> {
  const ctx: MonitorRun = { ...context, at: context.now() };
  const lease = await acquireLease(
    s.leases,
    { name: MONITOR_LEASE, owner: ctx.invocationId, ttlMs: runLeaseTtlMs(ctx.deadline.remainingMs()) },
    BRIEF_LEASE_WAIT,
    ctx,
  );
  if (!lease) return skipped();
  try {
    const alerts = await loadAlertsState(s.state, ctx.at);
    const seen = await observeAll(s, ctx);
    const unobserved = new Set(seen.unobserved);
    const gone = new Set(seen.gone.map((g) => g.bucket));
    // Incidents of buckets not read this run stay exactly as they were; those of deleted sources are
    // closed by the retirement message; the rest move forward.
    const kept = alerts.incidents.filter((i) => unobserved.has(i.rule.bucket));
    const observed = alerts.incidents.filter((i) => !unobserved.has(i.rule.bucket) && !gone.has(i.rule.bucket));
    const retiring = seen.gone
      .filter((g) => alerts.retired[g.bucket] === undefined)
      .map((state) => ({ state, incidents: alerts.incidents.filter((i) => i.rule.bucket === state.bucket) }));
    const findings = correlateFindings(
      seen.views.flatMap((v) => v.findings),
      observed,
    );
    const options = { ...DEFAULT_INCIDENT_OPTIONS, ...ctx.incidents };
    const next = reconcileIncidents(observed, findings, ctx.at, options);
    const digests = dueDigests(s.policy, seen.views, alerts.lastDigestAt, ctx.at);
    const retirement = retirementMessages(s.policy, retiring, ctx.at);
    const sent = await notify(
      s.policy,
      [...routeNotifications(s.policy, seen.views, next.notifications), ...retirement, ...digests],
      alerts,
      ctx,
    );
    const lastDigestAt = { ...alerts.lastDigestAt };
    for (const channel of digests.flatMap((d) => d.to ?? [])) lastDigestAt[channel] = ctx.at.toISOString();
    const incidents: Incident[] = [...kept, ...next.incidents];
    const retired = await nextRetired(s, alerts.retired, new Set(seen.managed), new Set(seen.alive), ctx);
    for (const { state } of retiring) retired[state.bucket] = ctx.at.toISOString();
    const closed = retiring.flatMap((r) => retirementNotifications(r.state, r.incidents, ctx.at));
    const timeline = appendTimeline(alerts.timeline, [...next.notifications, ...closed]);
    const saved = { ...alerts, incidents, rateLimit: sent.rateLimit, undelivered: sent.undelivered, lastDigestAt, retired, timeline };
    // Saved before the documents go: from here on a retry finishes the retirement without a second message.
    await saveAlertsState(s.state, saved, ctx.at);
    await deleteRetired(s, [...gone], ctx);
    return {
      buckets: seen.buckets,
      rules: seen.views.length,
      unobserved: seen.unobserved,
      findings: findings.map((f) => ({ key: f.key, kind: f.kind })),
      openIncidents: incidents.length,
      notifications: countTypes(next.notifications),
      retired: retiring.map((r) => r.state.bucket),
      digests: sent.digestsSent,
      deliveries: sent.deliveries,
      channelErrors: sent.channelErrors,
      outOfTime: seen.outOfTime,
    };
  } finally {
    await lease.release();
  }
}

async function observeAll(s: Services, ctx: MonitorRun): Promise<Observation> {
  const buckets = await listManagedBuckets(s.state);
  const seen: Observation = { views: [], unobserved: [], gone: [], alive: [], managed: buckets, buckets: buckets.length, outOfTime: false };
  await mapLimit(buckets, ctx.concurrency, async (bucket) => {
    if (ctx.deadline.expired()) {
      seen.outOfTime = true;
      seen.unobserved.push(bucket);
      return;
    }
    try {
      const observed = await observeBucket(s, bucket, ctx);
      if ('gone' in observed) seen.gone.push(observed.gone);
      else {
        seen.views.push(...observed.views);
        seen.alive.push(bucket);
      }
    } catch (error) {
      seen.unobserved.push(bucket);
      ctx.log.warn('could not observe bucket; its incidents are kept as they were', { bucket, error });
    }
  });
  return seen;
}

async function observeBucket(s: Services, bucket: string, ctx: MonitorRun): Promise<{ views: RuleView[] } | { gone: BucketState }> {
  const state = await getBucketState(s.state, bucket, ctx.at);
  if (state.rules.length === 0) return { views: [] };
  const progress = await readProgress(s, state);
  if (progress === 'source-gone') return { gone: state };
  // The parity audit's findings open incidents here, like verify's canaries: one lifecycle for both.
  const parity = await readParity(
    s.state,
    bucket,
    state.rules.map((r) => r.ruleId),
  );
  const views = await Promise.all(state.rules.map((rule) => viewRule(s, state, rule, progress, ctx.at, parity.get(rule.ruleId))));
  // The bucket document is shared with ensure and verify: write under the bucket lease or not at all
  // (the findings of this run stand; only this run's samples are lost).
  const write = await withBucketWriteLease(s.leases, bucket, ctx.invocationId, ctx, () =>
    updateBucketState(
      s.state,
      bucket,
      (fresh) => ({
        ...fresh,
        progress: nextProgress(
          fresh.progress,
          new Set(fresh.rules.map((r) => r.ruleId)),
          new Map(views.map((v) => [v.rule.ruleId, v.history])),
        ),
      }),
      ctx.at,
    ),
  );
  if (!write.held) ctx.log.warn('bucket lease busy; progress samples not stored this run', { bucket });
  return { views };
}

function countTypes(ns: readonly Notification[]): MonitorSummary['notifications'] {
  return {
    opened: ns.filter((n) => n.type === 'opened').length,
    reminder: ns.filter((n) => n.type === 'reminder').length,
    resolved: ns.filter((n) => n.type === 'resolved').length,
  };
}

function skipped(): MonitorSummary {
  return {
    skipped: 'busy',
    buckets: 0,
    rules: 0,
    unobserved: [],
    findings: [],
    openIncidents: 0,
    notifications: { opened: 0, reminder: 0, resolved: 0 },
    retired: [],
    digests: [],
    deliveries: [],
    channelErrors: [],
    outOfTime: false,
  };
}
