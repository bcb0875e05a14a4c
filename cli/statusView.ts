/**
 * The status of managed buckets as read from the state bucket: one view shared by `cli status`
 * and the local stack's dashboard (`/api/status`), so both say the same thing.
 */
import { isPendingCanaryKeyOf, PENDING_CANARIES_PREFIX, pendingCanaryDueAt } from '../shared/state/keys';
import { getBucketState, listManagedBuckets } from '../shared/state/bucketState';
import { latestSample } from '../shared/progress/history';
import { lagSeconds } from '../shared/progress/lag';
import { historyOf } from '../shared/progress/samples';
import type { BucketState, CanaryRecord, DocumentStore } from '../shared/state/types';

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

export interface BucketStatusView {
  readonly bucket: string;
  readonly region?: string;
  readonly updatedAt: string;
  readonly lastOutcome?: string;
  readonly lastReason?: string;
  readonly rules: readonly RuleStatusView[];
  readonly incidents: BucketState['incidents'];
}

export interface StatusView {
  readonly buckets: readonly BucketStatusView[];
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

export function bucketStatusView(state: BucketState, pendingKeys: readonly string[] = []): BucketStatusView {
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
    incidents: state.incidents,
  };
}

/** Every bucket with a state document, or just `bucket`. */
export async function readStatus(store: DocumentStore, bucket?: string): Promise<StatusView> {
  const names = bucket !== undefined ? [bucket] : await listManagedBuckets(store);
  const states = await Promise.all(names.map((name) => getBucketState(store, name)));
  const pending = await store.list(PENDING_CANARIES_PREFIX);
  return { buckets: states.map((s) => bucketStatusView(s, pending)), pendingCanaries: pending.length };
}
