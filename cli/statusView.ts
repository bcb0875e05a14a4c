/**
 * The status of managed buckets as read from the state bucket: one view shared by `cli status`
 * and the local stack's dashboard (`/api/status`), so both say the same thing. Incidents come from
 * the documents that keep them: the monitor's `alerts/state.json` and the blocked-bucket memory
 * `alerts/blocked.json`, each with its timeline of what already happened. Progress, rate, ETA and
 * lag come from the monitor's samples in `buckets/<bucket>.json`, canaries from verify's history
 * there. Only a bucket's size needs OSS (GetBucketStat), and only when the caller can ask.
 */
import { loadAlertsState, readBlockedAlerts, type Incident, type TimelineEntry } from '../shared/alerts';
import { auditView, readAuditDocument, type AuditView } from '../shared/audit';
import { diagnosisOf, type CanaryDiagnosis } from '../shared/canary';
import { backfillEta, backfillRate, historyOf, lagSeconds, latestSample, type BackfillEta, type ProgressSample } from '../shared/progress';
import { mapLimit } from '../shared/runtime';
import {
  getBucketState,
  listManagedBuckets,
  PENDING_CANARIES_PREFIX,
  pendingCanaryDueAt,
  PendingCanaryKeys,
  readMonitoredSamples,
  type BucketState,
  type CanaryRecord,
  type DocumentStore,
} from '../shared/state';

/** One monitor sample as a chart reads it. */
export interface ProgressPoint {
  readonly at: string;
  readonly status: string;
  /** 0..1 */
  readonly backfill?: number;
  /** Seconds behind the NewObject watermark when the sample was taken. */
  readonly lagSeconds?: number;
}

/** One finished (or failed-to-write) canary check. */
export interface CanaryView {
  readonly writtenAt: string;
  readonly checkedAt?: string;
  readonly outcome: CanaryRecord['outcome'];
  readonly latencyMs?: number;
  /** Why it failed, in words a person acts on. */
  readonly diagnosis?: CanaryDiagnosis;
}

export interface RuleStatusView {
  readonly ruleId: string;
  readonly policy: string;
  readonly destination: string;
  readonly destinationRegion: string;
  readonly createdAt: string;
  /** From the newest progress sample: the rule's status as OSS reported it. */
  readonly status?: string;
  /** 0..1, HistoricalObject of the newest sample. */
  readonly backfill?: number;
  /** Backfill speed in fraction per second over the monitor's rate window. */
  readonly backfillRate?: number;
  /** When the backfill ends at that speed (relative to the time the view was read). */
  readonly backfillEta?: BackfillEta;
  /**
   * The backfill in bytes, estimated from the fraction and the source's size (GetBucketStat, which
   * also counts objects written since the rule began): only when the source's size is known.
   */
  readonly backfillBytes?: { readonly copied: number; readonly total: number };
  /** Seconds behind the NewObject watermark at the newest sample. */
  readonly lagSeconds?: number;
  readonly sampledAt?: string;
  /** The monitor's samples, oldest first (a few hours at its timer). */
  readonly history: readonly ProgressPoint[];
  readonly lastCanary?: CanaryRecord;
  /** Verify's recorded canaries of this rule, oldest first. */
  readonly canaries: readonly CanaryView[];
  /** A canary scheduled or written and not yet judged: when verify next acts on it (writes or checks it). */
  readonly canaryDueAt?: string;
  /** The parity audit's last result (pass under way, last full pass, last run), when it ever ran. */
  readonly audit?: AuditView;
}

/** An open (or clearing) incident as a person reads it. */
export interface IncidentView {
  readonly bucket: string;
  readonly kind: string;
  readonly severity: string;
  /** The rule it is about, as the incident names it (a blocked bucket's rule may not exist yet). */
  readonly ruleId: string;
  /** `clearing`: the finding is gone and the incident resolves once it stays gone. */
  readonly state: 'open' | 'clearing';
  readonly openedAt: string;
  readonly summary: string;
  /** What a person should check or do. */
  readonly hint: string;
  /** The document that keeps it: the monitor's (`alerts/state.json`) or the blocked-bucket memory (`alerts/blocked.json`). */
  readonly source: 'monitor' | 'blocked';
}

/** What GetBucketStat says about a source bucket. */
export interface BucketSize {
  readonly storageBytes: number;
  readonly objectCount: number;
}

