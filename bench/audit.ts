/**
 * Parity audit cost: `npm run bench -- audit [objects=100000] [pages=10000] [drop=0]`.
 *
 * Starts the emulator in-process, fills a source bucket with N objects, lets a real rule (added by
 * ensure) backfill them into the destination (the skip fault drops `drop` of them), bundles the audit
 * function as `npm run build` does, and runs that bundle in a child process until the pass ends, with
 * `pages` listing pages per run (10,000: one run; 100: the default budget). Prints OSS requests per
 * 1,000 objects from the emulator's request log (the listing pages of the two buckets against the
 * floor of two per 1,000 objects when both sides match, and everything: state documents, the lease,
 * progress, HEADs), wall time, and the peak RSS of the child: the function's own, not the emulator's.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../local/emulator';
import { OssClient } from '../shared/oss';
import { compilePolicyObject } from '../shared/policy';
import { ensure, LocationCache } from '../shared/replication';
import { DocumentLeaseManager, OssDocumentStore } from '../shared/state';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const STATE_BUCKET = 'autopilot-state';
const SOURCE = 'bench-audit';
const ACCOUNT = '1234567890123456';

function arg(args: readonly string[], name: string, index: number, fallback: number): number {
  const named = args.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
  const positional = args.filter((a) => !a.includes('='))[index];
  const value = Number(named ?? positional ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

async function inParallel(count: number, limit: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

async function seed(emulator: RunningEmulator, oss: OssClient, objects: number, drop: number, pages: number): Promise<string> {
  const policy = compilePolicyObject({
    version: 1,
    policies: {
      dr: {
        destination: { region: BJ, bucket: '{bucket}-dr', create: true },
        audit: { everyHours: 24, pagesPerRun: pages, headsPerRun: 100_000 },
      },
    },
    guardrails: { destinationRegions: [BJ], destinationBuckets: ['*-dr'] },
  });
  await oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  await oss.putBucket({ bucket: SOURCE, region: HZ });
  const body = Buffer.alloc(64, 'x');
  await inParallel(objects, 32, (i) =>
    oss.putObject({ bucket: SOURCE, region: HZ, key: `logs/2026/${String(i).padStart(7, '0')}.json`, body }),
  );
  if (drop > 0) emulator.admin.skipReplication({ bucket: SOURCE, count: drop });
  await oss.putBucketTags({ bucket: SOURCE, region: HZ }, [{ key: 'replication-policy', value: 'dr' }]);
  const state = new OssDocumentStore({ oss, bucket: STATE_BUCKET, region: HZ });
  await ensure(
    SOURCE,
    {
      oss,
      policy,
      state,
      leases: new DocumentLeaseManager(state),
      account: ACCOUNT,
      stateBucket: STATE_BUCKET,
      locationCache: new LocationCache(),
    },
    { region: HZ },
  );
  for (;;) {
    const rule = emulator.admin.state().buckets.find((b) => b.name === SOURCE)?.rules[0];
    if (rule?.status === 'doing' && rule.historicalPending === 0 && rule.queued === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1100)); // the watermark passes the newest object's second
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  return dir;
}

const ROOT = join(__dirname, '..');

/** Bundles functions/audit with the bench's policy, as `npm run build` does (esbuild.config.mjs is an ES module). */
function bundleAudit(dir: string): string {
  const script = `
    const { bundleFunction } = await import(${JSON.stringify(join(ROOT, 'esbuild.config.mjs'))});
    const entry = ${JSON.stringify(join(ROOT, 'functions/audit/index.ts'))};
    const r = await bundleFunction({ name: 'audit', entry }, ${JSON.stringify(dir)});
    process.stdout.write(r.outfile);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, POLICY_JSON: join(dir, 'policy.json') },
    encoding: 'utf8',
  });
}

/** The child: invokes the bundle's handler (timer event, FC-like context) until the bucket's pass ends. */
const CHILD = `
const { handler } = require(process.env.AUDIT_BENCH_BUNDLE);
const credentials = JSON.parse(process.env.AUDIT_BENCH_CREDENTIALS);
(async () => {
  const startRssKiB = process.resourceUsage().maxRSS;
  const started = process.hrtime.bigint();
  const runs = [];
  for (let n = 1; n <= 10000; n++) {
    const t = process.hrtime.bigint();
    const context = { requestId: 'bench-' + n, credentials, region: 'cn-hangzhou', accountId: '${ACCOUNT}', function: { timeout: 600 } };
    const res = await handler({}, context);
    if (!res.ok) throw new Error('run ' + n + ': ' + res.reason + ': ' + res.message);
    const rule = res.result.rules.find((r) => r.bucket === process.env.AUDIT_BENCH_BUCKET);
    if (!rule || rule.outcome === 'failed' || rule.outcome === 'waiting') throw new Error('run ' + n + ': ' + JSON.stringify(rule));
    runs.push({ outcome: rule.outcome, pages: rule.pages, heads: rule.heads, ms: Number(process.hrtime.bigint() - t) / 1e6 });
    if (rule.outcome === 'passEnded') break;
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ runs, wallMs, startRssKiB, peakRssKiB: process.resourceUsage().maxRSS }));
})().catch((e) => { console.error(e.message); process.exit(1); });`;

interface ChildReport {
  readonly runs: ReadonlyArray<{ outcome: string; pages: number; heads: number; ms: number }>;
  readonly wallMs: number;
  readonly startRssKiB: number;
  readonly peakRssKiB: number;
}

export async function main(args: string[]): Promise<void> {
  const objects = arg(args, 'objects', 0, 100_000);
  const pages = arg(args, 'pages', 1, 10_000);
  const drop = arg(args, 'drop', 2, 0);
  const emulator = await startEmulator({
    regions: { [HZ]: 0, [BJ]: 0 },
    accountId: ACCOUNT,
    ruleStartingMs: 100,
    historicalPerTick: 20_000,
    requestLogSize: 1_000_000,
  });
  const credentials = emulator.credentials[0]!;
  const oss = new OssClient({ region: HZ, credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
  try {
    const seedStarted = Date.now();
    const dir = await seed(emulator, oss, objects, drop, pages);
    console.log(`npm run bench -- audit objects=${objects} pages=${pages} drop=${drop}`);
    console.log(`seeded ${objects} objects and their backfill in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    emulator.admin.clearRequests();
    const env = {
      ...process.env,
      STATE_BUCKET,
      STATE_REGION: HZ,
      FC_REGION: HZ,
      OSS_ENDPOINTS: JSON.stringify(emulator.endpoints),
      LOG_LEVEL: 'silent',
      AUDIT_BENCH_BUNDLE: bundleAudit(dir),
      AUDIT_BENCH_BUCKET: SOURCE,
      AUDIT_BENCH_CREDENTIALS: JSON.stringify(credentials),
    };
    // The child talks to this process's emulator, so this process must stay responsive: run it async.
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', CHILD], { env, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const report = JSON.parse(out.trim().split('\n').pop() as string) as ChildReport;
    rmSync(dir, { recursive: true, force: true });
    const log = emulator.admin.requests();
    const byOperation: Record<string, number> = {};
    for (const entry of log) byOperation[entry.operation] = (byOperation[entry.operation] ?? 0) + 1;
    const per1000 = (n: number) => ((n * 1000) / objects).toFixed(2);
    const listings = log.filter((e) => e.operation === 'ListObjectsV2' && (e.bucket === SOURCE || e.bucket === `${SOURCE}-dr`)).length;
    const last = report.runs[report.runs.length - 1]?.outcome;
    const perRun = report.runs.map((r) => `${r.ms.toFixed(0)} ms`).join(', ');
    const mib = (kib: number): string => (kib / 1024).toFixed(0);
    console.log(`pass: ${report.runs.length} run(s), last ${last}; wall ${(report.wallMs / 1000).toFixed(2)} s (${perRun})`);
    console.log(`requests: ${log.length} (${per1000(log.length)} per 1,000 objects)`);
    console.log(`  ListObjectsV2 pages of the two buckets ${listings} (${per1000(listings)} per 1,000 objects, floor 2.00)`);
    console.log(`  HEADs ${byOperation['HeadObject'] ?? 0}; by operation: ${JSON.stringify(byOperation)}`);
    const rss = `${mib(report.startRssKiB)} MiB after loading, peak ${mib(report.peakRssKiB)} MiB`;
    console.log(`audit function (bundle, own process) RSS: ${rss}`);
    if (emulator.admin.state().requestLog.dropped > 0) console.warn('warning: the request log overflowed; counts are short');
  } finally {
    oss.destroy();
    await emulator.stop();
  }
}
