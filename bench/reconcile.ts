/**
 * Reconcile sweep cost: `npm run bench -- reconcile [buckets=1000] [concurrency=4]`.
 *
 * Starts the emulator in-process, creates N buckets (a third tagged, half of those already
 * converged by an earlier ensure), then runs the real reconcile handler twice: the first run
 * creates the missing rules, the second is the steady state. Prints wall time per run, OSS calls
 * per listed bucket from the emulator's request log (state-bucket calls included), and peak RSS
 * (emulator and job share the process, so it is an upper bound for the function alone).
 */
import { makeReconcileHandler } from '../functions/reconcile/handler';
import type { ReconcileSummary } from '../functions/reconcile/job';
import { startEmulator, type RunningEmulator } from '../local/emulator';
import { OssClient } from '../shared/oss';
import { compilePolicyObject } from '../shared/policy';
import { ensure, LocationCache } from '../shared/replication';
import { type HandlerResponse, readConfig } from '../shared/runtime';
import { DocumentLeaseManager, OssDocumentStore } from '../shared/state';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const STATE_BUCKET = 'autopilot-state';
const ACCOUNT = '1234567890123456';
/** Request-log entries the emulator keeps: enough for every call of a large run (the default 10,000 is not). */
const LOG_SIZE = 1_000_000;

const policy = compilePolicyObject({
  version: 1,
  selector: { tagKey: 'replication-policy' },
  policies: { 'dr-beijing': { destination: { region: BJ, bucket: '{bucket}-dr', create: true }, mode: 'crr' } },
  channels: {},
  guardrails: { destinationRegions: [BJ], destinationBuckets: ['*-dr'], maxChangesPerRun: 100_000 },
  onUntag: 'keep',
});

function arg(args: readonly string[], name: string, index: number, fallback: number): number {
  const named = args.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
  const positional = args.filter((a) => !a.includes('='))[index];
  const value = Number(named ?? positional ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function seed(emulator: RunningEmulator, oss: OssClient, count: number): Promise<{ tagged: number; converged: number }> {
  await oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  const names = Array.from({ length: count }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  const tagged = names.filter((_, i) => i % 3 === 0);
  await inParallel(names, 32, (bucket) => oss.putBucket({ bucket, region: HZ }));
  await inParallel(tagged, 32, (bucket) => oss.putBucketTags({ bucket, region: HZ }, [{ key: 'replication-policy', value: 'dr-beijing' }]));
  const state = new OssDocumentStore({ oss, bucket: STATE_BUCKET, region: HZ });
  const deps = {
    oss,
    policy,
    state,
    leases: new DocumentLeaseManager(state),
    account: ACCOUNT,
    stateBucket: STATE_BUCKET,
    locationCache: new LocationCache(),
  };
  const converged = tagged.filter((_, i) => i % 2 === 0);
  await inParallel(converged, 16, (bucket) => ensure(bucket, deps, { region: HZ }));
  emulator.admin.clearRequests();
  return { tagged: tagged.length, converged: converged.length };
}

interface RunFigures {
  readonly wallMs: number;
  readonly calls: number;
  readonly listed: number;
  readonly byOperation: Record<string, number>;
  readonly counts: ReconcileSummary['counts'];
}

async function timedRun(emulator: RunningEmulator, concurrency: number, n: number): Promise<RunFigures> {
  const config = readConfig({
    STATE_BUCKET,
    STATE_REGION: HZ,
    FC_REGION: HZ,
    OSS_ENDPOINTS: JSON.stringify(emulator.endpoints),
    LOG_LEVEL: 'silent',
    RECONCILE_CONCURRENCY: String(concurrency),
  });
  const handler = makeReconcileHandler(policy, { config, sink: () => undefined });
  const credentials = emulator.credentials[0]!;
  emulator.admin.clearRequests();
  const started = process.hrtime.bigint();
  const response = (await handler(
    {},
    { requestId: `bench-${n}`, credentials, region: HZ, accountId: ACCOUNT, function: { timeout: 900 } },
  )) as HandlerResponse<ReconcileSummary>;
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (!response.ok) throw new Error(`reconcile run ${n} failed: ${response.reason}`);
  const log = emulator.admin.requests();
  const { dropped } = emulator.admin.state().requestLog;
  if (dropped > 0) console.warn(`warning: run ${n} overflowed the request log (${LOG_SIZE}): ${dropped} calls are not counted`);
  const byOperation: Record<string, number> = {};
  for (const entry of log) byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
  return { wallMs, calls: log.length, listed: response.result.buckets, byOperation, counts: response.result.counts };
}

function print(label: string, run: RunFigures): void {
  const perBucket = (run.calls / run.listed).toFixed(2);
  console.log(`${label}: ${run.wallMs.toFixed(0)} ms wall, ${run.listed} buckets listed, ${run.calls} OSS calls (${perBucket}/bucket)`);
  console.log(`  outcomes: ${JSON.stringify(run.counts)}`);
  console.log(`  calls by operation: ${JSON.stringify(run.byOperation)}`);
}

export async function main(args: string[]): Promise<void> {
  const buckets = arg(args, 'buckets', 0, 1000);
  const concurrency = arg(args, 'concurrency', 1, 4);
  const emulator = await startEmulator({
    regions: { [HZ]: 0, [BJ]: 0 },
    accountId: ACCOUNT,
    ruleStartingMs: 100,
    ruleClosingMs: 100,
    replicationDelayMs: 100,
    requestLogSize: LOG_SIZE,
  });
  const oss = new OssClient({
    region: HZ,
    credentials: emulator.credentials[0]!,
    endpoint: { kind: 'map', endpoints: emulator.endpoints },
  });
  try {
    const seeded = await seed(emulator, oss, buckets);
    console.log(`npm run bench -- reconcile ${buckets} concurrency=${concurrency}`);
    console.log(`seeded ${buckets} buckets: ${seeded.tagged} tagged, ${seeded.converged} of them already converged`);
    print('run 1 (creates rules)', await timedRun(emulator, concurrency, 1));
    print('run 2 (steady state)', await timedRun(emulator, concurrency, 2));
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `peak RSS: ${rss.toFixed(0)} MiB (emulator and job in one process); heap used now: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    oss.destroy();
    await emulator.stop();
  }
}
