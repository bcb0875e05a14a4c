import { canaryTargetOf, type CanaryTarget } from '../canary';
import type { PolicyDocument } from '../policy/runtime';
import {
  type BucketState,
  createBucketState,
  type DocumentStore,
  emptyBucketState,
  getBucketState,
  hasPendingCanary,
  type OwnedRule,
  PENDING_CANARIES_PREFIX,
  pendingCanaryKey,
  type PlanRecord,
  putBucketState,
} from '../state';
import { regionOf, type ReplicationRule } from '../xml';
import type { EnsureOutcome, Plan, Reason } from './types';

/**
 * A first canary check the verify job should run for a new rule. Lives under
 * `canaries/pending/<due>-<bucket>-<rule>.json`; `kind: 'schedule'` tells it apart from a
 * canary already written (PendingCanary), which has no `kind`.
 */
export interface ScheduledCanary {
  readonly kind: 'schedule';
  /** `requested`: an operator asked for a canary now (requestCanary). */
  readonly reason: 'ruleAdded' | 'requested';
  readonly policy: string;
  readonly target: CanaryTarget;
  readonly scheduledAt: string;
  /** Not before this time: the rule's creation (the canary is written at once, checked after verify.delaySeconds). */
  readonly dueAt: string;
}

/** What ensure writes into BucketState after a run. */
export interface EnsureRecord {
  readonly bucket: string;
  readonly region: string;
  readonly rules: readonly OwnedRule[];
  readonly outcome: EnsureOutcome;
  readonly reason?: Reason;
  readonly plan: Plan;
  readonly now: Date;
}

export function ownedRuleRecord(policy: string, rule: ReplicationRule, createdAt: string): OwnedRule {
  return {
    ruleId: rule.id ?? '',
    policy,
    destinationBucket: rule.destination.bucket,
    destinationRegion: regionOf(rule.destination.location),
    createdAt,
  };
}

/** The last plan as BucketState keeps it: a summary entry, then one entry per step. */
export function planRecord(record: EnsureRecord): PlanRecord {
  const summary = {
    outcome: record.outcome,
    planOutcome: record.plan.outcome,
    reason: record.reason?.code,
    message: record.reason?.message,
    notes: record.plan.notes.map((n) => n.code),
  };
  const steps = record.plan.steps.map((step) => ({
    step: step.kind,
    ...('ruleId' in step ? { ruleId: step.ruleId } : {}),
    ...(step.kind === 'addRule' ? { ruleId: step.rule.id, policy: step.policy, destination: step.rule.destination.bucket } : {}),
    ...(step.kind === 'createDestination' || step.kind === 'enableDestinationVersioning'
      ? { bucket: step.bucket, region: step.region }
      : {}),
  }));
  return { at: record.now.toISOString(), dryRun: false, changes: [summary, ...steps] };
}

/** The outcome the bucket's last recorded plan ended with, if any. */
export function lastOutcome(state: BucketState): unknown {
  return state.lastPlan?.changes[0]?.['outcome'];
}

/** True when the state already says what this run would write (steady-state reconcile). */
function alreadyRecorded(state: BucketState, record: EnsureRecord): boolean {
  const ids = (rules: readonly OwnedRule[]): string => rules.map((r) => r.ruleId).join(',');
  const last = state.lastPlan?.changes[0];
  return ids(state.rules) === ids(record.rules) && last?.['outcome'] === record.outcome && last?.['reason'] === record.reason?.code;
}

/** Whether a state document exists for the bucket (ensure never writes one for buckets it never managed). */
export function hasHistory(state: BucketState): boolean {
  return state.rules.length > 0 || state.lastPlan !== undefined;
}

export async function readBucketState(store: DocumentStore, bucket: string, now: Date): Promise<BucketState> {
  return getBucketState(store, bucket, now);
}

/**
 * Writes ensure's part of BucketState (owned rules, last plan), keeping every other job's part.
 * Skips the write when nothing changed. The caller holds the bucket's lease.
 * @returns the ETag of the written document; undefined when nothing was written.
 */
