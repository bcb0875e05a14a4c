import { compilePolicyObject } from '../../../shared/policy/compile';
import { issuesOf, rawDoc } from './raw';

const KMS_MESSAGE = 'required when kms is set (give both syncRole and replicaKmsKeyId, or kms: null)';

describe('policy kms', () => {
  it('accepts syncRole and replicaKmsKeyId together', () => {
    const doc = compilePolicyObject(rawDoc({ kms: { syncRole: 'role', replicaKmsKeyId: 'key-1' } }));
    expect(doc.policies.p?.kms).toEqual({ syncRole: 'role', replicaKmsKeyId: 'key-1' });
  });

  it('accepts kms: null', () => {
    expect(compilePolicyObject(rawDoc({ kms: null })).policies.p?.kms).toBeNull();
  });

  it('rejects a sync role without a replica key', () => {
    expect(issuesOf(rawDoc({ kms: { syncRole: 'role' } }))).toEqual([`policies.p.kms.replicaKmsKeyId: ${KMS_MESSAGE}`]);
  });

  it('rejects a replica key with an empty sync role', () => {
    expect(issuesOf(rawDoc({ kms: { syncRole: ' ', replicaKmsKeyId: 'k' } }))).toEqual([`policies.p.kms.syncRole: ${KMS_MESSAGE}`]);
  });

  it('rejects an empty kms block with one issue per missing field', () => {
    expect(issuesOf(rawDoc({ kms: {} }))).toEqual([`policies.p.kms.syncRole: ${KMS_MESSAGE}`, `policies.p.kms.replicaKmsKeyId: ${KMS_MESSAGE}`]);
  });

  it('rejects a top-level syncRole that differs from kms.syncRole', () => {
    expect(issuesOf(rawDoc({ syncRole: 'a', kms: { syncRole: 'b', replicaKmsKeyId: 'k' } }))).toEqual([
      'policies.p.syncRole: differs from kms.syncRole (a rule has one sync role)',
    ]);
  });
});

describe('policy transfer type and mode', () => {
  it('accepts oss_acc with mode crr', () => {
    expect(issuesOf(rawDoc({ transferType: 'oss_acc', mode: 'crr' }))).toEqual([]);
  });

  it('rejects oss_acc with mode srr', () => {
    expect(issuesOf(rawDoc({ transferType: 'oss_acc', mode: 'srr' }))).toEqual(['policies.p.transferType: oss_acc is only allowed with mode crr, not srr']);
  });

  it('rejects oss_acc with mode any', () => {
    expect(issuesOf(rawDoc({ transferType: 'oss_acc', mode: 'any' }))).toEqual(['policies.p.transferType: oss_acc is only allowed with mode crr, not any']);
  });

  it('rejects an unknown transfer type', () => {
    expect(issuesOf(rawDoc({ transferType: 'fast' }))).toEqual(['policies.p.transferType: must be one of internal, oss_acc']);
  });

  it('rejects an unknown mode', () => {
    expect(issuesOf(rawDoc({ mode: 'both' }))).toEqual(['policies.p.mode: must be one of crr, srr, any']);
  });

  it('accepts srr with a fixed destination region', () => {
    expect(issuesOf(rawDoc({ mode: 'srr' }))).toEqual([]);
  });

  it('accepts rtc with any mode', () => {
    expect(issuesOf(rawDoc({ rtc: true, mode: 'srr' }))).toEqual([]);
  });
});

describe('policy verify and alerts', () => {
  it('rejects a verify timeout not longer than the delay', () => {
    expect(issuesOf(rawDoc({ verify: { delaySeconds: 900 } }))).toEqual([
      'policies.p.verify.timeoutSeconds: must be greater than verify.delaySeconds (900)',
    ]);
  });

  it('rejects a non-integer interval', () => {
    expect(issuesOf(rawDoc({ verify: { everyHours: 1.5 } }))).toEqual(['policies.p.verify.everyHours: must be an integer']);
  });

  it('rejects a zero lag threshold', () => {
    expect(issuesOf(rawDoc({ alerts: { maxLagSeconds: 0 } }))).toEqual(['policies.p.alerts.maxLagSeconds: must be at least 1']);
  });

  it('accepts a daily digest time', () => {
    expect(compilePolicyObject(rawDoc({ alerts: { digest: 'daily@09:30' } })).policies.p?.alerts.digest).toBe('daily@09:30');
  });

  it('rejects a digest schedule it cannot read', () => {
    expect(issuesOf(rawDoc({ alerts: { digest: 'daily@25:00' } }))).toEqual(['policies.p.alerts.digest: must be "hourly" or "daily@HH:MM" (UTC)']);
  });
});
