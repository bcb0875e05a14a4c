import { randomUUID } from 'node:crypto';
import { silentLogger, type Log } from '../log';
import { isTransient, type OssApi } from '../oss';
import { sleep } from '../retry';
import type { PolicyDocument } from '../policy/runtime';
import { canaryDigest } from '../canary';
import {
  acquireLease,
  bucketDigest,
  BUCKET_LEASE_TTL_MS,
  bucketLeaseName,
  bucketLeaseWait,
  type BucketState,
  type DocumentStore,
  emptyBucketState,
  type Lease,
  type LeaseManager,
  type OwnedRule,
} from '../state';
import type { ReplicationLocation } from '../xml';
import type { ApplyDeps, ApplyReport } from './apply';
import type { ChangeBudget } from './budget';
import { DEFAULT_CLOSING_POLL_MS, DEFAULT_CLOSING_WAIT_MS, DEFAULT_OWNER_PREFIX } from './constants';
import { isRecordedBucket, readCreatedDestination } from './createdDestinations';
import { desiredRule } from './desired';
import { ApplyCodeMissingError } from './errors';
import { acceptedRuleIds, mayBeEarlierOwnedRule, ruleOwnership, type RuleOwnership } from './ruleIds';
import { LocationCache } from './locationCache';
import { observeDestinations, observeSource, type DestinationRef, type SourceFacts } from './observe';
import { ensureResult, failureReason, isChange, ownedRulesAfter } from './outcome';
import { planBucket } from './plan';
import { selectPolicies } from './policyAdapter';
import {
  hasHistory,
  lastOutcome,
  readBucketState,
  recordBucketState,
  recordUnreadBucketState,
  scheduleCanary,
  scheduledCanary,
} from './record';
import type { DestinationFacts, EnsureResult, Observation, Plan } from './types';

export interface EnsureDeps {
  readonly oss: OssApi;
  readonly policy: PolicyDocument;
  readonly state: DocumentStore;
  readonly leases: LeaseManager;
  readonly account: string;
  readonly ownerPrefix?: string;
  /**
   * The state bucket: never replicated, never a destination, and the deployment's identity in the
   * rule IDs it adds (deploymentTag). Without it (a CLI plan with no state bucket) no rule carries
   * this deployment's identity, so the plan cannot recognise the rules it added.
   */
  readonly stateBucket?: string;
  /** Share one across a run (or a warm container) so each region is asked once. */
  readonly locationCache?: LocationCache;
  readonly logger?: Log;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Lease owner, for operators reading the lease object: the invocation's request id. */
  readonly invocationId?: string;
  readonly leaseTtlMs?: number;
  readonly closingWaitMs?: number;
  readonly closingPollMs?: number;
}

export interface EnsureOptions {
  /** Plan only: no lease, no change, no state written. */
  readonly dryRun?: boolean;
  /**
   * How long to wait for the bucket's lease while another invocation holds it, polling with backoff,
   * before reporting `busy`. Default 0: report `busy` at once.
   */
  readonly leaseWaitMs?: number;
  /** Shared by every ensure of one run; when spent, changes are skipped. */
  readonly budget?: ChangeBudget;
  /** The bucket's region without `oss-`, when the caller knows it (event, listing). */
  readonly region?: string;
}

type Resolved = Required<Omit<EnsureDeps, 'stateBucket'>> & Pick<EnsureDeps, 'stateBucket'>;

const EMPTY_LOCATION: ReplicationLocation = { locations: [], transferTypeConstraints: [], rtcLocations: [] };

function resolve(deps: EnsureDeps): Resolved {
  return {
    ...deps,
    ownerPrefix: deps.ownerPrefix ?? DEFAULT_OWNER_PREFIX,
    locationCache: deps.locationCache ?? new LocationCache(),
    logger: deps.logger ?? silentLogger(),
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? sleep,
    invocationId: deps.invocationId ?? randomUUID(),
    leaseTtlMs: deps.leaseTtlMs ?? BUCKET_LEASE_TTL_MS,
    closingWaitMs: deps.closingWaitMs ?? DEFAULT_CLOSING_WAIT_MS,
    closingPollMs: deps.closingPollMs ?? DEFAULT_CLOSING_POLL_MS,
  };
}

