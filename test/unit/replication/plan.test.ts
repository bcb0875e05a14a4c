import { desiredRule } from '../../../shared/replication/desired';
import { legacyRuleId, ruleOwnership } from '../../../shared/replication/ruleIds';
import { planBucket } from '../../../shared/replication/plan';
import type { Observation, Plan, StepKind } from '../../../shared/replication/types';
import type { Policy } from '../../../shared/policy/types';
import type { ReplicationRule } from '../../../shared/xml/types';
import { EXISTING_DR, foreignRule, makeContext, makeDoc, makeLocation, makeObservation, makePolicy, OWNERSHIP, PREFIX } from './fixtures';

const policy = makePolicy();
const doc = makeDoc();
const ctx = makeContext();

function ownedRule(p: Policy = policy, overrides: Partial<ReplicationRule> = {}): ReplicationRule {
  return {
    ...desiredRule(p, { sourceBucket: 'photos', sourceRegion: 'cn-hangzhou', account: ctx.account }, OWNERSHIP),
    status: 'doing',
    ...overrides,
  };
}

function kinds(plan: Plan): StepKind[] {
  return plan.steps.map((s) => s.kind);
}

function planFor(obs: Partial<Observation>, policies: Policy[] = [policy], docOverrides = {}): Plan {
  return planBucket(makeObservation(obs), makeDoc(policies, docOverrides), ctx);
}

describe('planBucket: skip', () => {
  it('skips the state bucket with StateBucket', () => {
    const plan = planBucket(makeObservation({ bucket: 'autopilot-state' }), doc, ctx);
    expect([plan.outcome, plan.reason?.code]).toEqual(['skip', 'StateBucket']);
  });

  it('skips a bucket without the selector tag with NoPolicyTag', () => {
    const plan = planFor({ tags: [{ key: 'team', value: 'x' }] });
    expect([plan.outcome, plan.reason?.code]).toEqual(['skip', 'NoPolicyTag']);
  });

  it('skips a bucket whose selector tag is empty with NoPolicyTag', () => {
    const plan = planFor({ tags: [{ key: 'replication-policy', value: '' }] });
    expect(plan.reason?.code).toBe('NoPolicyTag');
  });

  it('keeps owned rules of an untagged bucket when onUntag is keep', () => {
    const plan = planFor({ tags: [], rules: [ownedRule()] }, [policy], { onUntag: 'keep' });
    expect([plan.outcome, plan.steps.length, plan.notes[0]?.code]).toEqual(['skip', 0, 'OwnedRulesKept']);
  });
});

describe('planBucket: remove', () => {
  it('deletes only owned rules of an untagged bucket when onUntag is remove', () => {
    const owned = ownedRule();
    const plan = planFor(
      { tags: [], rules: [owned, foreignRule({ destination: { bucket: 'x-dr', location: 'oss-cn-beijing' } })] },
      [policy],
      { onUntag: 'remove' },
    );
    expect([plan.outcome, plan.steps]).toEqual(['remove', [{ kind: 'deleteRule', ruleId: owned.id, rule: owned }]]);
  });

  it('skips an untagged bucket with only foreign rules even when onUntag is remove', () => {
    const plan = planFor({ tags: [], rules: [foreignRule()] }, [policy], { onUntag: 'remove' });
    expect([plan.outcome, plan.steps.length]).toEqual(['skip', 0]);
  });

  it('does not delete owned rules that are already closing', () => {
    const plan = planFor({ tags: [], rules: [ownedRule(policy, { status: 'closing' })] }, [policy], { onUntag: 'remove' });
    expect(plan.outcome).toBe('skip');
  });

  it('removes the rule of a policy the tag no longer names', () => {
    const other = makePolicy({
      name: 'dr-shanghai',
      destination: { ...policy.destination, region: 'cn-shanghai', bucket: '{bucket}-dr2' },
    });
    const stale = ownedRule(other);
    const plan = planFor({ rules: [ownedRule(), stale] }, [policy, other]);
    expect([plan.outcome, plan.steps]).toEqual(['remove', [{ kind: 'deleteRule', ruleId: stale.id, rule: stale }]]);
  });
});

