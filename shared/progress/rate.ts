import type { BackfillEta, ProgressSample } from './types';

/** Default window for the backfill rate: long enough to smooth OSS's coarse fraction steps. */
export const DEFAULT_RATE_WINDOW_SECONDS = 3600;

interface Point {
  readonly t: number;
  readonly f: number;
}

function fractionPoints(history: readonly ProgressSample[]): Point[] {
  return history
    .filter((s): s is ProgressSample & { historical: number } => typeof s.historical === 'number')
    .map((s) => ({ t: Date.parse(s.at), f: s.historical }))
    .filter((p) => !Number.isNaN(p.t));
}

/**
 * Backfill speed in fraction per second, measured between the newest sample with a fraction and the
 * oldest one inside `windowSeconds` before it. Undefined when fewer than two such samples exist.
 * Can be zero or negative (a recreated rule starts again from 0); callers decide what that means.
 */
export function backfillRate(
  history: readonly ProgressSample[],
  windowSeconds: number = DEFAULT_RATE_WINDOW_SECONDS,
): number | undefined {
  const points = fractionPoints(history);
  const last = points[points.length - 1];
  if (!last) return undefined;
  const first = points.find((p) => p.t >= last.t - windowSeconds * 1000);
  if (!first || first.t >= last.t) return undefined;
  return (last.f - first.f) / ((last.t - first.t) / 1000);
}

/**
 * When the backfill will finish at the current rate, counted from the newest sample and expressed
 * relative to `now` (never negative).
 */
export function backfillEta(
  history: readonly ProgressSample[],
  now: Date,
  windowSeconds: number = DEFAULT_RATE_WINDOW_SECONDS,
): BackfillEta {
  const points = fractionPoints(history);
  const last = points[points.length - 1];
  if (!last) return { kind: 'unknown', reason: 'no-data' };
  if (last.f >= 1) return { kind: 'complete' };
  const rate = backfillRate(history, windowSeconds);
  if (rate === undefined) return { kind: 'unknown', reason: 'no-data' };
  if (rate <= 0) return { kind: 'unknown', reason: 'not-moving' };
  const doneAt = last.t + ((1 - last.f) / rate) * 1000;
  const seconds = Math.max(0, (doneAt - now.getTime()) / 1000);
  return { kind: 'estimated', seconds, at: new Date(now.getTime() + seconds * 1000).toISOString() };
}
