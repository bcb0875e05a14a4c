/**
 * A rule OSS reports with a value this code does not know is not ours to judge: ensure never counts
 * it as in place, never deletes or replaces it, and never adds a rule beside it.
 */
import { desiredRule } from '../../../shared/replication/desired';
import { planBucket } from '../../../shared/replication/plan';
import type { Observation, Plan } from '../../../shared/replication/types';
import type { Policy } from '../../../shared/policy/types';
import type { ReplicationRule, Unrecognised } from '../../../shared/xml/types';
import { foreignRule, makeContext, makeDoc, makeObservation, makePolicy, OWNERSHIP, PREFIX } from './fixtures';

const policy = makePolicy();
const ctx = makeContext();

function ownedRule(p: Policy = policy, overrides: Partial<ReplicationRule> = {}): ReplicationRule {
  return {
    ...desiredRule(p, { sourceBucket: 'photos', sourceRegion: 'cn-hangzhou', account: ctx.account }, OWNERSHIP),
    status: 'doing',
    ...overrides,
  };
}

/** As the client parses an answer whose rule Status is `paused`. */
function paused(rule: ReplicationRule): ReplicationRule {
  return { ...rule, status: 'paused' as Unrecognised, unrecognised: [{ field: 'Status', value: 'paused' }] };
}

function planFor(obs: Partial<Observation>, policies: Policy[] = [policy], docOverrides = {}): Plan {
  return planBucket(makeObservation(obs), makeDoc(policies, docOverrides), ctx);
}

const deletes = (plan: Plan): string[] => plan.steps.flatMap((s) => (s.kind === 'deleteRule' ? [s.ruleId] : []));

describe('planBucket with a rule in a state this code does not know', () => {
  it('blocks instead of reporting our own rule as unchanged, naming the rule and the value', () => {
    const plan = planFor({ rules: [paused(ownedRule())] });
    expect([plan.outcome, plan.reason?.code, plan.steps]).toEqual(['block', 'UnrecognisedRule', []]);
    expect(plan.reason?.message).toContain('Status "paused"');
    expect(plan.reason?.message).toContain(ownedRule().id);
  });

  it('does not delete and re-add an old owned rule to the same destination', () => {
    const old = paused(ownedRule(policy, { id: `${PREFIX}dr-beijing-${OWNERSHIP.deployment}-0badc0de`, prefixes: ['old/'] }));
    const plan = planFor({ rules: [old] });
    expect([plan.outcome, plan.reason?.code, deletes(plan)]).toEqual(['block', 'UnrecognisedRule', []]);
  });

  it('leaves a stale owned rule alone with a note, while the wanted rule stays in place', () => {
    const other = makePolicy({
      name: 'dr-shanghai',
      destination: { ...policy.destination, region: 'cn-shanghai', bucket: '{bucket}-dr2' },
    });
    const stale = paused(ownedRule(other));
    const plan = planFor({ rules: [ownedRule(), stale] }, [policy, other]);
    expect([plan.outcome, deletes(plan)]).toEqual(['unchanged', []]);
    expect(plan.notes.map((n) => n.code)).toEqual(['UnrecognisedRule']);
  });

  it('does not delete it when the bucket is untagged and onUntag is remove, but removes the rules it can judge', () => {
    const other = makePolicy({
      name: 'dr-shanghai',
      destination: { ...policy.destination, region: 'cn-shanghai', bucket: '{bucket}-dr2' },
    });
    const judgeable = ownedRule(other);
    const plan = planFor({ tags: [], rules: [paused(ownedRule()), judgeable] }, [policy, other], { onUntag: 'remove' });
    expect([plan.outcome, deletes(plan), plan.notes.map((n) => n.code)]).toEqual(['remove', [judgeable.id], ['UnrecognisedRule']]);
  });

  it('treats a foreign rule with an unknown value as foreign: noted, never touched, no duplicate added', () => {
    const plan = planFor({ rules: [paused(foreignRule())] });
    expect([plan.outcome, plan.notes.map((n) => n.code), plan.steps]).toEqual(['unchanged', ['ForeignRuleToDestination'], []]);
  });

  it('judges the other rules of the bucket as usual', () => {
    const foreign = paused(foreignRule({ destination: { bucket: 'elsewhere', location: 'oss-cn-shanghai' } }));
    const plan = planFor({ rules: [foreign] });
    expect(plan.outcome).toBe('create');
  });
});
