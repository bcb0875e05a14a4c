import { InvalidDestinationBucketError, type Policy, type PolicyDocument } from '../policy/runtime';
import type { ReplicationRule } from '../xml';
import { MAX_RULES_PER_BUCKET } from './constants';
import { desiredRule } from './desired';
import { acceptedRuleIds, isOwned } from './ruleIds';
import { selectPolicies } from './policyAdapter';
import {
  checkGuardrails,
  checkKms,
  checkNotStateBucket,
  checkReplicationLocation,
  checkSourceVersioning,
  prepareDestination,
} from './preflight';
import type { Observation, Plan, PlanContext, PlanOutcome, PolicyPlan, Reason, Step } from './types';
import { unjudgeable, unrecognisedRuleReason } from './unrecognised';

/** One selected policy, planned on its own before the bucket-level plan is put together. */
interface PolicyDraft {
  readonly plan: PolicyPlan;
  readonly prepare: readonly Step[];
  readonly add?: ReplicationRule;
  readonly note?: Reason;
}

const isClosing = (rule: ReplicationRule): boolean => rule.status === 'closing';

function finalPlan(obs: Observation, fields: Partial<Plan> & { outcome: PlanOutcome }): Plan {
  return { bucket: obs.bucket, region: obs.region, notes: [], policies: [], steps: [], ...fields };
}

/** A template that renders to an invalid bucket name blocks the policy instead of failing the run. */
function tryDesiredRule(obs: Observation, ctx: PlanContext, policy: Policy): ReplicationRule | Reason {
  try {
    return desiredRule(policy, { sourceBucket: obs.bucket, sourceRegion: obs.region, account: ctx.account }, ctx.ownership);
  } catch (error) {
    if (!(error instanceof InvalidDestinationBucketError)) throw error;
    return { code: 'InvalidDestinationBucket', policy: policy.name, message: error.message };
  }
}

function draftPolicy(obs: Observation, doc: PolicyDocument, ctx: PlanContext, policy: Policy): PolicyDraft {
  const rule = tryDesiredRule(obs, ctx, policy);
  if ('code' in rule) return { plan: { policy: policy.name, outcome: 'block', reason: rule }, prepare: [] };
  const ruleId = rule.id ?? '';
  const base = { policy: policy.name, ruleId, rule };
  const blocked =
    checkNotStateBucket(policy, rule.destination.bucket, ctx.stateBucket) ??
    checkKms(policy) ??
    checkGuardrails(doc, policy, obs, rule) ??
    checkReplicationLocation(policy, obs, ctx.replicationLocation);
  if (blocked) return { plan: { ...base, outcome: 'block', reason: blocked }, prepare: [] };
  const accepted = acceptedRuleIds(rule, policy.name, ctx.ownership);
  // Our rule (or one of ours in its destination's place) in a state this code does not know: not ours to judge.
  const unknown = obs.rules.find(
    (r) =>
      unjudgeable(r) &&
      !isClosing(r) &&
      (accepted.includes(r.id ?? '') || (isOwned(r.id, ctx.ownership) && r.destination.bucket === rule.destination.bucket)),
  );
  if (unknown)
    return { plan: { ...base, outcome: 'block', reason: unrecognisedRuleReason(obs.bucket, unknown, policy.name) }, prepare: [] };
  const present = obs.rules.find((r) => accepted.includes(r.id ?? '') && !isClosing(r));
  // An earlier version's ID for the same rule stays in place: `ruleId` names what is there.
  if (present) return { plan: { ...base, ruleId: present.id ?? ruleId, outcome: 'unchanged' }, prepare: [] };
  const foreign = obs.rules.find((r) => !isOwned(r.id, ctx.ownership) && !isClosing(r) && r.destination.bucket === rule.destination.bucket);
  if (foreign) {
    const note: Reason = {
      code: 'ForeignRuleToDestination',
      policy: policy.name,
      message: `rule ${foreign.id ?? '(no id)'} (not managed here) already replicates ${obs.bucket} to ${rule.destination.bucket}; not adding a duplicate`,
    };
    return { plan: { ...base, outcome: 'unchanged', reason: note }, prepare: [], note };
  }
  const prepared = prepareDestination(policy, obs, rule.destination.bucket, obs.destinations[rule.destination.bucket]);
  if (!Array.isArray(prepared)) return { plan: { ...base, outcome: 'block', reason: prepared }, prepare: [] };
  return { plan: { ...base, outcome: 'create' }, prepare: prepared, add: rule };
}

