import type { Log } from '../log';
import { isOssError, isTransient, type OssApi } from '../oss';
import type { PolicyDocument } from '../policy/runtime';
import { createdDestinationKey, type DocumentStore } from '../state';
import type { ReplicationRule } from '../xml';
import { createdAfterRecord, type CreatedDestination } from './createdDestinations';
import { rulesEquivalent } from './desired';
import { DestinationTakenError, StateBucketStepError } from './errors';
import { observeDestination } from './observe';
import { scheduleCanary, scheduledCanary, type ScheduledCanary } from './record';
import type { Plan, Reason, Step, StepKind } from './types';

export interface ApplyDeps {
  readonly oss: OssApi;
  readonly state: DocumentStore;
  readonly policy: PolicyDocument;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Polls of GetBucketReplication while a deleted rule is closing, and the pause between them. */
  readonly closingPolls: number;
  readonly closingPollMs: number;
  readonly logger: Log;
  /** Never the target of a step (the planner blocks it first). */
  readonly stateBucket?: string;
}

export interface ApplyReport {
  readonly applied: StepKind[];
  /** Rules present after this run because we added them (or found our equal rule on retry). */
  readonly added: Array<{ policy: string; rule: ReplicationRule }>;
  readonly deleted: string[];
  readonly canaries: string[];
  /** Set when the run stopped early on purpose; the next run carries on. */
  pending?: Reason;
  /** Set when a step failed; steps before it stay applied. */
  error?: unknown;
}

type StepResult = 'continue' | 'stop';

const refOf = (plan: Plan) => ({ bucket: plan.bucket, region: plan.region });

/**
 * Creates a missing destination and records that this deployment created it. PutBucket answers 200
 * for a bucket the account already has (and an error for one another account has), so success proves
 * nothing: the bucket's creation date, read back, must be later than the record written just before.
 * Anything older belongs to someone else and the record is withdrawn.
 */
async function createDestination(plan: Plan, step: Extract<Step, { kind: 'createDestination' }>, deps: ApplyDeps): Promise<void> {
  const ref = { bucket: step.bucket, region: step.region };
  const key = createdDestinationKey(step.bucket);
  // Written before PutBucket, so a crash anywhere after it still lets the next run recognise the
  // bucket as ours. Overwritten: the step is planned only when the bucket does not exist, so an older
  // record describes a bucket that is gone.
  const record: CreatedDestination = {
    bucket: step.bucket,
    region: step.region,
    source: plan.bucket,
    versioning: step.versioning,
    at: deps.now().toISOString(),
  };
  await deps.state.put(key, record);
  const failure = await deps.oss.putBucket(ref).then(
    () => undefined,
    (error: unknown) => error ?? new Error('PutBucket failed'),
  );
  // A retried create whose first attempt landed answers with an error; the creation date settles it.
  const facts = await observeDestination(deps.oss, ref);
  if (facts.exists !== true || facts.region !== step.region || !createdAfterRecord(record, facts.creationDate)) {
    await deps.state.delete(key).catch(() => undefined);
    throw failure ?? new DestinationTakenError(step.bucket, facts.exists === true ? facts.creationDate : undefined);
  }
  await deps.state.put(key, { ...record, creationDate: facts.creationDate });
  // OSS has no "create versioned": the state is set right after, before any rule points here.
  if (step.versioning === 'Enabled') await deps.oss.putBucketVersioning(ref, 'Enabled');
}

/** Belt and braces behind the planner: no step ever creates or re-versions the state bucket. */
function refuseStateBucket(step: Step, deps: ApplyDeps): void {
  if ((step.kind === 'createDestination' || step.kind === 'enableDestinationVersioning') && step.bucket === deps.stateBucket) {
    throw new StateBucketStepError(step.kind, step.bucket);
  }
}

async function deleteRule(plan: Plan, ruleId: string, deps: ApplyDeps): Promise<void> {
  try {
    await deps.oss.deleteBucketReplication(refOf(plan), ruleId);
  } catch (error) {
    // Already gone is what we wanted.
    if (!isOssError(error, 'NoSuchReplicationRule') && !isOssError(error, 'NoSuchReplicationConfiguration')) throw error;
  }
}