export interface BucketStatusView {
  readonly bucket: string;
  readonly region?: string;
  readonly updatedAt: string;
  readonly lastOutcome?: string;
  readonly lastReason?: string;
  /** Present when the caller could ask OSS (GetBucketStat) and it answered. */
  readonly size?: BucketSize;
  readonly rules: readonly RuleStatusView[];
  /** The open incidents of this bucket. */
  readonly incidents: readonly IncidentView[];
}

export interface StatusView {
  /** When the view was read: ETAs are relative to it. */
  readonly readAt: string;
  readonly buckets: readonly BucketStatusView[];
  /** Every open incident (of the asked bucket only, when one was asked), including those of buckets without a state document. */
  readonly incidents: readonly IncidentView[];
  /** What happened to incidents (opened, reminder, resolved, retired), oldest first, from both documents. */
  readonly timeline: readonly TimelineEntry[];
  readonly pendingCanaries: number;
}

export interface ReadStatusOptions {
  readonly now?: Date;
  /** The size of a source bucket (GetBucketStat); undefined when it cannot be had. Without it no sizes are shown. */
  readonly bucketSize?: (bucket: string, region: string | undefined) => Promise<BucketSize | undefined>;
}

/** State documents and GetBucketStat calls in flight at once. */
const READ_CONCURRENCY = 8;

function point(sample: ProgressSample): ProgressPoint {
  const lag = lagSeconds(sample, new Date(sample.at));
  return {
    at: sample.at,
    status: sample.status,
    ...(sample.historical !== undefined ? { backfill: sample.historical } : {}),
    ...(lag !== undefined && Number.isFinite(lag) ? { lagSeconds: lag } : {}),
  };
}

function progressOf(
  state: BucketState,
  ruleId: string,
  now: Date,
  size: BucketSize | undefined,
): Partial<RuleStatusView> & Pick<RuleStatusView, 'history'> {
  const samples = historyOf(state.progress, ruleId);
  const last = latestSample(samples);
  const history = samples.map(point);
  if (!last) return { history };
  // Lag as it was when the sample was taken, not as it grows while nobody samples.
  const { backfill, lagSeconds: lag } = point(last);
  const rate = backfillRate(samples);
  return {
    status: last.status,
    ...(backfill !== undefined ? { backfill, backfillEta: backfillEta(samples, now) } : {}),
    ...(backfill !== undefined && rate !== undefined ? { backfillRate: rate } : {}),
    ...(backfill !== undefined && size
      ? { backfillBytes: { copied: Math.round(backfill * size.storageBytes), total: size.storageBytes } }
      : {}),
    ...(lag !== undefined ? { lagSeconds: lag } : {}),
    sampledAt: last.at,
    history,
  };
}

function canaryView(record: CanaryRecord): CanaryView {
  const diagnosis = record.outcome === 'arrived' ? undefined : diagnosisOf(record);
  return {
    writtenAt: record.writtenAt,
    outcome: record.outcome,
    ...(record.checkedAt ? { checkedAt: record.checkedAt } : {}),
    ...(record.latencyMs !== undefined ? { latencyMs: record.latencyMs } : {}),
    ...(diagnosis ? { diagnosis } : {}),
  };
}

/** Due time (write or check) of the pending canary of `bucket`'s rule, from the pending keys (`<dueISO>-<bucket>-<rule>.json`). */
function pendingDueAt(pending: PendingCanaryKeys, bucket: string, ruleId: string): string | undefined {
  const key = pending.keyOf(bucket, ruleId);
  return key === undefined ? undefined : pendingCanaryDueAt(key)?.toISOString();
}

export function bucketStatusView(
  state: BucketState,
  pending: PendingCanaryKeys = PendingCanaryKeys.of([]),
  incidents: readonly IncidentView[] = [],
  options: { readonly now?: Date; readonly size?: BucketSize; readonly audits?: ReadonlyMap<string, AuditView> } = {},
): BucketStatusView {
  const summary = state.lastPlan?.changes[0];
  const now = options.now ?? new Date();
  const rules = state.rules.map((r): RuleStatusView => {
    const canaries = state.canaries.filter((c) => c.ruleId === r.ruleId);
    const lastCanary = canaries[canaries.length - 1];
    const canaryDueAt = pendingDueAt(pending, state.bucket, r.ruleId);
    const audit = options.audits?.get(r.ruleId);
    return {
      ruleId: r.ruleId,
      policy: r.policy,
      destination: r.destinationBucket,
      destinationRegion: r.destinationRegion,
      createdAt: r.createdAt,
      ...progressOf(state, r.ruleId, now, options.size),
      ...(lastCanary ? { lastCanary } : {}),
      canaries: canaries.map(canaryView),
      ...(canaryDueAt ? { canaryDueAt } : {}),
      ...(audit ? { audit } : {}),
    };
  });
  return {
    bucket: state.bucket,
    ...(state.region ? { region: state.region } : {}),
    updatedAt: state.updatedAt,
    ...(typeof summary?.['outcome'] === 'string' ? { lastOutcome: summary['outcome'] } : {}),
    ...(typeof summary?.['reason'] === 'string' ? { lastReason: summary['reason'] } : {}),
    ...(options.size ? { size: options.size } : {}),
    rules,
    incidents: incidents.filter((i) => i.bucket === state.bucket),
  };
}

