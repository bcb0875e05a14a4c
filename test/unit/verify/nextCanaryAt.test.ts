import { nextCanaryAt, RETRY_AFTER_FAILURE_MS } from '../../../functions/verify/periodic';
import { compilePolicy } from '../../../shared/policy/compile';
import type { BucketState, CanaryRecord } from '../../../shared/state/types';

const policyEvery = (everyHours: number) =>
  compilePolicy(`
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    verify: { everyHours: ${everyHours} }
guardrails: { destinationRegions: [cn-beijing] }
`);
const rule = { ruleId: 'r1', policy: 'dr', destinationBucket: 'b-dr', destinationRegion: 'cn-beijing', createdAt: '2026-03-01T00:00:00Z' };
const written = '2026-03-01T10:00:00Z';
const record = (outcome: CanaryRecord['outcome'], writtenAt = written): CanaryRecord => ({
  ruleId: 'r1',
  key: 'k',
  writtenAt,
  checkedAt: writtenAt,
  outcome,
});
const state = (canaries: CanaryRecord[]): BucketState =>
  ({ schema: 1, bucket: 'b', region: 'cn-hangzhou', updatedAt: written, rules: [rule], canaries, progress: [] }) as BucketState;

describe('nextCanaryAt', () => {
  it('is due right away for a rule that never had a canary', () => {
    expect(nextCanaryAt(policyEvery(6), state([]), rule)).toBeUndefined();
  });

  it('comes everyHours after a canary that arrived', () => {
    expect(nextCanaryAt(policyEvery(6), state([record('arrived')]), rule)).toBe(Date.parse(written) + 6 * 3_600_000);
  });

  it('comes RETRY_AFTER_FAILURE_MS after a canary that failed, so a repaired rule is proven again soon', () => {
    expect(nextCanaryAt(policyEvery(6), state([record('arrived', '2026-03-01T04:00:00Z'), record('missing')]), rule)).toBe(
      Date.parse(written) + RETRY_AFTER_FAILURE_MS,
    );
  });
});
