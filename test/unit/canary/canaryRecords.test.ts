import { canaryRecord, canaryStatus, diagnosisOf, lastCanaryWrittenAt } from '../../../shared/canary';
import type { CanaryTarget } from '../../../shared/canary';
import type { CanaryRecord } from '../../../shared/state';

const target: CanaryTarget = {
  sourceBucket: 's',
  sourceRegion: 'cn-hangzhou',
  ruleId: 'r1',
  destinationBucket: 'd',
  destinationRegion: 'cn-beijing',
  prefixes: [],
  actions: ['ALL'],
};
const pending = { target, key: 'k', writtenAt: '2026-01-01T00:00:00.000Z' };

describe('canaryRecord', () => {
  it('records a verified check as arrived with its latency in whole milliseconds', () => {
    expect(canaryRecord(pending, { kind: 'verified', latencyMs: 1234.6, checkedAt: '2026-01-01T00:01:00.000Z' })).toEqual({
      ruleId: 'r1',
      key: 'k',
      writtenAt: pending.writtenAt,
      checkedAt: '2026-01-01T00:01:00.000Z',
      outcome: 'arrived',
      latencyMs: 1235,
    });
  });

  it('keeps the diagnosis code and message of a failed check so diagnosisOf gives them back', () => {
    const record = canaryRecord(pending, {
      kind: 'failed',
      diagnosis: { code: 'RuleMissing', message: 'gone: a -> b' },
      checkedAt: '2026-01-01T00:01:00.000Z',
    });
    expect(record.outcome).toBe('missing');
    expect(diagnosisOf(record)).toEqual({ code: 'RuleMissing', message: 'gone: a -> b' });
  });

  it('classifies a content mismatch as mismatch and access denied as error', () => {
    const failed = (code: 'ContentMismatch' | 'AccessDenied') =>
      canaryRecord(pending, { kind: 'failed', diagnosis: { code, message: 'm' }, checkedAt: 'x' });
    expect(failed('ContentMismatch').outcome).toBe('mismatch');
    expect(failed('AccessDenied').outcome).toBe('error');
  });
});

describe('canaryStatus', () => {
  const rec = (over: Partial<CanaryRecord>): CanaryRecord => ({
    ruleId: 'r1',
    key: 'k',
    writtenAt: '2026-01-01T00:00:00.000Z',
    outcome: 'arrived',
    ...over,
  });

  it('takes the newest success and the newest failure of the rule only', () => {
    const status = canaryStatus(
      [
        rec({ checkedAt: '2026-01-01T01:00:00.000Z', latencyMs: 500 }),
        rec({ checkedAt: '2026-01-01T03:00:00.000Z', latencyMs: 2000 }),
        rec({ checkedAt: '2026-01-01T02:00:00.000Z', outcome: 'missing', detail: 'NeverArrived: late' }),
        rec({ ruleId: 'other', checkedAt: '2026-01-01T04:00:00.000Z', outcome: 'missing', detail: 'RuleMissing: x' }),
      ],
      'r1',
      '2025-12-31T00:00:00.000Z',
    );
    expect(status).toEqual({
      trackedSince: '2025-12-31T00:00:00.000Z',
      lastSuccessAt: '2026-01-01T03:00:00.000Z',
      lastLatencySeconds: 2,
      lastFailure: { at: '2026-01-01T02:00:00.000Z', diagnosis: 'late', code: 'NeverArrived' },
    });
  });

  it('gives the newest write time of any outcome, or undefined without history', () => {
    expect(lastCanaryWrittenAt([rec({ writtenAt: '2026-01-02T00:00:00.000Z' }), rec({})], 'r1')).toBe('2026-01-02T00:00:00.000Z');
    expect(lastCanaryWrittenAt([], 'r1')).toBeUndefined();
  });
});
