import { canaryDigest, canaryRecord, canaryStatus, diagnosisOf, lastCanaryWrittenAt } from '../../../shared/canary';
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

describe('canaryDigest', () => {
  const rec = (ruleId: string, outcome: CanaryRecord['outcome'], minute: number, detail?: string): CanaryRecord => ({
    ruleId,
    key: `k${minute}`,
    writtenAt: new Date(Date.UTC(2026, 0, 1, 0, minute - 1)).toISOString(),
    ...(outcome === 'pending' ? {} : { checkedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() }),
    outcome,
    ...(detail ? { detail } : {}),
  });
  const history = [
    rec('r1', 'arrived', 1),
    rec('r1', 'missing', 2, 'NeverArrived: not there'),
    rec('r2', 'arrived', 3),
    rec('r1', 'arrived', 4),
    rec('r2', 'mismatch', 5, 'ContentMismatch: crc differs'),
    rec('r1', 'pending', 6),
    rec('r2', 'arrived', 7),
  ];

  it('keeps per rule only the newest success and the newest failure', () => {
    expect(canaryDigest(history).map((r) => r.key)).toEqual(['k2', 'k4', 'k5', 'k7']);
  });

  it.each(['r1', 'r2', 'r3'])('gives canaryStatus the same answer as the whole history (%s)', (ruleId) => {
    expect(canaryStatus(canaryDigest(history), ruleId, '2026-01-01T00:00:00.000Z')).toEqual(
      canaryStatus(history, ruleId, '2026-01-01T00:00:00.000Z'),
    );
  });
});
