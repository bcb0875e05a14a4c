import { toDoc } from '../../../shared/alerts';
import { renderCloudMonitorMetrics } from '../../../shared/alerts/channels/cloudmonitor';
import { AUDIT_FAILING_AFTER_RUNS, digestRow, evaluateProgress, type ParityStatus } from '../../../shared/progress';
import { at, doing, input, rule } from './helpers';

const gap: ParityStatus = {
  pass: 'last',
  passStartedAt: at(0),
  matched: 97,
  missing: 2,
  different: 1,
  unreplicable: 0,
  sampleKeys: ['a/1', 'a/2', 'b/9'],
  coverage: 1,
  lastFullPassEndedAt: at(30),
};
const healthy = [doing(50, 1, 59), doing(55, 1, 59)];

describe('parity finding', () => {
  it('opens when the audit reports missing or different objects, naming counts and sample keys', () => {
    const [finding] = evaluateProgress(input({ history: healthy, parity: gap }));
    expect(finding).toMatchObject({
      kind: 'parity',
      key: `${rule.bucket}/${rule.ruleId}/parity`,
      severity: 'critical',
      facts: { missing: 2, different: 1 },
    });
    expect(finding!.summary).toContain('2 missing and 1 different');
    expect(finding!.summary).toContain('a/1, a/2, b/9');
    expect(finding!.hint).toContain(`resync --bucket ${rule.bucket} --rule ${rule.ruleId}`);
  });

  it('stays away when the audit found every object, or never ran', () => {
    expect(evaluateProgress(input({ history: healthy, parity: { ...gap, missing: 0, different: 0 } }))).toEqual([]);
    expect(evaluateProgress(input({ history: healthy }))).toEqual([]);
  });

  it('gives way to a missing rule: one cause, one incident', () => {
    expect(evaluateProgress(input({ history: healthy, parity: gap, ruleMissing: true })).map((f) => f.kind)).toEqual(['rule-gone']);
  });
});

describe('parity in digests', () => {
  const row = digestRow({ rule, history: healthy, now: new Date(at(60)), parity: gap });

  it('shows the counts and the last full pass on a line of its own', () => {
    const doc = toDoc({ kind: 'digest', digest: { at: at(60), rows: [row] } });
    expect(doc.sections[0]!.lines).toContainEqual({
      label: 'Parity',
      text: `97 matched, 2 missing, 1 different (last full pass; last full pass ended ${at(30)})`,
    });
  });

  it('becomes a parity_gap_objects metric for CloudMonitor', () => {
    const metrics = renderCloudMonitorMetrics({ at: at(60), rows: [row] });
    expect(metrics.find((m) => m.MetricName === 'parity_gap_objects')?.Values).toBe(JSON.stringify({ value: 3 }));
  });
});

describe('audit-failing finding', () => {
  const failing = (runs: number): ParityStatus => ({
    ...gap,
    missing: 0,
    different: 0,
    failing: {
      since: at(0),
      runs,
      error: 'ListObjectsV2: NoSuchBucket (404): The specified bucket does not exist.',
      errorCode: 'ListObjectsV2: NoSuchBucket',
    },
  });

  it(`opens once the audit has failed ${AUDIT_FAILING_AFTER_RUNS} runs in a row, naming the short error and the CLI run that prints it`, () => {
    const [finding] = evaluateProgress(input({ history: healthy, parity: failing(AUDIT_FAILING_AFTER_RUNS) }));
    expect(finding).toMatchObject({
      kind: 'audit-failing',
      key: `${rule.bucket}/${rule.ruleId}/audit-failing`,
      severity: 'warning',
      facts: { failedRuns: AUDIT_FAILING_AFTER_RUNS, failingSince: at(0) },
    });
    expect(finding!.summary).toContain(`has failed ${AUDIT_FAILING_AFTER_RUNS} runs in a row since ${at(0)}: ListObjectsV2: NoSuchBucket.`);
    expect(finding!.hint).toContain(`audit --bucket ${rule.bucket} --rule ${rule.ruleId}`);
  });

  it('stays away while fewer runs failed in a row (one failure is retried by the next run)', () => {
    expect(evaluateProgress(input({ history: healthy, parity: failing(AUDIT_FAILING_AFTER_RUNS - 1) }))).toEqual([]);
  });

  it('gives way to a missing rule: one cause, one incident', () => {
    const kinds = evaluateProgress(input({ history: healthy, parity: failing(9), ruleMissing: true })).map((f) => f.kind);
    expect(kinds).toEqual(['rule-gone']);
  });
});
