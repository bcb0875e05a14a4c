import { desiredRule, normaliseActions, rulesEquivalent } from '../../../shared/replication/desired';
import { ruleFingerprint } from '../../../shared/replication/ruleIds';
import type { ReplicationRule } from '../../../shared/xml/types';
import { makePolicy, OWNERSHIP } from './fixtures';

const target = { sourceBucket: 'photos', sourceRegion: 'cn-hangzhou', account: '42' };

describe('desiredRule', () => {
  it('renders the destination bucket from the policy template', () => {
    expect(desiredRule(makePolicy(), target, OWNERSHIP).destination.bucket).toBe('photos-dr');
  });

  it('sets the destination location with the oss- prefix', () => {
    expect(desiredRule(makePolicy(), target, OWNERSHIP).destination.location).toBe('oss-cn-beijing');
  });

  it('gives the rule an owned ID naming the policy', () => {
    expect(desiredRule(makePolicy(), target, OWNERSHIP).id).toBe(
      `autopilot-dr-beijing-${OWNERSHIP.deployment}-${ruleFingerprint(desiredRule(makePolicy(), target, OWNERSHIP))}`,
    );
  });

  it('sorts and de-duplicates prefixes', () => {
    expect(desiredRule(makePolicy({ prefixes: ['b/', 'a/', 'b/'] }), target, OWNERSHIP).prefixes).toEqual(['a/', 'b/']);
  });

  it('maps historical true to enabled', () => {
    expect(desiredRule(makePolicy({ historical: true }), target, OWNERSHIP).historicalObjectReplication).toBe('enabled');
  });

  it('maps historical false to disabled', () => {
    expect(desiredRule(makePolicy({ historical: false }), target, OWNERSHIP).historicalObjectReplication).toBe('disabled');
  });

  it('omits the transfer type when it is internal', () => {
    expect(desiredRule(makePolicy(), target, OWNERSHIP).destination).not.toHaveProperty('transferType');
  });

  it('sets the transfer type when it is oss_acc', () => {
    expect(desiredRule(makePolicy({ transferType: 'oss_acc' }), target, OWNERSHIP).destination.transferType).toBe('oss_acc');
  });

  it('enables RTC when the policy asks', () => {
    expect(desiredRule(makePolicy({ rtc: true }), target, OWNERSHIP).rtc).toBe('enabled');
  });

  it('leaves RTC out when the policy does not ask', () => {
    expect(desiredRule(makePolicy({ rtc: false }), target, OWNERSHIP)).not.toHaveProperty('rtc');
  });

  it('sets SSE-KMS selection, replica key and sync role when kms is set', () => {
    const rule = desiredRule(makePolicy({ kms: { syncRole: 'role-a', replicaKmsKeyId: 'key-1' } }), target, OWNERSHIP);
    expect([rule.sseKmsEncryptedObjects, rule.replicaKmsKeyId, rule.syncRole]).toEqual(['Enabled', 'key-1', 'role-a']);
  });

  it('has no KMS fields without kms', () => {
    const rule = desiredRule(makePolicy(), target, OWNERSHIP);
    expect([rule.sseKmsEncryptedObjects, rule.replicaKmsKeyId, rule.syncRole]).toEqual([undefined, undefined, undefined]);
  });

  it('uses the policy sync role when there is no kms', () => {
    expect(desiredRule(makePolicy({ syncRole: 'replicator' }), target, OWNERSHIP).syncRole).toBe('replicator');
  });

  it('gets another ID when the policy changes', () => {
    expect(desiredRule(makePolicy({ prefixes: ['x/'] }), target, OWNERSHIP).id).not.toBe(desiredRule(makePolicy(), target, OWNERSHIP).id);
  });
});

describe('normaliseActions', () => {
  it('collapses PUT, DELETE and ABORT into ALL', () => {
    expect(normaliseActions(['ABORT', 'PUT', 'DELETE'])).toEqual(['ALL']);
  });

  it('orders a partial set as PUT, DELETE, ABORT', () => {
    expect(normaliseActions(['ABORT', 'PUT'])).toEqual(['PUT', 'ABORT']);
  });
});

describe('rulesEquivalent', () => {
  const desired = desiredRule(makePolicy({ prefixes: ['a/', 'b/'], actions: ['PUT', 'DELETE'] }), target, OWNERSHIP);
  const echoed: ReplicationRule = { ...desired, status: 'doing' };

  it('accepts the rule as OSS echoes it with a status', () => {
    expect(rulesEquivalent(echoed, desired)).toBe(true);
  });

  it('accepts prefixes and actions in another order', () => {
    expect(rulesEquivalent({ ...echoed, prefixes: ['b/', 'a/'], actions: ['DELETE', 'PUT'] }, desired)).toBe(true);
  });

  it('treats a missing transfer type as internal', () => {
    expect(rulesEquivalent({ ...echoed, destination: { ...echoed.destination, transferType: 'internal' } }, desired)).toBe(true);
  });

  it('treats RTC enabling as enabled', () => {
    const withRtc = desiredRule(makePolicy({ rtc: true }), target, OWNERSHIP);
    expect(rulesEquivalent({ ...withRtc, rtc: 'enabling' }, withRtc)).toBe(true);
  });

  it('rejects another destination bucket', () => {
    expect(rulesEquivalent({ ...echoed, destination: { ...echoed.destination, bucket: 'other-dr' } }, desired)).toBe(false);
  });

  it('rejects another prefix set', () => {
    expect(rulesEquivalent({ ...echoed, prefixes: ['a/'] }, desired)).toBe(false);
  });

  it('rejects another historical setting', () => {
    expect(rulesEquivalent({ ...echoed, historicalObjectReplication: 'disabled' }, desired)).toBe(false);
  });

  it('rejects a rule without the KMS key the policy wants', () => {
    const kms = desiredRule(makePolicy({ kms: { syncRole: 'r', replicaKmsKeyId: 'k' } }), target, OWNERSHIP);
    expect(rulesEquivalent({ ...kms, replicaKmsKeyId: 'other' }, kms)).toBe(false);
  });

  it('rejects oss_acc when internal is wanted', () => {
    expect(rulesEquivalent({ ...echoed, destination: { ...echoed.destination, transferType: 'oss_acc' } }, desired)).toBe(false);
  });
});