/** True once the rule has disappeared; false when it is still closing after the allowed polls. */
async function waitClosing(plan: Plan, ruleId: string, deps: ApplyDeps): Promise<boolean> {
  for (let poll = 0; ; poll += 1) {
    const { rules } = await deps.oss.getBucketReplication(refOf(plan));
    if (!rules.some((rule) => rule.id === ruleId)) return true;
    if (poll + 1 >= deps.closingPolls) return false;
    await deps.sleep(deps.closingPollMs);
  }
}

/**
 * PutBucketReplication is not idempotent: a retry after a lost answer, or a twin ensure that got
 * there first, fails with BucketReplicationAlreadyExist. Our own equal rule being there is success.
 */
async function addRule(plan: Plan, rule: ReplicationRule, deps: ApplyDeps): Promise<void> {
  try {
    await deps.oss.putBucketReplication(refOf(plan), rule);
  } catch (error) {
    if (!isOssError(error, 'BucketReplicationAlreadyExist') && !isTransient(error)) throw error;
    const { rules } = await deps.oss.getBucketReplication(refOf(plan));
    const ours = rules.find((r) => r.id === rule.id && r.status !== 'closing');
    if (!ours || !rulesEquivalent(ours, rule)) throw error;
    deps.logger.info('replication rule already present', {
      bucket: plan.bucket,
      ruleId: rule.id,
      after: isOssError(error) ? error.code : 'transient error',
    });
  }
}

function canaryFor(plan: Plan, step: Extract<Step, { kind: 'scheduleCanary' }>, deps: ApplyDeps): ScheduledCanary | undefined {
  const add = plan.steps.find((s): s is Extract<Step, { kind: 'addRule' }> => s.kind === 'addRule' && s.rule.id === step.ruleId);
  const policy = deps.policy.policies[step.policy];
  if (!add || !policy) return undefined;
  return scheduledCanary(plan, step.policy, add.rule, deps.now());
}

async function runStep(plan: Plan, step: Step, deps: ApplyDeps, report: ApplyReport): Promise<StepResult> {
  refuseStateBucket(step, deps);
  switch (step.kind) {
    case 'createDestination':
      await createDestination(plan, step, deps);
      return 'continue';
    case 'enableDestinationVersioning':
      await deps.oss.putBucketVersioning({ bucket: step.bucket, region: step.region }, 'Enabled');
      return 'continue';
    case 'deleteRule':
      await deleteRule(plan, step.ruleId, deps);
      report.deleted.push(step.ruleId);
      return 'continue';
    case 'waitClosing':
      if (await waitClosing(plan, step.ruleId, deps)) return 'continue';
      report.pending = {
        code: 'ClosingInProgress',
        message: `rule ${step.ruleId} on ${plan.bucket} is still closing; the next run adds the new rule`,
      };
      return 'stop';
    case 'addRule':
      await addRule(plan, step.rule, deps);
      report.added.push({ policy: step.policy, rule: step.rule });
      return 'continue';
    case 'scheduleCanary': {
      const schedule = canaryFor(plan, step, deps);
      if (schedule) report.canaries.push(await scheduleCanary(deps.state, schedule));
      return 'continue';
    }
  }
}

/**
 * Runs the plan's steps in order. Every step is idempotent, so a crash (or a failed step) between
 * any two leaves a bucket the next run's plan finishes: a deleted-but-not-replaced rule shows up as
 * "no owned rule" and is added; a rule added without its record is found and recorded.
 */
export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  const report: ApplyReport = { applied: [], added: [], deleted: [], canaries: [] };
  for (const step of plan.steps) {
    try {
      if ((await runStep(plan, step, deps, report)) === 'stop') break;
      report.applied.push(step.kind);
    } catch (error) {
      report.error = error;
      break;
    }
  }
  return report;
}