describe('planBucket: create', () => {
  it('adds the desired rule and schedules its canary when the destination is ready', () => {
    const plan = planFor({});
    expect([plan.outcome, kinds(plan)]).toEqual(['create', ['addRule', 'scheduleCanary']]);
  });

  it('adds a rule whose ID is owned by this system', () => {
    const plan = planFor({});
    const add = plan.steps.find((s) => s.kind === 'addRule');
    expect(add?.kind === 'addRule' && add.rule.id).toBe(ownedRule().id);
  });

  it('creates a missing destination in the policy region with the source versioning first', () => {
    const plan = planFor({ versioning: 'Enabled', destinations: { 'photos-dr': { exists: false } } });
    expect(plan.steps[0]).toEqual({ kind: 'createDestination', bucket: 'photos-dr', region: 'cn-beijing', versioning: 'Enabled' });
  });

  it('enables versioning on a destination it created even when the policy does not enable versioning (crash after PutBucket)', () => {
    const plan = planFor({ versioning: 'Enabled' });
    expect(kinds(plan)).toEqual(['enableDestinationVersioning', 'addRule', 'scheduleCanary']);
  });

  it('leaves foreign rules to other destinations alone', () => {
    const plan = planFor({ rules: [foreignRule({ destination: { bucket: 'elsewhere', location: 'oss-cn-shanghai' } })] });
    expect(kinds(plan)).toEqual(['addRule', 'scheduleCanary']);
  });

  it('plans one rule per selected policy', () => {
    const second = makePolicy({
      name: 'dr-shanghai',
      destination: { ...policy.destination, region: 'cn-shanghai', bucket: '{bucket}-dr2' },
    });
    const plan = planFor(
      {
        tags: [{ key: 'replication-policy', value: 'dr-beijing,dr-shanghai' }],
        destinations: { 'photos-dr': EXISTING_DR, 'photos-dr2': { ...EXISTING_DR, region: 'cn-shanghai' } },
      },
      [policy, second],
    );
    expect(kinds(plan).filter((k) => k === 'addRule')).toHaveLength(2);
  });

  it('allows RTC in the source region without consulting the RTC locations', () => {
    const srr = makePolicy({ mode: 'srr', rtc: true, destination: { ...policy.destination, region: 'cn-hangzhou' } });
    const plan = planFor({ destinations: { 'photos-dr': { ...EXISTING_DR, region: 'cn-hangzhou' } } }, [srr]);
    expect(plan.outcome).toBe('create');
  });

  it('adds a rule in the source region without consulting the replication locations', () => {
    const srr = makePolicy({ mode: 'srr', destination: { ...policy.destination, region: 'cn-hangzhou' } });
    const plan = planFor({ destinations: { 'photos-dr': { ...EXISTING_DR, region: 'cn-hangzhou' } } }, [srr]);
    expect(plan.outcome).toBe('create');
  });
});

describe('planBucket: unchanged', () => {
  it('is unchanged when the owned rule for the policy is there', () => {
    const plan = planFor({ rules: [ownedRule()] });
    expect([plan.outcome, plan.steps.length]).toEqual(['unchanged', 0]);
  });

  it('is unchanged while the owned rule is still starting', () => {
    expect(planFor({ rules: [ownedRule(policy, { status: 'starting' })] }).outcome).toBe('unchanged');
  });

  it('reports a foreign rule that already replicates to the destination instead of duplicating it', () => {
    const plan = planFor({ rules: [foreignRule()] });
    expect([plan.outcome, plan.steps.length, plan.notes[0]?.code]).toEqual(['unchanged', 0, 'ForeignRuleToDestination']);
  });
});

