import { OssError } from '../../../shared/oss/errors';
import type { ApplyReport } from '../../../shared/replication/apply';
import { desiredRule } from '../../../shared/replication/desired';
import { ensureResult, failureReason, ownedRulesAfter } from '../../../shared/replication/outcome';
import { planBucket } from '../../../shared/replication/plan';
import type { ReplicationRule } from '../../../shared/xml/types';
import { foreignRule, makeContext, makeDoc, makeObservation, makePolicy, OWNERSHIP } from './fixtures';

const ctx = makeContext();
const NOW = new Date('2025-01-01T00:00:00.000Z');
const rule: ReplicationRule = {
  ...desiredRule(makePolicy(), { sourceBucket: 'photos', sourceRegion: 'cn-hangzhou', account: ctx.account }, OWNERSHIP),
  status: 'doing',
};
const report = (over: Partial<ApplyReport> = {}): ApplyReport => ({ applied: [], added: [], deleted: [], canaries: [], ...over });

describe('ownedRulesAfter', () => {
  it('lists owned active rules and never foreign ones', () => {
    const obs = makeObservation({ rules: [rule, foreignRule({ destination: { bucket: 'x', location: 'oss-cn-beijing' } })] });
    const owned = ownedRulesAfter(obs, planBucket(obs, makeDoc(), ctx), report(), OWNERSHIP, [], NOW);
    expect(owned.map((o) => o.ruleId)).toEqual([rule.id]);
  });

  it('drops rules the run deleted', () => {
    const obs = makeObservation({ rules: [rule] });
    const owned = ownedRulesAfter(obs, planBucket(obs, makeDoc(), ctx), report({ deleted: [rule.id ?? ''] }), OWNERSHIP, [], NOW);
    expect(owned).toEqual([]);
  });

  it('adds rules the run added, stamped now', () => {
    const obs = makeObservation();
    const owned = ownedRulesAfter(
      obs,
      planBucket(obs, makeDoc(), ctx),
      report({ added: [{ policy: 'dr-beijing', rule }] }),
      OWNERSHIP,
      [],
      NOW,
    );
    expect(owned).toEqual([
      {
        ruleId: rule.id,
        policy: 'dr-beijing',
        destinationBucket: 'photos-dr',
        destinationRegion: 'cn-beijing',
        createdAt: NOW.toISOString(),
      },
    ]);
  });

  it('keeps the creation time recorded earlier', () => {
    const obs = makeObservation({ rules: [rule] });
    const prior = [
      {
        ruleId: rule.id ?? '',
        policy: 'dr-beijing',
        destinationBucket: 'photos-dr',
        destinationRegion: 'cn-beijing',
        createdAt: '2020-01-01T00:00:00.000Z',
      },
    ];
    const owned = ownedRulesAfter(obs, planBucket(obs, makeDoc(), ctx), report(), OWNERSHIP, prior, NOW);
    expect(owned[0]?.createdAt).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe('ensureResult', () => {
  const obs = makeObservation();
  const plan = planBucket(obs, makeDoc(), ctx);

  it('maps a planned create to created', () => {
    expect(ensureResult({ plan, report: report(), owned: [], dryRun: false }).outcome).toBe('created');
  });

  it('reports a failed step as failed with ApplyFailed and the error code', () => {
    const error = new OssError({ code: 'AccessDenied', status: 403, operation: 'PutBucketReplication' }, 'denied');
    const result = ensureResult({ plan, report: report({ error }), owned: [], dryRun: false });
    expect([result.outcome, result.reason?.code, result.retryable]).toEqual(['failed', 'ApplyFailed', false]);
  });

  it('marks a 503 failure retryable', () => {
    const error = new OssError({ code: 'ServiceUnavailable', status: 503, operation: 'PutBucketReplication' }, 'busy');
    expect(ensureResult({ plan, report: report({ error }), owned: [], dryRun: false }).retryable).toBe(true);
  });

  it('marks a replacement still waiting for a closing rule retryable', () => {
    const pending = { code: 'ClosingInProgress' as const, message: 'closing' };
    const result = ensureResult({ plan, report: report({ pending }), owned: [], dryRun: false });
    expect([result.reason?.code, result.retryable]).toEqual(['ClosingInProgress', true]);
  });
});

describe('failureReason', () => {
  it('puts the error code in front of the message', () => {
    const error = new OssError({ code: 'NoSuchBucket', status: 404, operation: 'GetBucketInfo' }, 'gone');
    expect(failureReason(error).message).toMatch(/^NoSuchBucket: /);
  });
});
