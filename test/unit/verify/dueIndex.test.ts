import { DUE_INDEX_MAX_MS, mustRead, nextIndex, nextReadAt, policyHash, sameIndex } from '../../../functions/verify/dueIndex';
import { compilePolicy } from '../../../shared/policy/compile';
import { pendingCanaryKey, PendingCanaryKeys } from '../../../shared/state/keys';
import type { BucketState, CanaryRecord } from '../../../shared/state/types';

const yaml = (everyHours: number) => `
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    verify: { everyHours: ${everyHours} }
guardrails: { destinationRegions: [cn-beijing] }
`;
const policy = compilePolicy(yaml(6));
const now = new Date('2026-03-01T12:00:00Z');
const rule = (ruleId: string) => ({
  ruleId,
  policy: 'dr',
  destinationBucket: 'b-dr',
  destinationRegion: 'cn-beijing',
  createdAt: '2026-03-01T00:00:00Z',
});
const canary = (ruleId: string, writtenAt: string): CanaryRecord => ({
  ruleId,
  key: 'k',
  writtenAt,
  checkedAt: writtenAt,
  outcome: 'arrived',
  latencyMs: 100,
});
const state = (rules: string[], canaries: CanaryRecord[]): BucketState =>
  ({
    schema: 1,
    bucket: 'b',
    region: 'cn-hangzhou',
    updatedAt: now.toISOString(),
    rules: rules.map(rule),
    canaries,
    progress: [],
  }) as BucketState;

describe('due index', () => {
  it('reads a bucket it has no time for, and one whose time has come, but not one whose time is ahead', () => {
    const index = { due: '2026-03-01T11:59:00Z', later: '2026-03-01T12:30:00Z' };
    expect(mustRead(index, 'unknown', now)).toBe(true);
    expect(mustRead(index, 'due', now)).toBe(true);
    expect(mustRead(index, 'later', now)).toBe(false);
  });

  it("next reads a bucket at its rule's last canary plus everyHours when that is within the hour", () => {
    expect(nextReadAt(policy, state(['r1'], [canary('r1', '2026-03-01T06:30:00Z')]), PendingCanaryKeys.of([]), now)).toBe(
      '2026-03-01T12:30:00.000Z',
    );
  });

  it("never sets a bucket's next read more than an hour ahead", () => {
    expect(Date.parse(nextReadAt(policy, state(['r1'], [canary('r1', '2026-03-01T11:00:00Z')]), PendingCanaryKeys.of([]), now))).toBe(
      now.getTime() + DUE_INDEX_MAX_MS,
    );
  });

  it("takes the earliest of the bucket's rules", () => {
    const s = state(['r1', 'r2'], [canary('r1', '2026-03-01T11:00:00Z'), canary('r2', '2026-03-01T06:10:00Z')]);
    expect(nextReadAt(policy, s, PendingCanaryKeys.of([]), now)).toBe('2026-03-01T12:10:00.000Z');
  });

  it('leaves out a rule with a pending check (its recorded outcome makes the bucket read again)', () => {
    const s = state(['r1'], [canary('r1', '2026-03-01T05:00:00Z')]);
    expect(Date.parse(nextReadAt(policy, s, PendingCanaryKeys.of([pendingCanaryKey(now, 'b', 'r1')]), now))).toBe(
      now.getTime() + DUE_INDEX_MAX_MS,
    );
  });

  it('drops buckets no longer managed and buckets whose canaries were just recorded, and keeps the rest', () => {
    const old = { a: '2026-03-01T13:00:00Z', gone: '2026-03-01T13:00:00Z', rec: '2026-03-01T13:00:00Z' };
    expect(nextIndex(old, { b: '2026-03-01T12:40:00Z' }, ['a', 'b', 'rec'], new Set(['rec']))).toEqual({
      a: old.a,
      b: '2026-03-01T12:40:00Z',
    });
  });

  it("is tied to the policies' everyHours: another value invalidates it", () => {
    expect(policyHash(compilePolicy(yaml(6)))).toBe(policyHash(policy));
    expect(policyHash(compilePolicy(yaml(2)))).not.toBe(policyHash(policy));
  });

  it('is not written again when nothing changed', () => {
    expect(sameIndex({ a: 'x', b: 'y' }, { b: 'y', a: 'x' })).toBe(true);
    expect(sameIndex({ a: 'x' }, { a: 'x', b: 'y' })).toBe(false);
  });
});
