/**
 * Reconcile alone: `npm run bench -- reconcile [buckets=1000] [concurrency] [latencyMs=0]`.
 *
 * The part of `npm run bench` that measures reconcile, on its own: a fresh account of N buckets (a
 * third tagged) in the emulator's own process, the reconcile bundle (built with the bench's policy) in
 * its own process, its first run (creates the rules and destinations) and then its steady state. Prints
 * wall time, requests per bucket and by operation (the emulator's request log), and peak RSS of the
 * function's process. Concurrency: the function's default unless given (RECONCILE_CONCURRENCY).
 */
import { join } from 'node:path';
import { benchPolicy } from './support/account';
import { bundleWithPolicy } from './support/build';
import { buildRunner } from './support/functionProcess';
import type { RunFigures } from './support/world';
import { runReconcileOnly } from './support/world';
import { makeHarness, OUT, startBenchEmulator } from './suite';

function arg(value: string | undefined, fallback: number | undefined, min: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error('usage: npm run bench -- reconcile [buckets] [concurrency] [latencyMs]');
  return n;
}

function print(run: RunFigures, buckets: number): void {
  const ops = Object.entries(run.byOperation)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  console.log(
    `${run.label}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.requests} requests (${(run.requests / buckets).toFixed(2)} per bucket), ` +
      `peak RSS ${(run.maxRssKib / 1024).toFixed(0)} MB${run.ok ? '' : ` NOT OK: ${run.thrown ?? JSON.stringify(run.response).slice(0, 300)}`}`,
  );
  console.log(`  by operation: ${ops}`);
}

export async function main(args: string[]): Promise<void> {
  const buckets = arg(args[0], 1000, 3)!;
  const concurrency = arg(args[1], undefined, 1);
  const latencyMs = arg(args[2], 0, 0)!;
  const bundles = await bundleWithPolicy(benchPolicy(), join(OUT, 'bundles'));
  const runner = await buildRunner(OUT);
  const emulator = await startBenchEmulator(buckets);
  try {
    const harness = makeHarness(emulator, runner, bundles, buckets);
    const options = { label: `${buckets} buckets`, buckets, latencyMs, full: true, ...(concurrency !== undefined ? { concurrency } : {}) };
    const { account, first, steady, cost } = await runReconcileOnly(harness, options);
    console.log(`npm run bench -- reconcile ${args.join(' ')}`.trim());
    console.log(
      `${buckets} buckets, ${account.tagged.size} tagged; concurrency ${concurrency ?? 'default'}; ${latencyMs} ms added per request`,
    );
    print(first, buckets);
    print(steady, buckets);
    console.log(
      `steady state per tagged bucket ${cost.perTagged.toFixed(2)}, per untagged bucket ${cost.perUntagged.toFixed(2)} (shared requests: ${cost.shared})`,
    );
  } finally {
    await emulator.stop();
  }
}
