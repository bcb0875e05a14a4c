import type { ProgressSample } from './types';

/**
 * Adds a sample and keeps at most `maxSamples`, oldest dropped first. The result is sorted by time
 * because samples written by overlapping invocations may arrive out of order; a sample with the same
 * `at` as an existing one replaces it (a retried invocation must not double-count).
 */
export function appendSample(
  history: readonly ProgressSample[],
  sample: ProgressSample,
  maxSamples: number,
): ProgressSample[] {
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
