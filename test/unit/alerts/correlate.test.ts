import { correlateFindings } from '../../../shared/alerts/correlate';
import type { Incident } from '../../../shared/alerts/types';
import type { Finding, FindingKind } from '../../../shared/progress/types';

const rule = { bucket: 'src', region: 'cn-hangzhou', ruleId: 'r1', destinationBucket: 'src-dr', destinationRegion: 'cn-beijing' };
const other = { ...rule, ruleId: 'r2' };
const at = '2026-03-01T10:00:00Z';

function finding(kind: FindingKind, facts: Finding['facts'] = {}, r = rule): Finding {
  return { kind, key: `${r.bucket}/${r.ruleId}/${kind}`, severity: 'warning', rule: r, summary: kind, hint: '', facts };
}
const canary = (code: string, r = rule) => finding('canary-failing', { diagnosisCode: code }, r);
function incident(f: Finding, state: Incident['state'] = 'open'): Incident {
  return { ...f, state, openedAt: at, lastSeenAt: at, lastNotifiedAt: at, reminders: 0, flaps: 0 };
}

describe('correlateFindings', () => {
  it('leaves out a never-arrived canary failure when the rule lags and neither has an incident yet', () => {
    const lag = finding('lag-high');
    expect(correlateFindings([lag, canary('NeverArrived')], [])).toEqual([lag]);
  });

  it('leaves out the lag when the canary failure already has the open incident', () => {
    const c = canary('NeverArrived');
    expect(correlateFindings([finding('lag-high'), finding('backfill-stalled'), c], [incident(c)])).toEqual([c]);
  });

  it('keeps both when both already have incidents', () => {
    const both = [finding('lag-high'), canary('DeleteNotReplicated')];
    expect(
      correlateFindings(
        both,
        both.map((f) => incident(f)),
      ),
    ).toEqual(both);
  });

  it("leaves out a canary failure while the rule's lag incident is still clearing", () => {
    expect(correlateFindings([canary('NeverArrived')], [incident(finding('lag-high'), 'clearing')])).toEqual([]);
  });

  it('keeps a canary failure that names its own cause', () => {
    const findings = [finding('backfill-stalled'), canary('VersioningMismatch')];
    expect(correlateFindings(findings, [])).toEqual(findings);
  });

  it('keeps a canary failure with no lag or stall on the rule', () => {
    expect(correlateFindings([canary('NeverArrived')], [])).toHaveLength(1);
  });

  it("does not mix rules: another rule's lag leaves this rule's canary failure in", () => {
    const findings = [finding('lag-high', {}, other), canary('NeverArrived')];
    expect(correlateFindings(findings, [])).toEqual(findings);
  });
});
