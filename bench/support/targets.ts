/**
 * The targets of issue 11, as data: each row of the bench table that has one shows it and whether the
 * measured figure meets it. Targets live here and in the bench only, never in timed unit tests.
 */
export type Target =
  | { readonly kind: 'atMost'; readonly limit: number }
  | { readonly kind: 'atLeast'; readonly limit: number }
  | { readonly kind: 'below'; readonly limit: number };

export const atMost = (limit: number): Target => ({ kind: 'atMost', limit });
export const atLeast = (limit: number): Target => ({ kind: 'atLeast', limit });
export const below = (limit: number): Target => ({ kind: 'below', limit });

export const TARGETS = {
  /** Steady-state reconcile: requests per tagged, already-correct bucket. */
  steadyTagged: atMost(2),
  /** Steady-state reconcile: no per-bucket request for an untagged bucket. */
  steadyUntagged: atMost(0),
  /** A new tagged bucket through bucket-events, state writes included. */
  newBucket: atMost(12),
  /** Monitor: requests per managed rule. */
  monitorPerRule: atMost(2),
  /** Wall time at concurrency 1 over wall time at the default concurrency (1,000 buckets, 5 ms per request). */
  concurrencySpeedup: atLeast(10),
  /** Wall time at 10,000 buckets over wall time at 1,000. */
  growth: atMost(12),
  /** Peak RSS of the function's own process at 10,000 buckets, MB. */
  peakRssMb: below(256),
  /**
   * "10,000 buckets finish well within reconcile's FC timeout": the longest reconcile run at 10,000
   * buckets as a share of the timeout s.yaml gives it. "Well within" is read as at most half.
   */
  reconcileTimeoutShare: atMost(0.5),
  /** A bundle (index.js, what a cold start loads) as a share of the naive baseline's size. */
  bundleShareOfBaseline: atMost(0.1),
  /** Initialisation plus one no-op invocation, over the same for the floor bundle (median of the side-by-side ratios). */
  coldStartVsFloor: atMost(2),
} as const;

/** Undefined when there is no figure (not measured in this run). */
export function meets(value: number | undefined, target: Target): boolean | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  switch (target.kind) {
    case 'atMost':
      return value <= target.limit;
    case 'atLeast':
      return value >= target.limit;
    case 'below':
      return value < target.limit;
  }
}

/** `≤ 2`, `≥ 10x`, `< 256 MB`. */
export function targetText(target: Target, unit = ''): string {
  const sign = { atMost: '≤', atLeast: '≥', below: '<' }[target.kind];
  return `${sign} ${target.limit}${unit}`;
}
