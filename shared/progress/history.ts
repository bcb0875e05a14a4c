/**
 * A rule's progress history and what it measures: samples kept in time order, the lag behind the
 * NewObject watermark, and the backfill rate and ETA from the HistoricalObject fraction.
 */
import type { BackfillEta, ProgressSample } from './types';

/**
 * Adds a sample and keeps at most `maxSamples`, oldest dropped first. The result is sorted by time
 * because samples written by overlapping invocations may arrive out of order; a sample with the same
 * `at` as an existing one replaces it (a retried invocation must not double-count).
 */
export function appendSample(history: readonly ProgressSample[], sample: ProgressSample, maxSamples: number): ProgressSample[] {
  const t = Date.parse(sample.at);
  const merged = history.filter((s) => Date.parse(s.at) !== t).concat(sample);
  merged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const keep = Math.max(1, Math.floor(maxSamples));
  return merged.slice(-keep);
}

/** The newest sample, if any. */
export function latestSample(history: readonly ProgressSample[]): ProgressSample | undefined {
  return history[history.length - 1];
}

/**
 * Seconds between `now` and the sample's `NewObject` watermark: objects written in that window may not
 * be in the destination yet. Undefined without a (parsable) watermark; never negative (clock skew).
 */
export function lagSeconds(sample: ProgressSample | undefined, now: Date): number | undefined {
  if (!sample?.newObjectWatermark) return undefined;
  const watermark = Date.parse(sample.newObjectWatermark);
  if (Number.isNaN(watermark)) return undefined;
  return Math.max(0, (now.getTime() - watermark) / 1000);
}

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
export function backfillRate(history: readonly ProgressSample[], windowSeconds: number = DEFAULT_RATE_WINDOW_SECONDS): number | undefined {
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
