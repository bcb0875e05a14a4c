/**
 * From what the bench measured to the rows of its table. Pure: every figure comes from the worlds,
 * the bundle sizes and the cold starts handed in, and each row with a target from issue 11 says
 * whether it is met.
 */
import { ratios, spread, type Spread } from './stats';
import { TARGETS } from './targets';
import { ratioWithSpread, row, type Row } from './table';
import type { BundleSize, ColdStartSeries } from './coldStart';
import { findRun, type RunFigures, type WorldResult } from './world';

export interface ReportInput {
  /** The full world at the default concurrency (counts and timings). */
  readonly main: WorldResult;
  /** The same account size at concurrency 1. */
  readonly sequential?: WorldResult;
  /** The full world at the large size (`--large`). */
  readonly large?: WorldResult;
  readonly latencyMs: number;
  /** Reconcile's timeout in s.yaml, seconds. */
  readonly reconcileTimeoutSeconds: number;
  readonly bundles?: { readonly sizes: readonly BundleSize[]; readonly baselineBytes: number };
  readonly coldStart?: readonly ColdStartSeries[];
}

const KB = 1024;
const MB = 1024;
const count = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function need(run: RunFigures | undefined, what: string): RunFigures {
  if (!run) throw new Error(`the bench has no ${what} run`);
  return run;
}

function requestRows(w: WorldResult): Row[] {
  const { options } = w;
  const n = options.buckets;
  const first = need(findRun(w, 'reconcile', 'first run'), 'reconcile first');
  const monitorFirst = need(findRun(w, 'monitor', 'first run'), 'monitor first');
  const monitorSteady = need(findRun(w, 'monitor', 'steady state'), 'monitor steady');
  const rows: Row[] = [
    row({
      id: 'reconcile.first',
      what: `reconcile, first run: requests per bucket (${count(n)} buckets, ${count(w.tagged)} tagged get a rule and a destination)`,
      value: first.requests / n,
      shown: (first.requests / n).toFixed(2),
    }),
    row({
      id: 'reconcile.steady.tagged',
      what: 'reconcile, steady state: requests per tagged, already-correct bucket (with its destination, its state documents and the run’s shared requests)',
      value: w.reconcileSteady.perTagged,
      shown: `${w.reconcileSteady.perTagged.toFixed(2)} (shared: ${count(w.reconcileSteady.shared)} requests)`,
      target: TARGETS.steadyTagged,
    }),
    row({
      id: 'reconcile.steady.untagged',
      what: 'reconcile, steady state: requests per untagged bucket (destinations included)',
      value: w.reconcileSteady.perUntagged,
      shown: w.reconcileSteady.perUntagged.toFixed(2),
      target: TARGETS.steadyUntagged,
    }),
  ];
  const be = w.bucketEvents;
  if (be && be.configuring.length > 0) {
    const [cold, ...warm] = be.configuring;
    rows.push(
      row({
        id: 'bucket-events.new.cold',
        what: 'bucket-events, new tagged bucket: requests of the event that configures it, cold instance',
        value: cold!.requests,
        shown: String(cold!.requests),
        target: TARGETS.newBucket,
      }),
    );
    if (warm.length > 0) {
      const w2 = warm.map((r) => r.requests);
      rows.push(
        row({
          id: 'bucket-events.new.warm',
          what: `bucket-events, new tagged bucket: the same, warm instance (mean of ${warm.length})`,
          value: mean(w2),
          shown: `${mean(w2).toFixed(1)} (${Math.min(...w2)}–${Math.max(...w2)})`,
          target: TARGETS.newBucket,
        }),
      );
    }
    if (be.further.length > 0) {
      const f = be.further.map((r) => r.requests);
      rows.push(
        row({
          id: 'bucket-events.further',
          what: 'bucket-events: each further event of a new bucket (PutBucket, PutBucketTags; already configured), mean',
          value: mean(f),
          shown: `${mean(f).toFixed(1)} (${Math.min(...f)}–${Math.max(...f)})`,
        }),
      );
    }
  }
  rows.push(
    row({
      id: 'monitor.first',
      what: `monitor, first run: requests per managed rule (${count(w.rules)} rules)`,
      value: monitorFirst.requests / w.rules,
      shown: (monitorFirst.requests / w.rules).toFixed(2),
    }),
    row({
      id: 'monitor.steady',
      what: 'monitor, steady state: requests per managed rule',
      value: monitorSteady.requests / w.rules,
      shown: (monitorSteady.requests / w.rules).toFixed(2),
      target: TARGETS.monitorPerRule,
    }),
  );
  if (w.verifyBusy.length > 0) {
    const total = w.verifyBusy.reduce((n2, r) => n2 + r.requests, 0);
    rows.push(
      row({
        id: 'verify.busy',
        what: `verify, busy: requests per canary over the ${w.verifyBusy.length} runs that write, check and clean up the new rules' canaries`,
        value: total / w.rules,
        shown: (total / w.rules).toFixed(2),
      }),
    );
  }
  if (w.verifyIdle) {
    rows.push(
      row({
        id: 'verify.idle',
        what: 'verify, idle run (nothing due): requests',
        value: w.verifyIdle.requests,
        shown: `${w.verifyIdle.requests} (${(w.verifyIdle.requests / w.tagged).toFixed(2)} per managed bucket)`,
      }),
    );
  }
  return rows;
}

