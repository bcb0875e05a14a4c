/**
 * The audit in the status table's cell and in the line under it, from documents as the audit writes
 * them (through auditView): what the parity incident is judged on, and a failed run.
 */
import { auditCell, auditSummary } from '../../../cli/auditText';
import {
  auditView,
  emptyAuditDocument,
  newPass,
  parityStatus,
  PassTally,
  type AuditDocument,
  type AuditPass,
  type AuditRunReport,
} from '../../../shared/audit';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

/** A pass of `total` expected keys that judged `missing` keys missing and `matched` matched; ended or not. */
function pass(startedAt: Date, missing: number, matched: number, options: { total: number; ended?: Date }): AuditPass {
  const tally = new PassTally(newPass(startedAt, [''], options.total));
  for (let i = 0; i < missing; i++) tally.add(`m/${i}`, { class: 'missing' }, true);
  for (let i = 0; i < matched; i++) tally.add(`k/${i}`, { class: 'matched' }, true);
  return tally.pass(options.ended ? { endedAt: options.ended } : { cursor: { prefix: 0, after: 'k/9' } }, 0);
}

const failedRun: AuditRunReport = {
  at: at(30).toISOString(),
  outcome: 'failed',
  stoppedBy: 'error',
  pages: 1,
  heads: 0,
  error: 'NoSuchBucket: ListObjectsV2: NoSuchBucket (404): The specified bucket does not exist. [request 0123]',
  errorCode: 'ListObjectsV2: NoSuchBucket',
};

const doc = (over: Partial<AuditDocument>): AuditDocument => ({ ...emptyAuditDocument('photos', 'r', T0), ...over });

describe('a new pass clean so far, after a full pass that found gaps', () => {
  const d = doc({ lastFullPass: pass(at(0), 13, 87, { total: 100, ended: at(1) }), current: pass(at(24), 0, 40, { total: 100 }) });

  it('shows in the cell the gaps the incident is judged on, and the new pass under way', () => {
    expect(parityStatus(d)).toMatchObject({ pass: 'last', missing: 13 });
    expect(auditCell(auditView(d))).toBe('13 gap(s) (last full pass; new pass 40.0%)');
  });

  it('says the same in the line under the table, with what the new pass found so far', () => {
    expect(auditSummary(auditView(d))).toBe(
      `audit: 13 missing, 0 different (last full pass), last full pass ended ${at(1).toISOString()}; ` +
        'pass under way 40.0%: 0 missing, 0 different so far',
    );
  });
});

describe('a pass under way that found gaps', () => {
  it('is judged on its own gaps, as before', () => {
    const d = doc({ lastFullPass: pass(at(0), 0, 100, { total: 100, ended: at(1) }), current: pass(at(24), 2, 38, { total: 100 }) });
    expect(auditCell(auditView(d))).toBe('2 gap(s) (40.0%)');
    expect(auditSummary(auditView(d))).toBe(`audit: 2 missing, 0 different (pass 40.0%), last full pass ended ${at(1).toISOString()}`);
  });
});

describe('a failed run', () => {
  const d = doc({ current: pass(at(24), 0, 40, { total: 100 }), lastRun: failedRun, failing: { since: at(28).toISOString(), runs: 3 } });

  it('shows in the cell, with the runs in a row and the short why, before the gaps', () => {
    expect(auditCell(auditView(d))).toBe('3 runs failed (ListObjectsV2: NoSuchBucket); no gap (40.0%)');
  });

  it('shows in the line under the table, with the error in full', () => {
    expect(auditSummary(auditView(d))).toBe(
      `audit: 0 missing, 0 different (pass 40.0%), no full pass yet; last run FAILED at ${failedRun.at}, ` +
        `3 in a row since ${at(28).toISOString()}: ${failedRun.error}`,
    );
  });

  it('is shown when no pass exists yet', () => {
    const first = doc({
      lastRun: { ...failedRun, errorCode: 'GetBucketReplicationProgress: AccessDenied' },
      failing: { since: failedRun.at, runs: 1 },
    });
    expect(auditCell(auditView(first))).toBe('last run failed (GetBucketReplicationProgress: AccessDenied)');
  });

  it('is no longer shown once a later run did not fail', () => {
    const walked: AuditRunReport = { at: at(31).toISOString(), outcome: 'walked', stoppedBy: 'pages', pages: 2, heads: 0 };
    expect(auditCell(auditView(doc({ current: d.current!, lastRun: walked })))).toBe('no gap (40.0%)');
  });
});
