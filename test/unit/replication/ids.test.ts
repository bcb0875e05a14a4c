import { isOwned, ownedRuleId, policyOfRuleId, ruleFingerprint, slugify } from '../../../shared/replication/ids';
import type { ReplicationRule } from '../../../shared/xml/types';

const rule: ReplicationRule = {
  prefixes: ['logs/'],
  actions: ['ALL'],
  destination: { bucket: 'photos-dr', location: 'oss-cn-beijing' },
  historicalObjectReplication: 'enabled',
};

describe('ownedRuleId', () => {
  it('is prefix, policy name, dash and 8 hex characters', () => {
    expect(ownedRuleId('autopilot-', 'dr-beijing', rule)).toMatch(/^autopilot-dr-beijing-[0-9a-f]{8}$/);
  });

  it('is the same for the same desired rule', () => {
    expect(ownedRuleId('p-', 'dr', rule)).toBe(ownedRuleId('p-', 'dr', { ...rule }));
  });

  it('does not depend on the order fields were built in', () => {
    const reordered: ReplicationRule = {
      historicalObjectReplication: 'enabled',
      destination: { location: 'oss-cn-beijing', bucket: 'photos-dr' },
      actions: ['ALL'],
      prefixes: ['logs/'],
    };
    expect(ownedRuleId('p-', 'dr', reordered)).toBe(ownedRuleId('p-', 'dr', rule));
  });

  it('changes when a rule field changes', () => {
    expect(ownedRuleId('p-', 'dr', { ...rule, historicalObjectReplication: 'disabled' })).not.toBe(ownedRuleId('p-', 'dr', rule));
  });

  it('ignores the rule id and status', () => {
    expect(ownedRuleId('p-', 'dr', { ...rule, id: 'x', status: 'doing' })).toBe(ownedRuleId('p-', 'dr', rule));
  });

  it('keeps only lower-case letters, digits and dashes from the policy name', () => {
    expect(ownedRuleId('p-', 'DR_Beijing.Main', rule)).toMatch(/^p-dr-beijing-main-[0-9a-f]{8}$/);
  });

  it('stays within 255 characters for a very long policy name', () => {
    const id = ownedRuleId('autopilot-', 'x'.repeat(400), rule);
    expect(id.length).toBeLessThanOrEqual(255);
    expect(isOwned(id, 'autopilot-')).toBe(true);
  });
});

describe('isOwned', () => {
  const id = ownedRuleId('autopilot-', 'dr-beijing', rule);

  it('recognises an ID this system made', () => {
    expect(isOwned(id, 'autopilot-')).toBe(true);
  });

  it('rejects an OSS-generated UUID', () => {
    expect(isOwned('83925164-b43e-42c8-b755-0123456789ab', 'autopilot-')).toBe(false);
  });

  it('rejects an ID with the prefix but no hash suffix', () => {
    expect(isOwned('autopilot-handmade', 'autopilot-')).toBe(false);
  });

  it('rejects an ID made with another prefix', () => {
    expect(isOwned(id, 'other-')).toBe(false);
  });

  it('rejects a missing ID', () => {
    expect(isOwned(undefined, 'autopilot-')).toBe(false);
  });
});

describe('policyOfRuleId', () => {
  it('returns the policy slug of an owned ID', () => {
    expect(policyOfRuleId(ownedRuleId('autopilot-', 'dr-beijing', rule), 'autopilot-')).toBe('dr-beijing');
  });

  it('returns undefined for a foreign ID', () => {
    expect(policyOfRuleId('rule-1', 'autopilot-')).toBeUndefined();
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