/** What ensure read before planning: the bucket, and what this deployment's state says about it. */
interface Observed {
  readonly obs: Observation;
  /** Undefined when not read: nothing in it could change the plan (see priorState). */
  readonly prior?: BucketState;
  readonly ownership: RuleOwnership;
}

/** Destinations worth reading: those of selected policies whose rule is not already in place. */
function destinationsToObserve(source: SourceFacts, ownership: RuleOwnership, deps: Resolved): DestinationRef[] {
  const selection = selectPolicies(deps.policy, source.tags);
  return selection.policies.flatMap((policy) => {
    try {
      const rule = desiredRule(policy, { sourceBucket: source.bucket, sourceRegion: source.region, account: deps.account }, ownership);
      const accepted = acceptedRuleIds(rule, policy.name, ownership);
      const present = source.rules.some((r) => accepted.includes(r.id ?? '') && r.status !== 'closing');
      return present ? [] : [{ bucket: rule.destination.bucket, region: policy.destination.region }];
    } catch {
      return []; // the planner reports the broken template
    }
  });
}

/**
 * Marks the existing destinations this deployment created itself (see apply's createDestination):
 * its record names the bucket and the bucket's creation date still matches. Read only for
 * destinations whose rule is missing, so steady state costs nothing.
 */
async function markCreatedHere(facts: Record<string, DestinationFacts>, state: DocumentStore): Promise<Record<string, DestinationFacts>> {
  const marked = await Promise.all(
    Object.entries(facts).map(async ([name, f]): Promise<[string, DestinationFacts]> => {
      if (f.exists !== true) return [name, f];
      const record = await readCreatedDestination(state, name);
      return [name, record !== undefined && isRecordedBucket(record, f.creationDate) ? { ...f, createdHere: true } : f];
    }),
  );
  return Object.fromEntries(marked);
}

/**
 * The bucket's state record, read before planning only when it can change the plan: its recorded
 * rule ids make rule ids of earlier versions (which carry no deployment tag) ours. A source without
 * any replication rule has nothing to judge, so a new bucket's record is not read at all: ensure
 * writes it create-only at the end (applyAndRecord). A dry run (reconcile's cheap look) reads it only
 * when a rule may carry an earlier version's id.
 */
async function priorState(source: SourceFacts, deps: Resolved, dryRun: boolean): Promise<BucketState | undefined> {
  const tagless = ruleOwnership(deps.ownerPrefix, deps.stateBucket, []);
  if (source.rules.length === 0) return undefined;
  if (dryRun && !source.rules.some((r) => mayBeEarlierOwnedRule(r.id, tagless))) return emptyBucketState(source.bucket, deps.now());
  return readBucketState(deps.state, source.bucket, deps.now());
}

async function observe(bucket: string, deps: Resolved, region: string | undefined, dryRun: boolean): Promise<Observed | undefined> {
  const source = await observeSource(deps.oss, bucket, region);
  if (!source) return undefined;
  const prior = await priorState(source, deps, dryRun);
  const ownership = ruleOwnership(
    deps.ownerPrefix,
    deps.stateBucket,
    (prior?.rules ?? []).map((r) => r.ruleId),
  );
  const destinations = await observeDestinations(deps.oss, destinationsToObserve(source, ownership, deps));
  const obs = { ...source, destinations: await markCreatedHere(destinations, deps.state) };
  return prior === undefined ? { obs, ownership } : { obs, prior, ownership };
}

async function locationFor(obs: Observation, deps: Resolved, dryRun: boolean): Promise<ReplicationLocation> {
  const selection = selectPolicies(deps.policy, obs.tags);
  // Untagged buckets and unknown policies never reach the location checks: save the call.
  if (selection.policies.length === 0 || obs.bucket === deps.stateBucket) return EMPTY_LOCATION;
  return deps.locationCache.get(deps.oss, obs.region, obs.bucket, { store: deps.state, readOnly: dryRun });
}

const emptyReport = (): ApplyReport => ({ applied: [], added: [], deleted: [], canaries: [] });