describe('planBucket: replace', () => {
  const old = ownedRule(policy, { id: `${PREFIX}dr-beijing-${OWNERSHIP.deployment}-0badc0de`, prefixes: ['old/'] });

  it('deletes the old owned rule, waits for it to close, then adds the new one', () => {
    const plan = planFor({ rules: [old] });
    expect([plan.outcome, kinds(plan)]).toEqual(['replace', ['deleteRule', 'waitClosing', 'addRule', 'scheduleCanary']]);
  });

  it('never deletes a foreign rule while replacing', () => {
    const foreign = foreignRule({ destination: { bucket: 'elsewhere', location: 'oss-cn-shanghai' } });
    const plan = planFor({ rules: [old, foreign] });
    const deleted = plan.steps.flatMap((s) => (s.kind === 'deleteRule' ? [s.ruleId] : []));
    expect(deleted).toEqual([old.id]);
  });

  it('does not wait when the old rule went to another destination', () => {
    const moved = ownedRule(policy, {
      id: `${PREFIX}dr-beijing-${OWNERSHIP.deployment}-0badc0de`,
      destination: { bucket: 'photos-old-dr', location: 'oss-cn-beijing' },
    });
    expect(kinds(planFor({ rules: [moved] }))).toEqual(['deleteRule', 'addRule', 'scheduleCanary']);
  });

  it('waits with ClosingInProgress when the old owned rule is already closing', () => {
    const plan = planFor({ rules: [{ ...old, status: 'closing' }] });
    expect([plan.outcome, plan.reason?.code, kinds(plan)]).toEqual([
      'replace',
      'ClosingInProgress',
      ['waitClosing', 'addRule', 'scheduleCanary'],
    ]);
  });

  it('waits for its own rule ID still closing after a removal before adding it again', () => {
    const plan = planFor({ rules: [ownedRule(policy, { status: 'closing' })] });
    expect([plan.reason?.code, kinds(plan)]).toEqual(['ClosingInProgress', ['waitClosing', 'addRule', 'scheduleCanary']]);
  });
});