export async function recordBucketState(store: DocumentStore, prior: BucketState, record: EnsureRecord): Promise<string | undefined> {
  if (alreadyRecorded(prior, record)) return undefined;
  const next: BucketState = { ...prior, region: record.region, rules: record.rules, lastPlan: planRecord(record) };
  return putBucketState(store, next, record.now);
}

/**
 * Writes the record of a bucket whose state was not read first (its source had no replication rule,
 * so nothing recorded could change the plan): create-only, which is all a new bucket costs. When a
 * document exists after all (the bucket's rules were deleted by hand, or a twin wrote first), it is
 * read and merged as recordBucketState does. The caller holds the bucket's lease.
 * @returns the document that existed before (none when this wrote the first one), and the ETag written.
 */
export async function recordUnreadBucketState(
  store: DocumentStore,
  record: EnsureRecord,
  read: () => Promise<BucketState>,
): Promise<{ readonly before?: BucketState; readonly eTag?: string }> {
  const fresh = {
    ...emptyBucketState(record.bucket, record.now),
    region: record.region,
    rules: record.rules,
    lastPlan: planRecord(record),
  };
  const created = await createBucketState(store, fresh, record.now);
  if (created !== undefined) return { eTag: created };
  const before = await read();
  const eTag = await recordBucketState(store, before, record);
  return eTag === undefined ? { before } : { before, eTag };
}

/**
 * The first canary of a new rule: written by the next verify run ("right after a rule is added"), then
 * checked `verify.delaySeconds` after it was written. Waiting here as well would delay the first
 * proof by twice the policy's delay.
 */
export function scheduledCanary(plan: Pick<Plan, 'bucket' | 'region'>, policy: string, rule: ReplicationRule, now: Date): ScheduledCanary {
  return {
    kind: 'schedule',
    reason: 'ruleAdded',
    policy,
    scheduledAt: now.toISOString(),
    dueAt: now.toISOString(),
    target: {
      sourceBucket: plan.bucket,
      sourceRegion: plan.region,
      ruleId: rule.id ?? '',
      destinationBucket: rule.destination.bucket,
      destinationRegion: regionOf(rule.destination.location),
      prefixes: rule.prefixes,
      actions: rule.actions,
    },
  };
}

/** Create-only: a retried or duplicated schedule for the same due time and rule is written once. */
export async function scheduleCanary(store: DocumentStore, schedule: ScheduledCanary): Promise<string> {
  const key = pendingCanaryKey(new Date(schedule.dueAt), schedule.target.sourceBucket, schedule.target.ruleId);
  await store.create(key, schedule);
  return key;
}

export type CanaryRequest =
  { readonly kind: 'scheduled'; readonly key: string; readonly dueAt: string } | { readonly kind: 'refused'; readonly reason: string };

/**
 * An operator's "prove this rule now": a schedule due at once, which verify's next run writes and
 * checks as it does a new rule's first canary (the policy's delay and timeout) and records in the
 * rule's canary history. Refused for a rule the bucket's state does not record, a rule whose policy
 * is gone, and a rule with a canary already pending (its verdict comes first).
 */
export async function requestCanary(
  store: DocumentStore,
  policy: PolicyDocument,
  state: BucketState,
  ruleId: string,
  now: Date,
): Promise<CanaryRequest> {
  const rule = state.rules.find((r) => r.ruleId === ruleId);
  if (!rule) return { kind: 'refused', reason: `${state.bucket} has no rule ${ruleId} managed by this deployment` };
  const target = canaryTargetOf(policy, state, rule);
  if (!target) {
    const why = `policy ${rule.policy} of rule ${ruleId} is not in the policy file (or the bucket's region is unknown)`;
    return { kind: 'refused', reason: why };
  }
  if (hasPendingCanary(await store.list(PENDING_CANARIES_PREFIX), state.bucket, ruleId)) {
    return { kind: 'refused', reason: `a canary of rule ${ruleId} is already pending; its verdict comes first` };
  }
  const dueAt = now.toISOString();
  const schedule: ScheduledCanary = { kind: 'schedule', reason: 'requested', policy: rule.policy, target, scheduledAt: dueAt, dueAt };
  const key = await scheduleCanary(store, schedule);
  return { kind: 'scheduled', key, dueAt };
}
