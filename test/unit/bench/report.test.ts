import type { ColdStartSeries } from '../../../bench/support/coldStart';
import { buildRows, failedRuns, type ReportInput } from '../../../bench/support/report';
import type { Row } from '../../../bench/support/table';
import type { RunFigures, WorldResult } from '../../../bench/support/world';

function run(fn: string, label: string, requests: number, wallMs: number, maxRssKib = 100 * 1024, ok = true): RunFigures {
  return { fn, label, ok, wallMs, requests, maxRssKib, byOperation: {} };
}

function world(buckets: number, wallScale: number, extra: Partial<WorldResult> = {}): WorldResult {
  const verify = run('verify', 'writes canaries', 300, 1000 * wallScale);
  return {
    options: { label: `${buckets}`, buckets, latencyMs: 5, full: true },
    tagged: buckets / 4,
    untagged: (buckets * 3) / 4,
    rules: buckets / 4,
    runs: [
      run('reconcile', 'first run', buckets * 5, 4000 * wallScale),
      run('monitor', 'first run', buckets * 3, 2000 * wallScale),
      run('reconcile', 'steady state', buckets * 2, 1000 * wallScale),
      run('monitor', 'steady state', buckets / 2, 500 * wallScale),
      verify,
    ],
    reconcileSteady: { perTagged: 1.5, perUntagged: 0.25, shared: 3 },
    verifyBusy: [verify],
    ...extra,
  };
}

const base: ReportInput = { main: world(1000, 1), latencyMs: 5, reconcileTimeoutSeconds: 900 };
const byId = (rows: readonly Row[], id: string): Row => {
  const found = rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

describe('buildRows: requests per bucket', () => {
  it('judges steady-state reconcile per tagged and per untagged bucket against the targets', () => {
    const rows = buildRows(base);
    expect(byId(rows, 'reconcile.steady.tagged')).toMatchObject({ value: 1.5, met: true, target: '≤ 2' });
    expect(byId(rows, 'reconcile.steady.untagged')).toMatchObject({ value: 0.25, met: false, target: '≤ 0' });
  });

  it('divides the first run by every listed bucket and monitor by its rules', () => {
    const rows = buildRows(base);
    expect(byId(rows, 'reconcile.first').value).toBe(5);
    expect(byId(rows, 'monitor.steady')).toMatchObject({ value: 2, met: true });
  });

  it('judges the cold instance and the mean of the warm ones for a new bucket', () => {
    const bucketEvents = {
      configuring: [run('bucket-events', 'cold', 14, 1), run('bucket-events', 'warm', 10, 1), run('bucket-events', 'warm', 12, 1)],
      further: [run('bucket-events', 'further', 4, 1)],
    };
    const rows = buildRows({ ...base, main: world(1000, 1, { bucketEvents }) });
    expect(byId(rows, 'bucket-events.new.cold')).toMatchObject({ value: 14, met: false });
    expect(byId(rows, 'bucket-events.new.warm')).toMatchObject({ value: 11, met: true, shown: '11.0 (10–12)' });
  });
});

describe('buildRows: time', () => {
  it('gives the speedup as the time at concurrency 1 over the time at the default', () => {
    const rows = buildRows({ ...base, sequential: world(1000, 12) });
    expect(byId(rows, 'speedup.reconcile')).toMatchObject({ value: 12, met: true, target: '≥ 10x' });
  });

  it('leaves the speedup unjudged when the sequential run is missing', () => {
    expect(byId(buildRows(base), 'speedup.monitor').met).toBeNull();
  });

  it('judges growth, the timeout share and peak RSS only with the large run', () => {
    const without = buildRows(base);
    expect(byId(without, 'growth.reconcile.steady-state').met).toBeNull();
    expect(byId(without, 'timeout.reconcile').met).toBeNull();
    expect(byId(without, 'rss.reconcile').met).toBeNull();

    const large = world(10_000, 13, { options: { label: 'large', buckets: 10_000, latencyMs: 5, full: true } });
    const rows = buildRows({ ...base, large });
    expect(byId(rows, 'growth.reconcile.steady-state')).toMatchObject({ value: 13, met: false });
    expect(byId(rows, 'timeout.reconcile')).toMatchObject({ value: (4000 * 13) / 1000 / 900, met: true });
    expect(byId(rows, 'rss.reconcile')).toMatchObject({ value: 100, met: true });
  });
});

describe('buildRows: bundles and cold starts', () => {
  const series = (name: string, kind: ColdStartSeries['kind'], totalMs: number[]): ColdStartSeries => ({
    name,
    kind,
    totalMs,
    requireMs: totalMs.map((t) => t / 2),
    requests: totalMs.map(() => 1),
    failures: [],
  });

  it('judges each bundle as a share of the baseline', () => {
    const rows = buildRows({ ...base, bundles: { baselineBytes: 1000, sizes: [{ name: 'verify', bytes: 99, sidecars: [] }] } });
    expect(byId(rows, 'bundle.verify')).toMatchObject({ value: 0.099, met: true });
  });

  it('takes the median of the ratios measured side by side in each repeat, not the ratio of the medians', () => {
    const coldStart = [
      series('floor', 'floor', [5, 10, 4]),
      series('floor, one request', 'floor-request', [10, 20, 8]),
      series('baseline', 'baseline', [100, 100, 100]),
      series('verify', 'function', [10, 30, 12]),
    ];
    const row = byId(buildRows({ ...base, coldStart }), 'coldstart.verify.floor');
    // ratios per repeat: 2, 3, 3 -> median 3 (the medians alone would give 12 / 5 = 2.4)
    expect(row).toMatchObject({ value: 3, met: false });
  });

  it('does not judge a function whose no-op invocation failed', () => {
    const coldStart = [
      series('floor', 'floor', [5]),
      series('floor, one request', 'floor-request', [10]),
      series('baseline', 'baseline', [100]),
      { ...series('verify', 'function', [6]), failures: ['InvalidConfig'] },
    ];
    const row = byId(buildRows({ ...base, coldStart }), 'coldstart.verify.floor');
    expect(row.met).toBeNull();
    expect(row.shown).toContain('1 no-op invocations failed: InvalidConfig');
  });
});

describe('failedRuns', () => {
  it('names every invocation that threw or answered ok: false', () => {
    const bad = { ...run('monitor', 'steady state', 1, 1, 1, false), thrown: 'Error: boom' };
    expect(failedRuns([world(1000, 1, { runs: [bad] }), undefined])).toEqual(['1000 monitor steady state: Error: boom']);
  });
});
