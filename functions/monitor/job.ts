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
import {
  acquireLease,
  BRIEF_LEASE_WAIT,
  type BucketState,
  type BucketDigest,
  bucketDigest,
  bucketShardOf,
  byBucketShard,
  emptyBucketState,
  type KeptParity,
  listBucketStateETags,
  listMonitorDocuments,
  MONITOR_LEASE,
  type MonitoredBucket,
  type OwnedRule,
  parityOfRules,
  readBucketIndexShard,
  readBucketStateEntry,
  readMonitorShard,
  runLeaseTtlMs,
  storedSamples,
  writeMonitorShard,
} from '../../shared/state';
import { canaryDigest } from '../../shared/canary';
import type { Services } from '../../shared/services';
import { mapLimit, type TimerInput } from '../../shared/runtime';
import { notify, routeNotifications } from './notify';
import { currentParity, paritySource, type ParitySource } from './parity';
import { readProgress, viewRule } from './ruleView';
import { historyOf } from '../../shared/progress';
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
 * What it keeps lives in documents only the monitor writes (its shards, `alerts/state.json`, see
 * monitorShards.ts), so beside the progress reads a run costs a listing of `buckets/`, a listing of
 * `monitor/`, two requests per shard (a third, the bucket index's, when a bucket there changed; a
 * fourth, the audit's parity shard, when an audit run changed it since: see parity.ts), and a read of
 * each bucket document that changed since either last described it.
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

/**
 * The monitor's view of one bucket: the one in its shard while the bucket's document is the one it was
 * taken from (same ETag), else the bucket index's (reconcile's) if that one is, else the document read
 * again (ensure or verify changed it; the first look after an upgrade also takes the samples the
 * document still holds). Undefined when the document is gone (retired meanwhile).
 */
async function currentView(
  s: Services,
  bucket: string,
  eTag: string,
  kept: { monitored?: MonitoredBucket; indexed?: BucketDigest },
  ctx: MonitorRun,
): Promise<MonitoredBucket | undefined> {
  if (kept.monitored?.eTag === eTag) return kept.monitored;
  const samplesOf = (rules: readonly OwnedRule[], progress: BucketState['progress'] = []) =>
    kept.monitored?.samples ?? Object.fromEntries(rules.map((r) => [r.ruleId, historyOf(progress, r.ruleId)]));
  if (kept.indexed?.eTag === eTag) return { ...kept.indexed, samples: samplesOf(kept.indexed.rules) };
  const read = await readBucketStateEntry(s.state, bucket, ctx.at);
  if (!read) return undefined;
  return {
    ...bucketDigest(read.eTag, read.state, canaryDigest(read.state.canaries)),
    samples: samplesOf(read.state.rules, read.state.progress),
  };
}

/** A monitored bucket in the shape the rule views and the retirement read. */
function asState(bucket: string, view: MonitoredBucket, at: Date): BucketState {
  const state = { ...emptyBucketState(bucket, at, view.region), rules: view.rules, canaries: view.canaries };
  return { ...state, progress: storedSamples(view) };
}

/**
 * A shard's documents as a run found them: its own, the bucket index's when one of its views is stale,
 * and the audit's parity shard, read when a bucket's kept parity is not from its current version.
 */
interface ShardKept {
  readonly monitored: ReadonlyMap<string, MonitoredBucket>;
  readonly indexed: ReadonlyMap<string, BucketDigest>;
  readonly parity: ParitySource;
}

async function readShardKept(
  s: Services,
  shard: string,
  buckets: readonly string[],
  listed: ReadonlyMap<string, string>,
  parity: ParitySource,
): Promise<ShardKept> {
  const monitored = await readMonitorShard(s.state, shard);
  const stale = buckets.some((bucket) => monitored.get(bucket)?.eTag !== listed.get(bucket));
  return { monitored, indexed: stale ? await readBucketIndexShard(s.state, shard) : new Map(), parity };
}

/** One shard while a run works through its buckets: read when its first bucket starts, written when its last one ends. */
interface OpenShard {
  readonly kept: Promise<ShardKept>;
  readonly next: Map<string, MonitoredBucket>;
  left: number;
}

/** One bucket: observed, its entry put in `next`; a bucket left unobserved (deadline, error) keeps its entry as it was. */
async function observeOne(
  s: Services,
  bucket: string,
  eTag: string,
  kept: ShardKept,
  next: Map<string, MonitoredBucket>,
  seen: Observation,
  ctx: MonitorRun,
): Promise<void> {
  const keep = (): void => {
    const entry = kept.monitored.get(bucket);
    if (entry) next.set(bucket, entry);
  };
  if (ctx.deadline.expired()) {
    seen.outOfTime = true;
    seen.unobserved.push(bucket);
    return keep();
  }
  try {
    const monitored = kept.monitored.get(bucket);
    const view = await currentView(s, bucket, eTag, { monitored, indexed: kept.indexed.get(bucket) }, ctx);
    if (!view) return;
    const observed = await observeBucket(s, bucket, view, { kept: monitored?.parity, source: kept.parity }, ctx);
    if ('gone' in observed) return void seen.gone.push(observed.gone);
    seen.views.push(...observed.views);
    seen.alive.push(bucket);
    const { parity: _before, ...rest } = view;
    next.set(bucket, {
      ...rest,
      samples: Object.fromEntries(observed.views.map((v) => [v.rule.ruleId, v.history])),
      ...(observed.parity ? { parity: observed.parity } : {}),
    });
  } catch (error) {
    seen.unobserved.push(bucket);
    keep();
    ctx.log.warn('could not observe bucket; its incidents are kept as they were', { bucket, error });
  }
}

/**
 * Every managed bucket, `ctx.concurrency` at once. Buckets go in shard order, and each shard's
 * documents are read when its first bucket starts and its own written when its last one ends, so a
 * run reads and writes each shard once and holds only the few shards under way in memory. A shard
 * whose buckets all left is deleted.
 */
async function observeAll(s: Services, ctx: MonitorRun): Promise<Observation> {
  const [listed, existing] = await Promise.all([listBucketStateETags(s.state), listMonitorDocuments(s.state)]);
  const managed = [...listed.keys()];
  const seen: Observation = { views: [], unobserved: [], gone: [], alive: [], managed, buckets: managed.length, outOfTime: false };
  const groups = byBucketShard(managed);
  const open = new Map<string, OpenShard>();
  const openShard = (shard: string): OpenShard => {
    const buckets = groups.get(shard) ?? [];
    const opened = open.get(shard) ?? {
      kept: readShardKept(s, shard, buckets, listed, paritySource(s, shard, existing.parity.get(shard))),
      next: new Map(),
      left: buckets.length,
    };
    open.set(shard, opened);
    return opened;
  };
  const ordered = [...groups.keys()].sort().flatMap((shard) => groups.get(shard) ?? []);
  await mapLimit(ordered, ctx.concurrency, async (bucket) => {
    const shard = bucketShardOf(bucket);
    const work = openShard(shard);
    await observeOne(s, bucket, listed.get(bucket)!, await work.kept, work.next, seen, ctx);
    if ((work.left -= 1) > 0) return;
    open.delete(shard);
    await writeMonitorShard(s.state, shard, work.next);
  });
  for (const shard of existing.shards.filter((sh) => !groups.has(sh))) await writeMonitorShard(s.state, shard, new Map());
  return seen;
}

async function observeBucket(
  s: Services,
  bucket: string,
  view: MonitoredBucket,
  parity: { readonly kept: KeptParity | undefined; readonly source: ParitySource },
  ctx: MonitorRun,
): Promise<{ views: RuleView[]; parity?: KeptParity } | { gone: BucketState }> {
  const state = asState(bucket, view, ctx.at);
  if (state.rules.length === 0) return { views: [] };
  const progress = await readProgress(s, state);
  if (progress === 'source-gone') return { gone: state };
  // The parity audit's findings open incidents here, like verify's canaries: one lifecycle for both.
  const current = await currentParity(s, bucket, state.rules, parity.kept, parity.source);
  const statuses = parityOfRules(state.rules, current.rules);
  return {
    views: await Promise.all(state.rules.map((rule) => viewRule(s, state, rule, progress, ctx.at, statuses.get(rule.ruleId)))),
    parity: current,
  };
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