/** The runs each timing comparison uses: the steady states, and verify writing every new rule's canary. */
const TIMED: ReadonlyArray<{ readonly fn: string; readonly label: string; readonly what: string }> = [
  { fn: 'reconcile', label: 'steady state', what: 'reconcile, steady state' },
  { fn: 'monitor', label: 'steady state', what: 'monitor, steady state' },
  { fn: 'verify', label: 'writes canaries', what: 'verify, writing a canary for every rule' },
];

function speedupRows(main: WorldResult, sequential: WorldResult | undefined, latencyMs: number): Row[] {
  return TIMED.map(({ fn, label, what }) => {
    const fast = findRun(main, fn, label);
    const slow = sequential ? findRun(sequential, fn, label) : undefined;
    const base = {
      id: `speedup.${fn}`,
      what: `${what}, ${count(main.options.buckets)} buckets, ${latencyMs} ms per request: default concurrency vs concurrency 1`,
      target: TARGETS.concurrencySpeedup,
      unit: 'x',
    };
    if (!fast || !slow) return row({ ...base, shown: 'not run' });
    const speedup = slow.wallMs / fast.wallMs;
    return row({ ...base, value: speedup, shown: `${seconds(fast.wallMs)} vs ${seconds(slow.wallMs)}: ${speedup.toFixed(1)}x` });
  });
}

function growthRows(main: WorldResult, large: WorldResult | undefined): Row[] {
  const timed = [{ fn: 'reconcile', label: 'first run', what: 'reconcile, first run' }, ...TIMED];
  const to = large ? count(large.options.buckets) : '10,000';
  return timed.map(({ fn, label, what }) => {
    const small = findRun(main, fn, label);
    const big = large ? findRun(large, fn, label) : undefined;
    const base = {
      id: `growth.${fn}.${label.replace(/\W+/g, '-')}`,
      what: `${what}: time from ${count(main.options.buckets)} to ${to} buckets`,
      target: TARGETS.growth,
      unit: 'x',
    };
    if (!small || !big) return row({ ...base, shown: 'not run (npm run bench -- --large)' });
    const growth = big.wallMs / small.wallMs;
    return row({ ...base, value: growth, shown: `${seconds(small.wallMs)} → ${seconds(big.wallMs)}: ${growth.toFixed(1)}x` });
  });
}

function scaleRows(main: WorldResult, large: WorldResult | undefined, timeoutSeconds: number): Row[] {
  const world = large ?? main;
  const reconcileRuns = world.runs.filter((r) => r.fn === 'reconcile');
  const longest = Math.max(...reconcileRuns.map((r) => r.wallMs));
  const rows: Row[] = [
    row({
      id: 'timeout.reconcile',
      what: `reconcile: longest run at ${count(world.options.buckets)} buckets as a share of its FC timeout (${timeoutSeconds} s)`,
      ...(large ? { value: longest / 1000 / timeoutSeconds } : {}),
      shown: `${seconds(longest)} = ${(longest / 1000 / timeoutSeconds).toFixed(3)}${large ? '' : ' (10,000 buckets: not run)'}`,
      target: TARGETS.reconcileTimeoutShare,
    }),
  ];
  for (const fn of [...new Set(world.runs.map((r) => r.fn))]) {
    const peak = Math.max(...world.runs.filter((r) => r.fn === fn).map((r) => r.maxRssKib)) / MB;
    rows.push(
      row({
        id: `rss.${fn}`,
        what: `${fn}: peak RSS of its own process at ${count(world.options.buckets)} buckets`,
        ...(large ? { value: peak } : {}),
        shown: `${peak.toFixed(0)} MB${large ? '' : ' (10,000 buckets: not run)'}`,
        target: TARGETS.peakRssMb,
        unit: ' MB',
      }),
    );
  }
  return rows;
}

