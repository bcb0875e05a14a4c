import { renderStatus, statusRows } from '../../../cli/commands/status';
import type { BucketStatusView, IncidentView, RuleStatusView, StatusView } from '../../../cli/statusView';

const readAt = '2024-05-20T01:00:00.000Z';
const rule: RuleStatusView = {
  ruleId: 'autopilot-dr-1',
  policy: 'dr',
  destination: 'photos-dr',
  destinationRegion: 'cn-beijing',
  createdAt: '2024-05-20T00:00:00.000Z',
  status: 'doing',
  backfill: 0.42,
  backfillEta: { kind: 'estimated', seconds: 720, at: '2024-05-20T01:12:00.000Z' },
  lagSeconds: 125,
  history: [],
  canaries: [],
  lastCanary: {
    ruleId: 'autopilot-dr-1',
    key: 'k',
    writtenAt: '2024-05-20T00:58:00.000Z',
    checkedAt: '2024-05-20T00:59:00.000Z',
    outcome: 'arrived',
    latencyMs: 812,
  },
};
const lag: IncidentView = {
  bucket: 'photos',
  kind: 'lag-high',
  severity: 'warning',
  ruleId: 'autopilot-dr-1',
  state: 'open',
  openedAt: '2024-05-20T00:50:00.000Z',
  summary: 'New objects may not be in photos-dr yet',
  hint: 'check',
  source: 'monitor',
};
const blocked: IncidentView = {
  ...lag,
  bucket: 'orphan',
  kind: 'replication-blocked',
  ruleId: '(not created)',
  summary: 'UnknownPolicy',
  source: 'blocked',
};
const bucket: BucketStatusView = { bucket: 'photos', region: 'cn-hangzhou', updatedAt: readAt, rules: [rule], incidents: [lag] };
const view = (over: Partial<StatusView> = {}): StatusView => ({
  readAt,
  buckets: [bucket],
  incidents: [lag],
  timeline: [],
  pendingCanaries: 0,
  ...over,
});

describe('status table', () => {
  it('shows one row per rule with backfill and ETA, lag, last canary and open incidents', () => {
    const [header, row] = renderStatus(view());
    expect(header!.split(/ {2,}/)).toEqual([
      'BUCKET',
      'RULE',
      'DESTINATION',
      'STATUS',
      'BACKFILL',
      'LAG',
      'LAST CANARY',
      'AUDIT',
      'INCIDENTS',
    ]);
    expect(row!.split(/ {2,}/)).toEqual([
      'photos',
      'autopilot-dr-1',
      'photos-dr (cn-beijing)',
      'doing',
      '42.0% ETA 12 min',
      '2 min',
      'arrived in 812 ms, 1 min ago',
      '-',
      '1 (lag-high)',
    ]);
  });

  it('shows the gaps of the pass under way in the audit column, and the audit in words under the table', () => {
    const pass = {
      startedAt: '2024-05-20T00:00:00.000Z',
      counts: { matched: 90, missing: 3, different: 1 },
      coverage: 0.5,
      sourceKeys: 94,
    };
    const audit = { current: { ...pass, samples: {}, unreplicable: {}, unrecorded: 0, runs: 2 }, recheckPending: 0 };
    const lines = renderStatus(view({ buckets: [{ ...bucket, rules: [{ ...rule, audit }] }] }));
    expect(lines[1]!.split(/ {2,}/)[7]).toBe('4 gap(s) (50.0%)');
    expect(lines).toContain('Parity audits:');
    expect(lines.find((l) => l.includes('audit: 3 missing, 1 different'))).toContain('photos autopilot-dr-1');
  });

  it('says how a failed canary failed', () => {
    const { latencyMs: _arrivedIn, ...written } = rule.lastCanary!;
    const failed: RuleStatusView = {
      ...rule,
      lastCanary: { ...written, outcome: 'missing' },
      canaries: [{ writtenAt: rule.lastCanary!.writtenAt, outcome: 'missing', diagnosis: { code: 'RuleMissing', message: 'gone' } }],
    };
    const [, row] = renderStatus(view({ buckets: [{ ...bucket, rules: [failed] }] }));
    expect(row).toContain('missing (RuleMissing), 1 min ago');
  });

  it('shows a finished backfill without an ETA and a rule without historical replication as -', () => {
    const rows = renderStatus(
      view({
        buckets: [
          {
            ...bucket,
            rules: [
              { ...rule, backfill: 1, backfillEta: { kind: 'complete' } },
              { ...rule, ruleId: 'r2', backfill: undefined },
            ],
          },
        ],
      }),
    );
    expect([rows[1]!.split(/ {2,}/)[4], rows[2]!.split(/ {2,}/)[4]]).toEqual(['100.0%', '-']);
  });

  it('lists each open incident in words under the table, and a bucket known only by its incident as a row', () => {
    const lines = renderStatus(view({ incidents: [lag, blocked] }));
    expect(lines).toContain('  orphan: replication-blocked (warning) on (not created), open since 2024-05-20T00:50:00.000Z: UnknownPolicy');
    expect(lines.find((l) => l.startsWith('orphan'))!.split(/ {2,}/)).toEqual([
      'orphan',
      '-',
      '-',
      'no state',
      '-',
      '-',
      '-',
      '-',
      '1 (replication-blocked)',
    ]);
    expect(lines.at(-1)).toBe('1 bucket(s), 2 open incident(s), 0 pending canary check(s).');
  });

  it("puts a blocked bucket's incident on its first rule's row", () => {
    const loose = { ...lag, ruleId: '(not created)', kind: 'replication-blocked' };
    const rows = statusRows(view({ buckets: [{ ...bucket, rules: [rule, { ...rule, ruleId: 'r2' }], incidents: [loose] }] }));
    expect(rows.map((r) => [r.rule?.ruleId, r.incidents.map((i) => i.kind)])).toEqual([
      ['autopilot-dr-1', ['replication-blocked']],
      ['r2', []],
    ]);
  });
});
