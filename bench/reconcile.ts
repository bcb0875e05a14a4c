/**
 * Sweep and watch cost: `npm run bench -- reconcile [buckets=1000] [concurrency=16] [latency=MS] [compare]`.
 *
 * Starts the emulator in-process, creates N buckets (a third tagged, half of those already
 * converged by an earlier ensure), then runs the real handlers: reconcile twice (the first run
 * creates the missing rules, the second is the steady state), the monitor twice (its first run after
 * reconcile, then its steady state) and verify twice (busy: the first canaries; then idle). Prints
 * wall time per run, OSS calls from the emulator's request log (state-bucket calls included) per
 * listed bucket, per tagged and per untagged source bucket, and per monitored rule, and peak RSS
 * (emulator and job share the process, so it is an upper bound for the function alone).
 * `latency=MS` injects that much latency into every request (an emulator fault) before the runs;
 * `compare` runs the steady reconcile, the steady monitor and a busy verify again at concurrency 1
 * and prints the ratios.
 */
import { makeMonitorHandler } from '../functions/monitor/handler';
import { makeReconcileHandler } from '../functions/reconcile/handler';
import { makeVerifyHandler } from '../functions/verify/handler';
import { startEmulator, type RunningEmulator } from '../local/emulator';
import { OssClient } from '../shared/oss';
import { compilePolicyObject } from '../shared/policy';
import { ensure, LocationCache } from '../shared/replication';
import { type FcHandler, readConfig } from '../shared/runtime';
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
  const positional = args.filter((a) => !a.includes('=') && a !== 'compare')[index];
  const value = Number(named ?? positional ?? fallback);
  if (!Number.isInteger(value) || value < (name === 'latency' ? 0 : 1)) throw new Error(`${name} must be a positive integer`);
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

interface Seeded {
  readonly tagged: ReadonlySet<string>;
  readonly untagged: ReadonlySet<string>;
  readonly converged: number;
}

async function seed(emulator: RunningEmulator, oss: OssClient, count: number, convergeAll = false): Promise<Seeded> {
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
  const converged = convergeAll ? tagged : tagged.filter((_, i) => i % 2 === 0);
  await inParallel(converged, 16, (bucket) => ensure(bucket, deps, { region: HZ }));
  emulator.admin.clearRequests();
  return { tagged: new Set(tagged), untagged: new Set(names.filter((_, i) => i % 3 !== 0)), converged: converged.length };
}

interface RunFigures {
  readonly label: string;
  readonly wallMs: number;
  readonly calls: number;
  readonly byOperation: Record<string, number>;
  readonly perTagged: number;
  readonly perUntagged: number;
  readonly result: Record<string, unknown>;
}

type Job = 'reconcile' | 'monitor' | 'verify';
const FACTORIES: Record<Job, (config: ReturnType<typeof readConfig>) => FcHandler<unknown>> = {
  reconcile: (config) => makeReconcileHandler(policy, { config, sink: () => undefined }),
  monitor: (config) => makeMonitorHandler(policy, { config, sink: () => undefined }),
  verify: (config) => makeVerifyHandler(policy, { config, sink: () => undefined }),
};

async function timedRun(emulator: RunningEmulator, job: Job, concurrency: number, seeded: Seeded, label: string): Promise<RunFigures> {
  const config = readConfig({
    STATE_BUCKET,
    STATE_REGION: HZ,
    FC_REGION: HZ,
    OSS_ENDPOINTS: JSON.stringify(emulator.endpoints),
    LOG_LEVEL: 'silent',
    RECONCILE_CONCURRENCY: String(concurrency),
    MONITOR_CONCURRENCY: String(concurrency),
    VERIFY_CONCURRENCY: String(concurrency),
  });
  const handler = FACTORIES[job](config);
  const credentials = emulator.credentials[0]!;
  emulator.admin.clearRequests();
  const started = process.hrtime.bigint();
  const response = (await handler(
    {},
    { requestId: `bench-${label}`, credentials, region: HZ, accountId: ACCOUNT, function: { timeout: 900 } },
  )) as {
    ok: boolean;
    reason?: string;
    result?: Record<string, unknown>;
  };
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (!response.ok) throw new Error(`${label} failed: ${response.reason}`);
  const log = emulator.admin.requests();
  const { dropped } = emulator.admin.state().requestLog;
  if (dropped > 0) console.warn(`warning: ${label} overflowed the request log (${LOG_SIZE}): ${dropped} calls are not counted`);
  const byOperation: Record<string, number> = {};
  for (const entry of log) byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
  const on = (names: ReadonlySet<string>) => log.filter((e) => e.bucket !== undefined && names.has(e.bucket)).length / names.size;
  return {
    label,
    wallMs,
    calls: log.length,
    byOperation,
    perTagged: on(seeded.tagged),
    perUntagged: on(seeded.untagged),
    result: response.result ?? {},
  };
}

