/**
 * Events under lease contention: `npm run bench -- contention [deliveries=30] [rounds=5]`.
 *
 * Starts the emulator in-process and, per round, tags a fresh bucket and delivers `deliveries`
 * distinct events for it to the real bucket-events handler all at once; a delivery whose invocation
 * throws is redelivered at once (the harshest FC async retry). Two modes:
 *   wait:    invocations with s.yaml's timeout (300 s), so bucket-events waits for a busy lease;
 *   no wait: 30 s invocations, which keep all their time for the work and do not wait (what
 *            bucket-events did before the wait).
 * Prints per mode the invocations each delivery needed (the figure s.yaml's async retries bound),
 * how many needed more than 1 + maxAsyncRetryAttempts, the time from first delivery to
 * acknowledgement, and the round's wall time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeBucketEventsHandler } from '../functions/bucket-events/handler';
import { asBuffer, bucketCreatedEvent } from '../test/e2e/bucket-events/events';
import {
  ALERT_SEAMS,
  deliverConcurrently,
  HZ,
  startWorld,
  testPolicy,
  unique,
  userBucket,
  type DeliveryRecord,
  type World,
} from '../test/e2e/bucket-events/harness';

interface Deployed {
  readonly timeout: number;
  readonly asyncInvokeConfig: { readonly maxAsyncRetryAttempts: number };
}

const deployed = (parse(readFileSync(join(__dirname, '..', 's.yaml'), 'utf8')) as { resources: Record<string, { props: Deployed }> })
  .resources['bucket-events']!.props;
const ALLOWED = 1 + deployed.asyncInvokeConfig.maxAsyncRetryAttempts;
/** Far above ALLOWED, so the no-wait mode shows how many invocations it really needs. */
const MAX_ATTEMPTS = 200;

function arg(args: readonly string[], index: number, fallback: number): number {
  const value = Number(args[index] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error('arguments must be positive integers');
  return value;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function round(world: World, deliveries: number, timeoutSeconds: number): Promise<{ records: DeliveryRecord[]; wallMs: number }> {
  const bucket = await userBucket(world, 'bench', { tag: 'dr-beijing' });
  const bodies = Array.from({ length: deliveries }, () => asBuffer(bucketCreatedEvent(bucket, HZ, unique('evt'))));
  const handler = makeBucketEventsHandler(testPolicy(), { config: world.config(), alerts: ALERT_SEAMS, sink: () => undefined });
  const started = Date.now();
  const records = await deliverConcurrently(handler, bodies, () => world.context(timeoutSeconds), { maxAttempts: MAX_ATTEMPTS });
  return { records, wallMs: Date.now() - started };
}

function report(mode: string, rounds: Array<{ records: DeliveryRecord[]; wallMs: number }>): void {
  const records = rounds.flatMap((r) => r.records);
  const attempts = records.map((r) => r.attempts).sort((a, b) => a - b);
  const ms = records.map((r) => r.ms).sort((a, b) => a - b);
  const histogram = [...new Set(attempts)].map((a) => `${a}:${attempts.filter((x) => x === a).length}`).join(' ');
  const over = records.filter((r) => r.attempts > ALLOWED).length;
  const walls = rounds.map((r) => r.wallMs);
  console.log(`${mode}`);
  console.log(
    `  invocations per delivery: max ${attempts[attempts.length - 1]}, p95 ${percentile(attempts, 95)}, median ${percentile(attempts, 50)}   (count by invocations ${histogram})`,
  );
  console.log(`  deliveries needing more than ${ALLOWED} invocations: ${over} of ${records.length}`);
  console.log(
    `  first delivery to acknowledgement: median ${percentile(ms, 50)} ms, p95 ${percentile(ms, 95)} ms, max ${ms[ms.length - 1]} ms`,
  );
  console.log(`  round wall time: ${walls.map((w) => `${w} ms`).join(', ')}`);
  console.log(
    `  outcomes: ${[...new Set(records.map((r) => r.outcome))].map((o) => `${o} ${records.filter((r) => r.outcome === o).length}`).join(', ')}`,
  );
}

export async function main(args: string[]): Promise<void> {
  const deliveries = arg(args, 0, 30);
  const rounds = arg(args, 1, 5);
  const world = await startWorld();
  try {
    console.log(
      `bucket-events, ${deliveries} concurrent deliveries for one bucket, ${rounds} rounds, redelivered at once on a throw (s.yaml allows ${ALLOWED} invocations)`,
    );
    for (const [mode, timeout] of [
      [`wait (timeout ${deployed.timeout} s)`, deployed.timeout],
      ['no wait (timeout 30 s)', 30],
    ] as const) {
      const results = [];
      for (let i = 0; i < rounds; i++) results.push(await round(world, deliveries, timeout));
      report(mode, results);
    }
    console.log(`command: npm run bench -- contention ${deliveries} ${rounds}`);
  } finally {
    await world.stop();
  }
}