describe('planBucket: block', () => {
  function reasonOf(obs: Partial<Observation>, policies: Policy[] = [policy], docOverrides = {}, context = ctx): string | undefined {
    const plan = planBucket(makeObservation(obs), makeDoc(policies, docOverrides), context);
    expect([plan.outcome, plan.steps.length]).toEqual(['block', 0]);
    return plan.reason?.code;
  }

  it('blocks a tag naming an undefined policy with UnknownPolicy', () => {
    expect(reasonOf({ tags: [{ key: 'replication-policy', value: 'nope' }] })).toBe('UnknownPolicy');
  });

  it('blocks a destination region outside the guardrails with RegionNotAllowed', () => {
    const doc2 = { guardrails: { destinationRegions: ['cn-shanghai'], destinationBuckets: ['*-dr'], maxChangesPerRun: 1 } };
    expect(reasonOf({}, [policy], doc2)).toBe('RegionNotAllowed');
  });

  it('blocks a destination name outside the guardrails with BucketNotAllowed', () => {
    const p = makePolicy({ destination: { ...policy.destination, bucket: '{bucket}-copy' } });
    expect(reasonOf({}, [p])).toBe('BucketNotAllowed');
  });

  it('blocks replication into the source bucket itself with SameBucket', () => {
    const p = makePolicy({ mode: 'any', destination: { ...policy.destination, bucket: '{bucket}' } });
    const doc2 = { guardrails: { destinationRegions: ['cn-beijing'], destinationBuckets: ['*'], maxChangesPerRun: 1 } };
    expect(reasonOf({}, [p], doc2)).toBe('SameBucket');
  });

  it('blocks a crr policy whose destination is in the source region with ModeMismatch', () => {
    const p = makePolicy({ destination: { ...policy.destination, region: 'cn-hangzhou' } });
    expect(reasonOf({}, [p])).toBe('ModeMismatch');
  });

  it('blocks a destination region OSS does not list for the source with ReplicationLocationNotAllowed', () => {
    expect(reasonOf({}, [policy], {}, makeContext({ replicationLocation: makeLocation({ locations: ['oss-cn-shanghai'] }) }))).toBe(
      'ReplicationLocationNotAllowed',
    );
  });

  it('blocks oss_acc where OSS does not offer it with TransferTypeNotSupported', () => {
    expect(reasonOf({}, [makePolicy({ transferType: 'oss_acc' })])).toBe('TransferTypeNotSupported');
  });

  it('blocks RTC where OSS does not offer it with RtcNotSupported', () => {
    const p = makePolicy({ rtc: true, destination: { ...policy.destination, region: 'cn-shanghai', bucket: '{bucket}-dr' } });
    expect(reasonOf({ destinations: { 'photos-dr': { ...EXISTING_DR, region: 'cn-shanghai' } } }, [p])).toBe('RtcNotSupported');
  });

  it('blocks KMS replication without a key with KmsIncomplete', () => {
    expect(reasonOf({}, [makePolicy({ kms: { syncRole: 'role', replicaKmsKeyId: '' } })])).toBe('KmsIncomplete');
  });

  it('blocks a template that renders to an invalid bucket name with InvalidDestinationBucket', () => {
    const p = makePolicy({ destination: { ...policy.destination, bucket: '{bucket}_DR' } });
    expect(reasonOf({}, [p])).toBe('InvalidDestinationBucket');
  });

  it('blocks a missing destination the policy may not create with DestinationMissing', () => {
    const p = makePolicy({ destination: { ...policy.destination, create: false } });
    expect(reasonOf({ destinations: { 'photos-dr': { exists: false } } }, [p])).toBe('DestinationMissing');
  });

  it('blocks a destination in another region with DestinationWrongRegion', () => {
    expect(reasonOf({ destinations: { 'photos-dr': { ...EXISTING_DR, region: 'cn-shanghai' } } })).toBe('DestinationWrongRegion');
  });

  it('blocks a destination that cannot be read with DestinationNotAccessible', () => {
    expect(reasonOf({ destinations: { 'photos-dr': { exists: 'unknown', errorCode: 'AccessDenied' } } })).toBe('DestinationNotAccessible');
  });

  it('blocks a versioned destination for an unversioned source with VersioningMismatch', () => {
    expect(reasonOf({ destinations: { 'photos-dr': { ...EXISTING_DR, versioning: 'Enabled' } } })).toBe('VersioningMismatch');
  });

  it('explains in the VersioningMismatch message that OSS requires equal versioning states', () => {
    const plan = planFor({ destinations: { 'photos-dr': { ...EXISTING_DR, versioning: 'Enabled' } } });
    expect(plan.reason?.message).toMatch(/same versioning state/);
  });

  it('blocks when the new rule would exceed the rule limit with TooManyRules', () => {
    const rules = Array.from({ length: 100 }, (_, i) =>
      foreignRule({ id: `r${i}`, destination: { bucket: `b${i}`, location: 'oss-cn-shanghai' } }),
    );
    expect(reasonOf({ rules })).toBe('TooManyRules');
  });

  it('blocks the whole bucket when one of its policies is blocked', () => {
    const bad = makePolicy({ name: 'bad', destination: { ...policy.destination, bucket: '{bucket}-nope' } });
    expect(reasonOf({ tags: [{ key: 'replication-policy', value: 'dr-beijing,bad' }] }, [policy, bad])).toBe('BucketNotAllowed');
  });

  it('names the blocked policy in the reason', () => {
    const plan = planFor({}, [makePolicy({ kms: { syncRole: '', replicaKmsKeyId: 'k' } })]);
    expect(plan.reason?.policy).toBe('dr-beijing');
  });
});