function print(run: RunFigures): void {
  const r = run.result;
  const unit =
    typeof r['rules'] === 'number'
      ? `${(run.calls / Math.max(1, r['rules'])).toFixed(2)}/rule over ${r['rules']} rules`
      : typeof r['buckets'] === 'number'
        ? `${(run.calls / r['buckets']).toFixed(2)}/listed bucket, ${run.perTagged.toFixed(2)}/tagged, ${run.perUntagged.toFixed(2)}/untagged source`
        : `due ${String(r['due'])}, written ${String(r['written'])}`;
  console.log(`${run.label}: ${run.wallMs.toFixed(0)} ms wall, ${run.calls} OSS calls (${unit})`);
  if (r['counts']) console.log(`  outcomes: ${JSON.stringify(r['counts'])}`);
  console.log(`  calls by operation: ${JSON.stringify(run.byOperation)}`);
}

export async function main(args: string[]): Promise<void> {
  const buckets = arg(args, 'buckets', 0, 1000);
  const concurrency = arg(args, 'concurrency', 1, 16);
  const latency = arg(args, 'latency', 2, 0);
  const compare = args.includes('compare');
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
    console.log(`npm run bench -- reconcile ${buckets} concurrency=${concurrency} latency=${latency}${compare ? ' compare' : ''}`);
    console.log(`seeded ${buckets} buckets: ${seeded.tagged.size} tagged, ${seeded.converged} of them already converged`);
    if (latency > 0) emulator.admin.addFault({ latencyMs: latency });
    const run = (job: Job, c: number, label: string) => timedRun(emulator, job, c, seeded, label);
    const steady: Partial<Record<Job, RunFigures>> = {};
    print(await run('reconcile', concurrency, 'reconcile run 1 (creates rules)'));
    print((steady.reconcile = await run('reconcile', concurrency, 'reconcile run 2 (steady state)')));
    print(await run('monitor', concurrency, 'monitor run 1 (after reconcile)'));
    print((steady.monitor = await run('monitor', concurrency, 'monitor run 2 (steady state)')));
    print((steady.verify = await run('verify', concurrency, 'verify run 1 (busy: first canaries)')));
    print(await run('verify', concurrency, 'verify run 2 (idle)'));
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `peak RSS: ${rss.toFixed(0)} MiB (emulator and job in one process); heap used now: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
    if (!compare) return;
    const slow: Partial<Record<Job, RunFigures>> = {};
    print((slow.reconcile = await run('reconcile', 1, 'reconcile steady state at concurrency 1')));
    print((slow.monitor = await run('monitor', 1, 'monitor steady state at concurrency 1')));
    // A busy verify needs canaries not yet written: a fresh account of the same size.
    emulator.admin.reset();
    const again = await seed(emulator, oss, buckets, true);
    if (latency > 0) emulator.admin.addFault({ latencyMs: latency });
    print((slow.verify = await timedRun(emulator, 'verify', 1, again, 'verify busy at concurrency 1')));
    for (const job of ['reconcile', 'monitor', 'verify'] as const)
      console.log(
        `${job}: concurrency ${concurrency} is ${(slow[job]!.wallMs / steady[job]!.wallMs).toFixed(1)}x faster than concurrency 1`,
      );
  } finally {
    oss.destroy();
    await emulator.stop();
  }
}
