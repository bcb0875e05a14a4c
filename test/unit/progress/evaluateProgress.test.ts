import { evaluateProgress } from '../../../shared/progress';
import type { Finding, FindingKind } from '../../../shared/progress';
import { at, doing, input, rule } from './helpers';

const kinds = (fs: Finding[]): FindingKind[] => fs.map((f) => f.kind);

describe('evaluateProgress: backfill stall', () => {
  it('finds a stall when the fraction is unchanged below 1 across stalledAfterMinutes', () => {
    const history = [doing(0, 0.3), doing(10, 0.42), doing(25, 0.42), doing(40, 0.42)];
    const [f] = evaluateProgress(input({ history, now: new Date(at(40)) }));
    expect(f).toMatchObject({
      kind: 'backfill-stalled',
      severity: 'warning',
      facts: { backfill: 0.42, unchangedSince: at(10), unchangedMinutes: 30 },
    });
  });

  it('needs samples spanning the whole period, not just an unchanged pair', () => {
    const history = [doing(0, 0.3), doing(20, 0.42), doing(40, 0.42)];
    expect(evaluateProgress(input({ history, now: new Date(at(40)) }))).toEqual([]);
  });

  it('does not report a stall once the backfill is complete', () => {
    const history = [doing(0, 1), doing(60, 1)];
    expect(evaluateProgress(input({ history, now: new Date(at(60)) }))).toEqual([]);
  });

  it('does not report a stall while the fraction still moves', () => {
    const history = [doing(0, 0.1), doing(20, 0.2), doing(40, 0.3)];
    expect(evaluateProgress(input({ history, now: new Date(at(40)) }))).toEqual([]);
  });

  it('names the buckets, regions, rule and percentage in the summary', () => {
    const history = [doing(0, 0.42), doing(30, 0.42)];
    const [f] = evaluateProgress(input({ history, now: new Date(at(30)) }));
    for (const word of ['src-bucket', 'cn-hangzhou', 'src-bucket-dr', 'cn-beijing', 'autopilot-dr-1', '42.0%']) {
      expect(f!.summary).toContain(word);
    }
  });
});

describe('evaluateProgress: lag', () => {
  it('finds lag above maxLagSeconds measured from now to the watermark', () => {
    const [f] = evaluateProgress(input({ history: [doing(60, undefined, 44)], now: new Date(at(60)) }));
    expect(f).toMatchObject({ kind: 'lag-high', facts: { lagSeconds: 960, maxLagSeconds: 900 } });
  });

  it('accepts lag exactly at the limit', () => {
    expect(evaluateProgress(input({ history: [doing(60, undefined, 45)], now: new Date(at(60)) }))).toEqual([]);
  });
});

describe('evaluateProgress: rule status', () => {
  const starting = (m: number) => ({ at: at(m), status: 'starting' as const });

  it('finds a rule stuck in starting longer than startingTooLongMinutes', () => {
    const fs = evaluateProgress(input({ history: [starting(0), starting(10), starting(20)], now: new Date(at(20)) }));
    expect(fs).toEqual([expect.objectContaining({ kind: 'rule-starting-too-long', facts: { startingSince: at(0), startingMinutes: 20 } })]);
  });

  it('measures starting only since the rule last entered starting', () => {
    const history = [starting(0), doing(5, 0.1), starting(10), starting(20)];
    expect(evaluateProgress(input({ history, now: new Date(at(20)) }))).toEqual([]);
  });

  it('reports only the missing rule when the rule is gone, not its symptoms', () => {
    const history = [doing(0, 0.4), doing(40, 0.4, 0)];
    const fs = evaluateProgress(input({ history, ruleMissing: true, now: new Date(at(40)) }));
    expect(kinds(fs)).toEqual(['rule-gone']);
  });

  it('reports a missing destination as critical', () => {
    const fs = evaluateProgress(input({ destinationMissing: true }));
    expect(fs).toEqual([expect.objectContaining({ kind: 'destination-gone', severity: 'critical' })]);
  });
});

describe('evaluateProgress: canary', () => {
  it('finds a failing canary with its diagnosis when the failure is newer than the last success', () => {
    const canary = {
      lastSuccessAt: at(0),
      lastFailure: { at: at(30), diagnosis: 'The copy never arrived in src-bucket-dr.', code: 'NeverArrived' },
    };
    const [f] = evaluateProgress(input({ canary }));
    expect(f).toMatchObject({ kind: 'canary-failing', severity: 'critical', facts: { diagnosisCode: 'NeverArrived' } });
    expect(f!.summary).toContain('The copy never arrived in src-bucket-dr.');
  });

  it('ignores a failure followed by a success', () => {
    const canary = { lastSuccessAt: at(40), lastFailure: { at: at(30), diagnosis: 'x' } };
    expect(evaluateProgress(input({ canary, canaryWindowHours: 6 }))).toEqual([]);
  });

  it('finds a canary overdue when the last success is older than the window', () => {
    const fs = evaluateProgress(input({ canary: { lastSuccessAt: at(0) }, canaryWindowHours: 6, now: new Date(at(6 * 60 + 1)) }));
    expect(kinds(fs)).toEqual(['canary-overdue']);
  });

  it('starts the overdue clock at trackedSince when no canary ever succeeded', () => {
    const now = new Date(at(6 * 60 + 1));
    expect(evaluateProgress(input({ canary: { trackedSince: at(0) }, canaryWindowHours: 6, now }))).toHaveLength(1);
    expect(evaluateProgress(input({ canary: { trackedSince: at(120) }, canaryWindowHours: 6, now }))).toEqual([]);
  });
});

describe('evaluateProgress: keys', () => {
  it('keys findings by bucket, rule and kind so they stay stable between runs', () => {
    const a = evaluateProgress(input({ destinationMissing: true, now: new Date(at(1)) }));
    const b = evaluateProgress(input({ destinationMissing: true, now: new Date(at(99)) }));
    expect(a[0]!.key).toBe(`${rule.bucket}/${rule.ruleId}/destination-gone`);
    expect(b[0]!.key).toBe(a[0]!.key);
  });
});
