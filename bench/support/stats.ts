/** The spread of repeated measurements: a figure is reported with its min, median and max, never alone. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly n: number;
}

/** Median of an even count is the mean of the two middle values. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** Element-wise ratio of two equally long series measured side by side (a[i] / b[i]). */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`series of different lengths (${a.length} and ${b.length})`);
  return a.map((x, i) => x / b[i]!);
}