/** Owned, still-active rules that no selected policy wants any more (policy changed or dropped). */
function staleOwnedRules(obs: Observation, ctx: PlanContext, wanted: ReadonlySet<string>): ReplicationRule[] {
  return obs.rules.filter((r) => isOwned(r.id, ctx.ownership) && !isClosing(r) && !wanted.has(r.id ?? ''));
}

/** Stale owned rules split into those that may go and those left alone (a state this code does not know), with a note each. */
function deletable(obs: Observation, stale: readonly ReplicationRule[]): { remove: ReplicationRule[]; notes: Reason[] } {
  return {
    remove: stale.filter((r) => !unjudgeable(r)),
    notes: stale.filter(unjudgeable).map((r) => unrecognisedRuleReason(obs.bucket, r)),
  };
}

/** Rules that must be gone before `add` can exist: OSS allows one rule per source/destination pair. */
function rulesInTheWay(obs: Observation, deleting: readonly ReplicationRule[], add: ReplicationRule): ReplicationRule[] {
  const leaving = [...obs.rules.filter(isClosing), ...deleting];
  return leaving.filter((r) => r.destination.bucket === add.destination.bucket || r.id === add.id);
}

function planUntagged(obs: Observation, doc: PolicyDocument, ctx: PlanContext): Plan {
  const owned = obs.rules.filter((r) => isOwned(r.id, ctx.ownership) && !isClosing(r));
  const noTag: Reason = { code: 'NoPolicyTag', message: `${obs.bucket} has no ${doc.selector.tagKey} tag` };
  if (owned.length === 0) return finalPlan(obs, { outcome: 'skip', reason: noTag });
  if (doc.onUntag === 'keep') {
    const kept: Reason = { code: 'OwnedRulesKept', message: `onUntag is keep: ${owned.length} managed rule(s) left in place` };
    return finalPlan(obs, { outcome: 'skip', reason: noTag, notes: [kept] });
  }
  const { remove, notes } = deletable(obs, owned);
  if (remove.length === 0) return finalPlan(obs, { outcome: 'skip', reason: noTag, notes });
  const steps: Step[] = remove.map((r) => ({ kind: 'deleteRule', ruleId: r.id ?? '', rule: r }));
  return finalPlan(obs, { outcome: 'remove', reason: { ...noTag, message: `${noTag.message}; onUntag is remove` }, notes, steps });
}

function composeSteps(
  obs: Observation,
  drafts: readonly PolicyDraft[],
  stale: readonly ReplicationRule[],
): { steps: Step[]; waited: ReplicationRule[] } {
  const steps: Step[] = drafts.flatMap((d) => d.prepare);
  steps.push(...stale.map((r): Step => ({ kind: 'deleteRule', ruleId: r.id ?? '', rule: r })));
  const waited: ReplicationRule[] = [];
  for (const { add, plan } of drafts) {
    if (!add) continue;
    for (const rule of rulesInTheWay(obs, stale, add)) {
      if (waited.includes(rule)) continue;
      steps.push({ kind: 'waitClosing', ruleId: rule.id ?? '' });
      waited.push(rule);
    }
    steps.push({ kind: 'addRule', policy: plan.policy, rule: add }, { kind: 'scheduleCanary', policy: plan.policy, ruleId: add.id ?? '' });
  }
  return { steps, waited };
}

function outcomeOf(adds: number, deletes: number, replacing: boolean): PlanOutcome {
  if (adds > 0) return deletes > 0 || replacing ? 'replace' : 'create';
  return deletes > 0 ? 'remove' : 'unchanged';
}