function applyDeps(deps: Resolved): ApplyDeps {
  const closingPolls = Math.max(1, Math.ceil(deps.closingWaitMs / Math.max(deps.closingPollMs, 1)) + 1);
  return { ...deps, closingPolls };
}

/** Owned rules found in place that no record knows yet (added by a run that crashed before recording). */
async function catchUpCanaries(
  plan: Plan,
  obs: Observation,
  owned: readonly OwnedRule[],
  recorded: readonly OwnedRule[],
  report: ApplyReport,
  deps: Resolved,
): Promise<void> {
  const known = new Set([...recorded.map((r) => r.ruleId), ...report.added.map((a) => a.rule.id ?? '')]);
  for (const record of owned.filter((o) => !known.has(o.ruleId))) {
    const rule = obs.rules.find((r) => r.id === record.ruleId);
    const policy = deps.policy.policies[record.policy];
    if (rule && policy) await scheduleCanary(deps.state, scheduledCanary(plan, record.policy, rule, deps.now()));
  }
}

/**
 * Loaded on the first plan with steps: a bucket already as its tags ask (reconcile's steady state, an
 * event that changes nothing) never needs the code that changes one. In a function bundle apply.ts is
 * a sidecar with its own copy of shared code; it gets the client, the store and the logger from here,
 * and recognises their errors by brand (shared/oss/errors.ts), so nothing depends on the copy.
 */
function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  let apply: typeof import('./apply').applyPlan;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ applyPlan: apply } = require('./apply') as typeof import('./apply'));
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'MODULE_NOT_FOUND') throw new ApplyCodeMissingError({ cause: error });
    throw error;
  }
  return apply(plan, deps);
}

async function applyAndRecord(plan: Plan, { obs, prior, ownership }: Observed, deps: Resolved): Promise<EnsureResult> {
  const report = plan.steps.length > 0 ? await applyPlan(plan, applyDeps(deps)) : emptyReport();
  const recorded = prior?.rules ?? [];
  const owned = ownedRulesAfter(obs, plan, report, ownership, recorded, deps.now());
  if (report.error === undefined) await catchUpCanaries(plan, obs, owned, recorded, report, deps);
  const result = ensureResult({ plan, report, owned, dryRun: false });
  if (plan.reason?.code === 'StateBucket') return { ...result, wasBlocked: false };
  const base = { bucket: plan.bucket, region: plan.region, rules: owned, outcome: result.outcome, plan, now: deps.now() };
  const record = result.reason ? { ...base, reason: result.reason } : base;
  const eventful = owned.length > 0 || (plan.outcome !== 'skip' && plan.outcome !== 'unchanged');
  let before: BucketState | undefined;
  let recordedETag: string | undefined;
  if (prior === undefined && eventful) {
    ({ before, eTag: recordedETag } = await recordUnreadBucketState(deps.state, record, () =>
      readBucketState(deps.state, plan.bucket, deps.now()),
    ));
  } else {
    before = prior ?? (await readBucketState(deps.state, plan.bucket, deps.now()));
    if (hasHistory(before) || eventful) recordedETag = await recordBucketState(deps.state, before, record);
  }
  const wasBlocked = before !== undefined && lastOutcome(before) === 'blocked';
  if (recordedETag === undefined) return { ...result, wasBlocked };
  // What the document now holds: ensure's part as recorded, the canaries as they were.
  const written = { ...emptyBucketState(plan.bucket, deps.now(), plan.region), rules: owned, canaries: before?.canaries ?? [] };
  return { ...result, wasBlocked, recorded: bucketDigest(recordedETag, written, canaryDigest(written.canaries)) };
}

function budgetSkip(plan: Plan): EnsureResult {
  const reason = {
    code: 'ChangeBudgetExhausted' as const,
    message: `the run's change budget is spent; ${plan.bucket} (${plan.outcome}) waits for the next run`,
  };
  return { bucket: plan.bucket, outcome: 'skipped', reason, ruleIds: [], plan, dryRun: false, applied: [], retryable: true };
}

