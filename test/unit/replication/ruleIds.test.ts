import {
  acceptedRuleIds,
  deploymentTag,
  isOwned,
  legacyRuleId,
  ownedRuleId,
  policyOfRuleId,
  ruleFingerprint,
  ruleOwnership,
  slugify,
} from '../../../shared/replication/ruleIds';
import type { ReplicationRule } from '../../../shared/xml/types';

const rule: ReplicationRule = {
  prefixes: ['logs/'],
  actions: ['ALL'],
  destination: { bucket: 'photos-dr', location: 'oss-cn-beijing' },
  historicalObjectReplication: 'enabled',
};

const ours = ruleOwnership('autopilot-', 'state-a', []);
const theirs = ruleOwnership('autopilot-', 'state-b', []);
const short = ruleOwnership('p-', 'state-a', []);

describe('deploymentTag', () => {
  it('is 8 hex characters derived from the state bucket name', () => {
    expect(deploymentTag('state-a')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('differs between two state buckets', () => {
    expect(deploymentTag('state-a')).not.toBe(deploymentTag('state-b'));
  });
});

describe('ownedRuleId', () => {
  it('is prefix, policy name, the deployment tag and the rule hash', () => {
    expect(ownedRuleId(ours, 'dr-beijing', rule)).toBe(`autopilot-dr-beijing-${deploymentTag('state-a')}-${ruleFingerprint(rule)}`);
  });

  it('is the same for the same desired rule', () => {
    expect(ownedRuleId(short, 'dr', rule)).toBe(ownedRuleId(short, 'dr', { ...rule }));
  });

  it('differs between two deployments for the same rule', () => {
    expect(ownedRuleId(ours, 'dr', rule)).not.toBe(ownedRuleId(theirs, 'dr', rule));
  });

  it('does not depend on the order fields were built in', () => {
    const reordered: ReplicationRule = {
      historicalObjectReplication: 'enabled',
      destination: { location: 'oss-cn-beijing', bucket: 'photos-dr' },
      actions: ['ALL'],
      prefixes: ['logs/'],
    };
    expect(ownedRuleId(short, 'dr', reordered)).toBe(ownedRuleId(short, 'dr', rule));
  });

  it('changes when a rule field changes', () => {
    expect(ownedRuleId(short, 'dr', { ...rule, historicalObjectReplication: 'disabled' })).not.toBe(ownedRuleId(short, 'dr', rule));
  });

  it('ignores the rule id and status', () => {
    expect(ownedRuleId(short, 'dr', { ...rule, id: 'x', status: 'doing' })).toBe(ownedRuleId(short, 'dr', rule));
  });

  it('keeps only lower-case letters, digits and dashes from the policy name', () => {
    expect(ownedRuleId(short, 'DR_Beijing.Main', rule)).toMatch(/^p-dr-beijing-main-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('stays within 255 characters for a very long policy name', () => {
    const id = ownedRuleId(ours, 'x'.repeat(400), rule);
    expect([id.length <= 255, isOwned(id, ours)]).toEqual([true, true]);
  });
});

describe('isOwned', () => {
  const id = ownedRuleId(ours, 'dr-beijing', rule);
  const legacy = legacyRuleId('autopilot-', 'dr-beijing', rule);

  it('recognises an ID this deployment made', () => {
    expect(isOwned(id, ours)).toBe(true);
  });

  it('rejects an ID another deployment with the same prefix made', () => {
    expect(isOwned(ownedRuleId(theirs, 'dr-beijing', rule), ours)).toBe(false);
  });

  it('accepts an ID from an earlier version that this deployment records for the bucket', () => {
    expect(isOwned(legacy, ruleOwnership('autopilot-', 'state-a', [legacy]))).toBe(true);
  });

  it('rejects an ID from an earlier version that this deployment does not record', () => {
    expect(isOwned(legacy, ours)).toBe(false);
  });

  it('rejects a recorded ID without the prefix', () => {
    expect(isOwned('manual-12345678', ruleOwnership('autopilot-', 'state-a', ['manual-12345678']))).toBe(false);
  });

  it('rejects an OSS-generated UUID', () => {
    expect(isOwned('83925164-b43e-42c8-b755-0123456789ab', ours)).toBe(false);
  });

  it('rejects an ID with the prefix but no hash suffix', () => {
    expect(isOwned('autopilot-handmade', ours)).toBe(false);
  });

  it('rejects an ID made with another prefix', () => {
    expect(isOwned(id, ruleOwnership('other-', 'state-a', []))).toBe(false);
  });

  it('rejects a missing ID', () => {
    expect(isOwned(undefined, ours)).toBe(false);
  });
});

describe('acceptedRuleIds', () => {
  const desired = { ...rule, id: ownedRuleId(ours, 'dr-beijing', rule) };
  const legacy = legacyRuleId('autopilot-', 'dr-beijing', rule);

  it('is only the desired ID when nothing older is recorded', () => {
    expect(acceptedRuleIds(desired, 'dr-beijing', ours)).toEqual([desired.id]);
  });

  it('also accepts the recorded ID an earlier version gave the same rule', () => {
    expect(acceptedRuleIds(desired, 'dr-beijing', ruleOwnership('autopilot-', 'state-a', [legacy]))).toEqual([desired.id, legacy]);
  });
});

describe('policyOfRuleId', () => {
  it('returns the policy slug of an owned ID', () => {
    expect(policyOfRuleId(ownedRuleId(ours, 'dr-beijing', rule), ours)).toBe('dr-beijing');
  });

  it('returns the policy slug of a recorded ID from an earlier version', () => {
    const legacy = legacyRuleId('autopilot-', 'dr-beijing', rule);
    expect(policyOfRuleId(legacy, ruleOwnership('autopilot-', 'state-a', [legacy]))).toBe('dr-beijing');
  });

  it('returns undefined for a foreign ID', () => {
    expect(policyOfRuleId('rule-1', ours)).toBeUndefined();
  });
});

describe('slugify', () => {
  it('collapses runs of other characters into one dash and trims dashes', () => {
    expect(slugify('__A  b__')).toBe('a-b');
  });
});

describe('ruleFingerprint', () => {
  it('is 8 hex characters', () => {
    expect(ruleFingerprint(rule)).toMatch(/^[0-9a-f]{8}$/);
  });
});
