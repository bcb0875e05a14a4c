/**
 * The status of managed buckets as read from the state bucket: one view shared by `cli status`
 * and the local stack's dashboard (`/api/status`), so both say the same thing. Incidents come from
 * the documents that keep them: the monitor's `alerts/state.json` and the blocked-bucket memory
 * `alerts/blocked.json`.
 */
import { type Incident, loadAlertsState, readBlockedIncidents } from '../shared/alerts';
import {
  type BucketState,
  type CanaryRecord,
  type DocumentStore,
  getBucketState,
  isPendingCanaryKeyOf,
  listManagedBuckets,
  PENDING_CANARIES_PREFIX,
  pendingCanaryDueAt,
  readMonitoredSamples,
} from '../shared/state';
import { historyOf, lagSeconds, latestSample } from '../shared/progress';

export interface RuleStatusView {
  readonly ruleId: string;
  readonly policy: string;
  readonly destination: string;
  readonly destinationRegion: string;
  readonly createdAt: string;
  /** From the newest progress sample. */
  readonly status?: string;
  /** 0..1, HistoricalObject of the newest sample. */
  readonly backfill?: number;
  /** Seconds behind the NewObject watermark at the newest sample. */
  readonly lagSeconds?: number;
  readonly sampledAt?: string;
  readonly lastCanary?: CanaryRecord;
  /** A canary scheduled or written and not yet judged: when verify next acts on it (writes or checks it). */
  readonly canaryDueAt?: string;
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
  /** The document that keeps it: the monitor's (`alerts/state.json`) or the blocked-bucket memory (`alerts/blocked.json`). */
  readonly source: 'monitor' | 'blocked';
}

export interface BucketStatusView {
  readonly bucket: string;
  readonly region?: string;
  readonly updatedAt: string;
  readonly lastOutcome?: string;
  readonly lastReason?: string;
  readonly rules: readonly RuleStatusView[];
  /** The open incidents of this bucket. */
  readonly incidents: readonly IncidentView[];
}

export interface StatusView {
  readonly buckets: readonly BucketStatusView[];
  /** Every open incident (of the asked bucket only, when one was asked), including those of buckets without a state document. */
  readonly incidents: readonly IncidentView[];
  readonly pendingCanaries: number;
}

function progressOf(state: BucketState, ruleId: string): Partial<RuleStatusView> {
  const last = latestSample(historyOf(state.progress, ruleId));
  if (!last) return {};
  // Lag as it was when the sample was taken, not as it grows while nobody samples.
  const lag = lagSeconds(last, new Date(last.at));
  return {
    status: last.status,
    ...(last.historical !== undefined ? { backfill: last.historical } : {}),
    ...(lag !== undefined && Number.isFinite(lag) ? { lagSeconds: lag } : {}),
    sampledAt: last.at,
  };
}

/** Due time (write or check) of the pending canary of `bucket`'s rule, from the pending keys (`<dueISO>-<bucket>-<rule>.json`). */
function pendingDueAt(pendingKeys: readonly string[], bucket: string, ruleId: string): string | undefined {
  const key = pendingKeys.find((k) => isPendingCanaryKeyOf(k, bucket, ruleId));
  return key === undefined ? undefined : pendingCanaryDueAt(key)?.toISOString();
}

export function bucketStatusView(
  state: BucketState,
  pendingKeys: readonly string[] = [],
  incidents: readonly IncidentView[] = [],
): BucketStatusView {
  const summary = state.lastPlan?.changes[0];
  const rules = state.rules.map((r) => {
    const canaries = state.canaries.filter((c) => c.ruleId === r.ruleId);
    const lastCanary = canaries[canaries.length - 1];
    const canaryDueAt = pendingDueAt(pendingKeys, state.bucket, r.ruleId);
    return {
      ruleId: r.ruleId,
      policy: r.policy,
      destination: r.destinationBucket,
      destinationRegion: r.destinationRegion,
      createdAt: r.createdAt,
      ...progressOf(state, r.ruleId),
      ...(lastCanary ? { lastCanary } : {}),
      ...(canaryDueAt ? { canaryDueAt } : {}),
    };
  });
  return {
    bucket: state.bucket,
    ...(state.region ? { region: state.region } : {}),
    updatedAt: state.updatedAt,
    ...(typeof summary?.['outcome'] === 'string' ? { lastOutcome: summary['outcome'] } : {}),
    ...(typeof summary?.['reason'] === 'string' ? { lastReason: summary['reason'] } : {}),
    rules,
    incidents: incidents.filter((i) => i.bucket === state.bucket),
  };
}

function incidentView(incident: Incident, source: IncidentView['source']): IncidentView {
  const { rule, kind, severity, state, openedAt, summary } = incident;
  return { bucket: rule.bucket, kind, severity, ruleId: rule.ruleId, state, openedAt, summary, source };
}

/** Every incident the monitor and the blocked-bucket memory keep open, oldest first. */
export async function readIncidents(store: DocumentStore, now: Date = new Date()): Promise<IncidentView[]> {
  const [monitor, blocked] = await Promise.all([loadAlertsState(store, now), readBlockedIncidents(store)]);
  const all = [...monitor.incidents.map((i) => incidentView(i, 'monitor')), ...blocked.map((i) => incidentView(i, 'blocked'))];
  return all.sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
}

/**
 * Every bucket with a state document, or just `bucket`. Progress samples come from the monitor's own
 * documents (readMonitoredSamples); a bucket the monitor has not sampled since an upgrade shows the
 * samples its document still holds.
 */
export async function readStatus(store: DocumentStore, bucket?: string): Promise<StatusView> {
  const names = bucket !== undefined ? [bucket] : await listManagedBuckets(store);
  const [documents, samples] = await Promise.all([
    Promise.all(names.map((name) => getBucketState(store, name))),
    readMonitoredSamples(store, names),
  ]);
  const states = documents.map((state) => ({ ...state, progress: samples.get(state.bucket) ?? state.progress }));
  const pending = await store.list(PENDING_CANARIES_PREFIX);
  const incidents = (await readIncidents(store)).filter((i) => bucket === undefined || i.bucket === bucket);
  return { buckets: states.map((s) => bucketStatusView(s, pending, incidents)), incidents, pendingCanaries: pending.length };
}