function incidentView(incident: Incident, source: IncidentView['source']): IncidentView {
  const { rule, kind, severity, state, openedAt, summary, hint } = incident;
  return { bucket: rule.bucket, kind, severity, ruleId: rule.ruleId, state, openedAt, summary, hint, source };
}

const byTime =
  <T>(at: (x: T) => string) =>
  (a: T, b: T): number =>
    Date.parse(at(a)) - Date.parse(at(b));

/** Every incident the monitor and the blocked-bucket memory keep open (oldest first), and their timelines merged. */
export async function readIncidents(
  store: DocumentStore,
  now: Date = new Date(),
): Promise<{ open: IncidentView[]; timeline: TimelineEntry[] }> {
  const [monitor, blocked] = await Promise.all([loadAlertsState(store, now), readBlockedAlerts(store)]);
  const open = [...monitor.incidents.map((i) => incidentView(i, 'monitor')), ...blocked.incidents.map((i) => incidentView(i, 'blocked'))];
  return { open: open.sort(byTime((i) => i.openedAt)), timeline: [...monitor.timeline, ...blocked.timeline].sort(byTime((e) => e.at)) };
}

async function sizeOf(options: ReadStatusOptions, state: BucketState): Promise<BucketSize | undefined> {
  if (!options.bucketSize || state.rules.length === 0) return undefined;
  // A size is a nicety: a bucket that cannot be asked is shown without one.
  return options.bucketSize(state.bucket, state.region).catch(() => undefined);
}

/** The audit views of a bucket's rules that were ever audited (one GET per rule). */
async function readAudits(store: DocumentStore, state: BucketState): Promise<Map<string, AuditView>> {
  const docs = await Promise.all(state.rules.map((r) => readAuditDocument(store, state.bucket, r.ruleId)));
  return new Map(docs.flatMap((doc) => (doc ? [[doc.ruleId, auditView(doc)] as const] : [])));
}

/**
 * Every bucket with a state document, or just `bucket`. Progress samples come from the monitor's own
 * documents (readMonitoredSamples); a bucket the monitor has not sampled since an upgrade shows the
 * samples its document still holds.
 */
export async function readStatus(store: DocumentStore, bucket?: string, options: ReadStatusOptions = {}): Promise<StatusView> {
  const now = options.now ?? new Date();
  const names = bucket !== undefined ? [bucket] : await listManagedBuckets(store);
  const [documents, samples] = await Promise.all([
    mapLimit(names, READ_CONCURRENCY, (name) => getBucketState(store, name)),
    readMonitoredSamples(store, names),
  ]);
  const states = documents.map((state) => ({ ...state, progress: samples.get(state.bucket) ?? state.progress }));
  const sizes = await mapLimit(states, READ_CONCURRENCY, (state) => sizeOf(options, state));
  const audits = await mapLimit(states, READ_CONCURRENCY, (state) => readAudits(store, state));
  const pendingKeys = await store.list(PENDING_CANARIES_PREFIX);
  const pending = PendingCanaryKeys.of(pendingKeys);
  const incidents = await readIncidents(store, now);
  const mine = <T extends { bucket: string }>(list: readonly T[]): T[] => list.filter((i) => bucket === undefined || i.bucket === bucket);
  const open = mine(incidents.open);
  return {
    readAt: now.toISOString(),
    buckets: states.map((s, i) => bucketStatusView(s, pending, open, { now, audits: audits[i], ...(sizes[i] ? { size: sizes[i] } : {}) })),
    incidents: open,
    timeline: mine(incidents.timeline),
    pendingCanaries: pendingKeys.length,
  };
}