function closingReason(obs: Observation, waited: readonly ReplicationRule[]): Reason | undefined {
  const closing = waited.find(isClosing);
  if (!closing) return undefined;
  return {
    code: 'ClosingInProgress',
    message: `rule ${closing.id ?? '(no id)'} on ${obs.bucket} is still closing; the new rule is added once it is gone (this or a later run)`,
  };
}

function planTagged(obs: Observation, doc: PolicyDocument, ctx: PlanContext, policies: readonly Policy[]): Plan {
  const suspended = checkSourceVersioning(obs);
  if (suspended) return finalPlan(obs, { outcome: 'block', reason: suspended });
  const drafts = policies.map((policy) => draftPolicy(obs, doc, ctx, policy));
  const plans = drafts.map((d) => d.plan);
  const notes = drafts.flatMap((d) => (d.note ? [d.note] : []));
  const blocked = plans.find((p) => p.outcome === 'block');
  if (blocked) return finalPlan(obs, { outcome: 'block', reason: blocked.reason, notes, policies: plans });
  const { remove: stale, notes: leftAlone } = deletable(
    obs,
    staleOwnedRules(obs, ctx, new Set(plans.flatMap((p) => (p.ruleId ? [p.ruleId] : [])))),
  );
  notes.push(...leftAlone);
  const adds = drafts.filter((d) => d.add).length;
  const maxRules = ctx.maxRules ?? MAX_RULES_PER_BUCKET;
  if (obs.rules.length + adds > maxRules) {
    const reason: Reason = {
      code: 'TooManyRules',
      message: `${obs.bucket} has ${obs.rules.length} replication rules; adding ${adds} would exceed the limit of ${maxRules}`,
    };
    return finalPlan(obs, { outcome: 'block', reason, notes, policies: plans });
  }
  const { steps, waited } = composeSteps(obs, drafts, stale);
  const replacing = waited.some((r) => isOwned(r.id, ctx.ownership));
  const outcome = outcomeOf(adds, stale.length, replacing);
  const withReplace = plans.map((p) => (p.outcome === 'create' && outcome === 'replace' ? { ...p, outcome } : p));
  return finalPlan(obs, { outcome, reason: closingReason(obs, waited), notes, policies: withReplace, steps });
}

/**
 * The plan for one bucket: pure, from what was observed. Skips untagged buckets and the state
 * bucket, blocks with a specific reason whatever OSS or the policy file would refuse, and
 * otherwise lists the idempotent steps that bring the bucket's owned rules to the desired set.
 * Rules this deployment does not own (see ruleIds.ts: made by hand, by another deployment) are never
 * modified or deleted; the state bucket is never a source nor a destination.
 *
 * Decisions: one blocked policy blocks the whole bucket (no partial apply). A bucket that is itself
 * the destination of an owned rule is not skipped: seeing that needs every bucket's rules, which a
 * one-bucket ensure does not read; replicating onward from a replica is valid OSS; and destinations
 * this system creates carry no tags, so a chain only starts when an administrator tags a replica.
 */
export function planBucket(obs: Observation, doc: PolicyDocument, ctx: PlanContext): Plan {
  if (ctx.stateBucket && obs.bucket === ctx.stateBucket) {
    return finalPlan(obs, {
      outcome: 'skip',
      reason: { code: 'StateBucket', message: `${obs.bucket} is the state bucket; it is never replicated` },
    });
  }
  const selection = selectPolicies(doc, obs.tags);
  if (selection.unknown.length > 0) {
    const names = selection.unknown.join(', ');
    const reason: Reason = {
      code: 'UnknownPolicy',
      message: `tag ${doc.selector.tagKey} names policy ${names}, which the policy file does not define`,
    };
    return finalPlan(obs, { outcome: 'block', reason });
  }
  if (!selection.tagged) return planUntagged(obs, doc, ctx);
  return planTagged(obs, doc, ctx, selection.policies);
}