async function run(bucket: string, deps: Resolved, options: EnsureOptions): Promise<EnsureResult> {
  const dryRun = options.dryRun ?? false;
  const observed = await observe(bucket, deps, options.region, dryRun);
  if (!observed) {
    const reason = { code: 'SourceMissing' as const, message: `${bucket} does not exist (deleted after the event?)` };
    return { bucket, outcome: 'skipped', reason, ruleIds: [], dryRun, applied: [], retryable: false };
  }
  const { obs, ownership } = observed;
  const replicationLocation = await locationFor(obs, deps, dryRun);
  const plan = planBucket(obs, deps.policy, { ownership, account: deps.account, stateBucket: deps.stateBucket, replicationLocation });
  if (isChange(plan) && options.budget && !options.budget.tryTake()) return { ...budgetSkip(plan), dryRun };
  if (dryRun)
    return ensureResult({
      plan,
      owned: ownedRulesAfter(obs, plan, emptyReport(), ownership, observed.prior?.rules ?? [], deps.now()),
      dryRun,
    });
  return applyAndRecord(plan, observed, deps);
}

function log(deps: Resolved, result: EnsureResult): void {
  const fields = {
    bucket: result.bucket,
    outcome: result.outcome,
    reason: result.reason?.code,
    steps: result.plan?.steps.map((s) => s.kind),
    applied: result.applied,
    dryRun: result.dryRun,
  };
  if (result.outcome === 'failed') deps.logger.error(`ensure ${result.bucket}: ${result.reason?.message ?? 'failed'}`, fields);
  else if (result.outcome === 'blocked') deps.logger.warn(`ensure ${result.bucket}: blocked: ${result.reason?.message ?? ''}`, fields);
  else deps.logger.info(`ensure ${result.bucket}: ${result.outcome}`, fields);
}

/**
 * The bucket's lease, waiting up to `waitMs` while someone else holds it: a bucket's PutBucket and
 * PutBucketTags events arrive about a second apart, and the second one's ensure is then quick.
 */
function bucketLease(bucket: string, deps: Resolved, waitMs: number): Promise<Lease | undefined> {
  return acquireLease(
    deps.leases,
    { name: bucketLeaseName(bucket), owner: deps.invocationId, ttlMs: deps.leaseTtlMs },
    bucketLeaseWait(waitMs),
    deps,
  );
}

async function guarded(bucket: string, deps: Resolved, options: EnsureOptions): Promise<EnsureResult> {
  if (options.dryRun) return run(bucket, deps, options);
  const waitMs = Math.max(0, options.leaseWaitMs ?? 0);
  const lease = await bucketLease(bucket, deps, waitMs);
  if (!lease) {
    const waited = waitMs > 0 ? ` (waited ${Math.round(waitMs / 1000)} s for its lease)` : '';
    const reason = { code: 'LeaseHeld' as const, message: `another invocation is working on ${bucket}${waited}` };
    return { bucket, outcome: 'busy', reason, ruleIds: [], dryRun: false, applied: [], retryable: true };
  }
  try {
    return await run(bucket, deps, options);
  } finally {
    // A lease left behind expires on its own; failing the ensure for it would hide the real outcome.
    await lease
      .release()
      .catch((error: unknown) => deps.logger.warn(`lease release failed for ${bucket}`, { reason: failureReason(error).message }));
  }
}

/**
 * Brings one bucket's replication in line with its tags and the policy file: read, plan,
 * preflight, apply, record. Safe to call for duplicate events and concurrently with reconcile:
 * work on one bucket is serialised by a lease, and every step is idempotent.
 *
 * @example
 *   const result = await ensure('photos', { oss, policy, state, leases, account }, { region: 'cn-hangzhou' });
 *   // { outcome: 'created', ruleId: 'autopilot-dr-beijing-1a2b3c4d', ... }
 */
export async function ensure(bucket: string, deps: EnsureDeps, options: EnsureOptions = {}): Promise<EnsureResult> {
  const resolved = resolve(deps);
  let result: EnsureResult;
  try {
    result = await guarded(bucket, resolved, options);
  } catch (error) {
    const reason = failureReason(error);
    result = {
      bucket,
      outcome: 'failed',
      reason,
      ruleIds: [],
      dryRun: options.dryRun ?? false,
      applied: [],
      retryable: isTransient(error),
    };
  }
  log(resolved, result);
  return result;
}
