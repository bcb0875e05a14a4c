/** bench/results.json: what `npm run bench` measured, the source of the README's Measured table. */
import type { Row } from './table';

export interface BenchOptions {
  /** Buckets in the account of the main run. */
  readonly buckets: number;
  /** Buckets of the growth run (`--large`), absent when it was not run. */
  readonly large?: number;
  readonly latencyMs: number;
  /** Cold-start repeats (fresh processes per bundle). */
  readonly repeats: number;
  /** Concurrency of the "default" column: absent means each function's own default (no variable set). */
  readonly concurrency?: number;
}

export interface BenchResults {
  readonly schema: 1;
  readonly command: string;
  readonly measuredAt: string;
  readonly machine: { readonly node: string; readonly cpus: number; readonly loadAverage: readonly number[] };
  readonly options: BenchOptions;
  readonly rows: readonly Row[];
  /** Everything behind the rows (requests by operation, each run, each cold start), for whoever digs further. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Refuses a results file this code did not write (the README must not be rewritten from something else). */
export function parseResults(text: string): BenchResults {
  const data = JSON.parse(text) as Partial<BenchResults>;
  if (data.schema !== 1 || !Array.isArray(data.rows) || typeof data.command !== 'string' || !data.machine) {
    throw new Error('bench/results.json is not a results file of this bench (schema 1): run npm run bench');
  }
  return data as BenchResults;
}
