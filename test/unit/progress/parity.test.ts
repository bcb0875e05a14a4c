import { toDoc } from '../../../shared/alerts';
import { renderCloudMonitorMetrics } from '../../../shared/alerts/channels/cloudmonitor';
import { digestRow, evaluateProgress, type ParityStatus } from '../../../shared/progress';
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