describe('planBucket: existing destinations', () => {
  const someonesBucket = { exists: true, region: 'cn-beijing', versioning: 'unversioned' } as const;
  const adopting = (over: Partial<Policy['destination']> = {}) =>
    makePolicy({ destination: { ...policy.destination, existing: 'adopt', ...over } });

  it('blocks an existing destination this deployment did not create with DestinationNotOwned', () => {
    const plan = planFor({ destinations: { 'photos-dr': someonesBucket } });
    expect([plan.outcome, plan.reason?.code, plan.steps]).toEqual(['block', 'DestinationNotOwned', []]);
  });

  it('names the bucket and the two ways out in the DestinationNotOwned message', () => {
    const plan = planFor({ destinations: { 'photos-dr': someonesBucket } });
    expect(plan.reason?.message).toMatch(/photos-dr already exists.*choose another destination\.bucket.*destination\.existing: adopt/);
  });

  it('never plans a versioning change on a destination it did not create', () => {
    const plan = planFor({ versioning: 'Enabled', destinations: { 'photos-dr': someonesBucket } });
    expect([plan.reason?.code, kinds(plan)]).toEqual(['DestinationNotOwned', []]);
  });

  it('adds the rule into an existing destination when the policy adopts existing destinations', () => {
    const plan = planFor({ destinations: { 'photos-dr': someonesBucket } }, [adopting()]);
    expect([plan.outcome, kinds(plan)]).toEqual(['create', ['addRule', 'scheduleCanary']]);
  });

  it("leaves an adopted destination's versioning alone unless the policy enables versioning", () => {
    expect(planFor({ versioning: 'Enabled', destinations: { 'photos-dr': someonesBucket } }, [adopting()]).reason?.code).toBe(
      'VersioningMismatch',
    );
  });

  it('enables versioning on an adopted destination when the policy sets enableVersioning', () => {
    const plan = planFor({ versioning: 'Enabled', destinations: { 'photos-dr': someonesBucket } }, [adopting({ enableVersioning: true })]);
    expect(kinds(plan)).toEqual(['enableDestinationVersioning', 'addRule', 'scheduleCanary']);
  });
});

describe('planBucket: the state bucket', () => {
  const intoState = makePolicy({
    mode: 'any',
    destination: { ...policy.destination, region: 'cn-hangzhou', bucket: 'autopilot-state', existing: 'adopt', enableVersioning: true },
  });
  const anyBucket = { guardrails: { destinationRegions: [], destinationBuckets: ['*'], maxChangesPerRun: 10 } };

  it('blocks a policy whose destination is the state bucket with DestinationIsStateBucket', () => {
    const plan = planFor(
      { versioning: 'Enabled', destinations: { 'autopilot-state': { ...EXISTING_DR, region: 'cn-hangzhou' } } },
      [intoState],
      anyBucket,
    );
    expect([plan.outcome, plan.reason?.code, plan.steps]).toEqual(['block', 'DestinationIsStateBucket', []]);
  });

  it('tells the operator how to keep the templates from naming the state bucket', () => {
    const plan = planFor({}, [intoState], anyBucket);
    expect(plan.reason?.message).toMatch(
      /autopilot-state, which is this deployment's state bucket.*destination\.bucket or guardrails\.destinationBuckets/,
    );
  });
});

describe('planBucket: suspended versioning', () => {
  it('blocks a source whose versioning is Suspended with SourceVersioningSuspended', () => {
    const plan = planFor({ versioning: 'Suspended', destinations: { 'photos-dr': { exists: false } } });
    expect([plan.outcome, plan.reason?.code, plan.steps]).toEqual(['block', 'SourceVersioningSuspended', []]);
  });

  it('blocks a destination whose versioning is Suspended with DestinationVersioningSuspended', () => {
    const plan = planFor({ versioning: 'Enabled', destinations: { 'photos-dr': { ...EXISTING_DR, versioning: 'Suspended' } } });
    expect([plan.outcome, plan.reason?.code, plan.steps]).toEqual(['block', 'DestinationVersioningSuspended', []]);
  });

  it('creates a missing destination for a versioned source with versioning Enabled, never Suspended', () => {
    const plan = planFor({ versioning: 'Enabled', destinations: { 'photos-dr': { exists: false } } });
    expect(plan.steps.filter((s) => s.kind === 'createDestination').map((s) => s.kind === 'createDestination' && s.versioning)).toEqual([
      'Enabled',
    ]);
  });
});