export function bundleRows(bundles: NonNullable<ReportInput['bundles']>): Row[] {
  return bundles.sizes.map((b) => {
    const share = b.bytes / bundles.baselineBytes;
    const lazy = b.sidecars.map((s) => `${s.file} ${kb(s.bytes)}`).join(', ');
    return row({
      id: `bundle.${b.name}`,
      what: `${b.name}: bundle size (index.js, what a cold start loads) as a share of the naive baseline (${kb(bundles.baselineBytes)})`,
      value: share,
      shown: `${kb(b.bytes)} = ${share.toFixed(3)}${lazy ? ` (required lazily: ${lazy})` : ''}`,
      target: TARGETS.bundleShareOfBaseline,
    });
  });
}

function noOpRequests(s: ColdStartSeries): string {
  const [low, high] = [Math.min(...s.requests), Math.max(...s.requests)];
  const n = low === high ? String(low) : `${low}–${high}`;
  return `${n} request${high === 1 ? '' : 's'}`;
}

export function coldStartRows(series: readonly ColdStartSeries[]): Row[] {
  const find = (kind: ColdStartSeries['kind']): ColdStartSeries => {
    const found = series.find((s) => s.kind === kind);
    if (!found) throw new Error(`cold start needs the ${kind} bundle`);
    return found;
  };
  const [floor, floorRequest, baseline] = [find('floor'), find('floor-request'), find('baseline')];
  const ms = (s: Spread): string => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  const rows: Row[] = [
    row({
      id: 'coldstart.references',
      what:
        `cold start of the references (require + one no-op invocation, ${floor.totalMs.length} fresh processes each): ` +
        'floor (loads http, https, crypto) / floor making one HTTP request / naive baseline',
      shown: `${ms(spread(floor.totalMs))} / ${ms(spread(floorRequest.totalMs))} / ${ms(spread(baseline.totalMs))}`,
    }),
  ];
  for (const s of series.filter((x) => x.kind === 'function')) {
    const failed = s.failures.length > 0 ? ` (${s.failures.length} no-op invocations failed: ${s.failures[0]})` : '';
    const vs = (other: ColdStartSeries): Spread => spread(ratios(s.totalMs, other.totalMs));
    const vsFloor = vs(floor);
    rows.push(
      row({
        id: `coldstart.${s.name}.floor`,
        what: `${s.name}: cold start (require + one no-op invocation: ${noOpRequests(s)} against the emulator) vs the floor`,
        ...(failed ? {} : { value: vsFloor.median }),
        shown:
          `${ms(spread(s.totalMs))}: ${ratioWithSpread(vsFloor)}; require alone ${ratioWithSpread(spread(ratios(s.requireMs, floor.requireMs)))}; ` +
          `vs the floor making one request ${ratioWithSpread(vs(floorRequest))}${failed}`,
        target: TARGETS.coldStartVsFloor,
        unit: 'x',
      }),
      row({
        id: `coldstart.${s.name}.baseline`,
        what: `${s.name}: cold start vs the naive baseline`,
        value: vs(baseline).median,
        shown: ratioWithSpread(vs(baseline)),
      }),
    );
  }
  return rows;
}

export function buildRows(input: ReportInput): Row[] {
  return [
    ...requestRows(input.main),
    ...speedupRows(input.main, input.sequential, input.latencyMs),
    ...growthRows(input.main, input.large),
    ...scaleRows(input.main, input.large, input.reconcileTimeoutSeconds),
    ...(input.bundles ? bundleRows(input.bundles) : []),
    ...(input.coldStart ? coldStartRows(input.coldStart) : []),
  ];
}

/** Invocations that threw or answered `{ ok: false }`: their figures are not to be trusted. */
export function failedRuns(worlds: ReadonlyArray<WorldResult | undefined>): string[] {
  return worlds.flatMap((w) =>
    (w?.runs ?? [])
      .filter((r) => !r.ok)
      .map((r) => `${w!.options.label} ${r.fn} ${r.label}: ${r.thrown ?? JSON.stringify(r.response).slice(0, 300)}`),
  );
}