describe('planBucket: two deployments in one account', () => {
  const other = ruleOwnership(PREFIX, 'another-state-bucket', []);
  const theirRule = (p: Policy = policy): ReplicationRule => ({
    ...desiredRule(p, { sourceBucket: 'photos', sourceRegion: 'cn-hangzhou', account: ctx.account }, other),
    status: 'doing',
  });
  const elsewhere = makePolicy({
    name: 'dr-shanghai',
    destination: { ...policy.destination, region: 'cn-shanghai', bucket: '{bucket}-dr2' },
  });

  it("never deletes another deployment's rule as stale, whatever this policy file wants", () => {
    const plan = planFor(
      {
        tags: [{ key: 'replication-policy', value: 'dr-shanghai' }],
        rules: [theirRule()],
        destinations: { 'photos-dr2': { ...EXISTING_DR, region: 'cn-shanghai' } },
      },
      [policy, elsewhere],
    );
    expect(plan.steps.filter((s) => s.kind === 'deleteRule')).toEqual([]);
  });

  it("never removes another deployment's rule from an untagged bucket with onUntag remove", () => {
    const plan = planFor({ tags: [], rules: [theirRule()] }, [policy], { onUntag: 'remove' });
    expect([plan.outcome, plan.steps]).toEqual(['skip', []]);
  });

  it("treats another deployment's rule to the same destination as foreign instead of duplicating it", () => {
    const plan = planFor({ rules: [theirRule()] });
    expect([plan.outcome, plan.notes.map((n) => n.code)]).toEqual(['unchanged', ['ForeignRuleToDestination']]);
  });
});

describe('planBucket: rule IDs from earlier versions', () => {
  const body = desiredRule(policy, { sourceBucket: 'photos', sourceRegion: 'cn-hangzhou', account: ctx.account }, OWNERSHIP);
  const legacyId = legacyRuleId(PREFIX, 'dr-beijing', body);
  const legacy: ReplicationRule = { ...body, id: legacyId, status: 'doing' };
  const recorded = makeContext({ ownership: ruleOwnership(PREFIX, 'autopilot-state', [legacyId]) });

  it('keeps a recorded rule with an earlier ID unchanged when it is the desired rule', () => {
    const plan = planBucket(makeObservation({ rules: [legacy] }), doc, recorded);
    expect([plan.outcome, plan.steps, plan.policies[0]?.ruleId]).toEqual(['unchanged', [], legacyId]);
  });

  it('replaces a recorded rule with an earlier ID when the policy changed', () => {
    const older = { ...body, prefixes: ['old/'] };
    const olderId = legacyRuleId(PREFIX, 'dr-beijing', older);
    const context = makeContext({ ownership: ruleOwnership(PREFIX, 'autopilot-state', [olderId]) });
    const observed = { ...older, id: olderId, status: 'doing' as const };
    const plan = planBucket(makeObservation({ rules: [observed] }), doc, context);
    expect([plan.outcome, plan.steps[0]]).toEqual(['replace', { kind: 'deleteRule', ruleId: olderId, rule: observed }]);
  });

  it('leaves alone an earlier-style ID this deployment does not record', () => {
    const plan = planFor({ tags: [], rules: [legacy] }, [policy], { onUntag: 'remove' });
    expect([plan.outcome, plan.steps]).toEqual(['skip', []]);
  });
});
