/**
 * `npm run bench`: the whole benchmark of issue 11, one table (bench/results.json too).
 *
 * The emulator runs in a process of its own; each function runs from its built bundle in a process of
 * its own (support/functionRunner.ts), invoked with an event and an FC-like context; requests are counted
 * from the emulator's request log. In order: bundle sizes and cold starts (dist/, side by side with the
 * floor and the naive baseline), the main account at the default concurrency (counts and timings, 5 ms
 * added to every request), the same account at concurrency 1, and with `--large` the 10,000-bucket
 * account. `npm run bench -- readme` then rewrites the README's Measured table from results.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_ID, BJ, benchPolicy, functionEnv, HZ, ignoredEvent, ossClient, STATE_BUCKET, timerEvent } from './support/account';
import { commandOf, parseSuiteArgs, SUITE_USAGE, type SuiteArgs } from './support/args';
import { bundleWithPolicy, deployedFunctions, distBundles, functionNames, npmRunBuild } from './support/build';
import { buildReferenceBundles, bundleSize, measureColdStarts, type ColdStartSubject, type RequestCounter } from './support/coldStart';
import { ROOT, startEmulatorProcess, type EmulatorProcess } from './support/emulatorProcess';
import { buildRunner, fcContext } from './support/functionProcess';
import { buildRows, failedRuns } from './support/report';
import type { BenchResults } from './support/results';
import { missed, renderTable } from './support/table';
import { CONCURRENCY_ENV, runWorld, type Harness, type RunFigures, type WorldResult } from './support/world';

export const OUT = join(__dirname, '.out');
export const RESULTS = join(__dirname, 'results.json');
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

/** Request-log entries the emulator keeps: every request of the largest run (about 20 per new rule). */
export const logSizeFor = (buckets: number): number => Math.max(200_000, buckets * 40);

export async function startBenchEmulator(buckets: number): Promise<EmulatorProcess> {
  return startEmulatorProcess({
    regions: [HZ, BJ],
    accountId: ACCOUNT_ID,
    requestLogSize: logSizeFor(buckets),
    logFile: join(OUT, 'logs', 'emulator.log'),
    // Rules start, and canaries replicate, in a tenth of a second.
    flags: ['--rule-starting-ms', '100', '--replication-delay-ms', '100'],
  });
}

/** What every world needs: the emulator, the runner, the bundles built with the bench policy. */
export function makeHarness(emulator: EmulatorProcess, runner: string, bundles: Record<string, string>, buckets: number): Harness {
  return {
    emulator,
    requestLogSize: logSizeFor(buckets),
    runner,
    bundles,
    deployed: deployedFunctions(),
    logDir: join(OUT, 'logs'),
    progress,
  };
}

/** Cold starts of dist/ (what s.yaml deploys) against an account holding only the state bucket. */
export async function coldStartSubjects(emulator: EmulatorProcess, names: readonly string[]): Promise<ColdStartSubject[]> {
  const { floor, floorRequest, baseline } = await buildReferenceBundles(join(OUT, 'references'), __dirname);
  const deployed = deployedFunctions();
  const reference = (name: string, kind: ColdStartSubject['kind'], bundle: string): ColdStartSubject => ({
    name,
    kind,
    bundle,
    event: '{}',
    // The emulator's OSS port: an unsigned GET answers 403 with an XML error, a round trip like any other.
    env: { PATH: process.env.PATH ?? '', FLOOR_URL: `${emulator.endpoints[HZ]}/` },
    context: () => fcContext(name, { timeout: 60, memory: 512 }, emulator.credentials, HZ, ACCOUNT_ID),
  });
  return [
    reference('floor', 'floor', floor),
    reference('floor, one request', 'floor-request', floorRequest),
    reference('baseline', 'baseline', baseline),
    ...names.map((name): ColdStartSubject => ({
      name,
      kind: 'function',
      bundle: join(ROOT, 'dist', name, 'index.js'),
      event: name === 'bucket-events' ? ignoredEvent() : timerEvent(name),
      env: functionEnv(emulator),
      context: () => fcContext(name, deployed[name] ?? { timeout: 300, memory: 512 }, emulator.credentials, HZ, ACCOUNT_ID),
    })),
  ];
}

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SUITE_USAGE);
    return;
  }
  const args: SuiteArgs = parseSuiteArgs(argv);
  const command = commandOf(args);
  const load = loadavg();
  if (args.build) npmRunBuild();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'logs'), { recursive: true });
  const names = await functionNames();
  distBundles(names);
  progress(`${command}: building the bundles with the bench policy`);
  const bundles = await bundleWithPolicy(benchPolicy(), join(OUT, 'bundles'));
  const runner = await buildRunner(OUT);
  const emulator = await startBenchEmulator(Math.max(args.buckets, args.large ?? 0));
  try {
    // The cold starts go first, while the account holds the state bucket alone.
    await emulator.admin.reset();
    await seedStateBucket(emulator);
    progress('cold start, side by side');
    const subjects = await coldStartSubjects(emulator, names);
    const coldStart = await measureColdStarts(
      runner,
      subjects,
      args.repeats,
      join(OUT, 'logs', 'coldstart.log'),
      requestCounter(emulator),
      progress,
    );
    const baselineBytes = bundleSize('baseline', join(OUT, 'references', 'baseline')).bytes;
    const sizes = names.map((name) => bundleSize(name, join(ROOT, 'dist', name)));

    const harness = makeHarness(emulator, runner, bundles, Math.max(args.buckets, args.large ?? 0));
    const concurrency = args.concurrency !== undefined ? { concurrency: args.concurrency } : {};
    const world = { latencyMs: args.latencyMs, newBuckets: args.newBuckets };
    const main = await runWorld(harness, { label: `${args.buckets} buckets`, buckets: args.buckets, full: true, ...concurrency, ...world });
    const sequential = await runWorld(harness, {
      label: `${args.buckets} buckets, concurrency 1`,
      buckets: args.buckets,
      full: false,
      concurrency: 1,
      ...world,
    });
    let large: WorldResult | undefined;
    if (args.large !== undefined) {
      large = await runWorld(harness, { label: `${args.large} buckets`, buckets: args.large, full: true, ...concurrency, ...world });
    }
    const rows = buildRows({
      main,
      sequential,
      ...(large ? { large } : {}),
      latencyMs: args.latencyMs,
      reconcileTimeoutSeconds: harness.deployed['reconcile']?.timeout ?? 900,
      bundles: { sizes, baselineBytes },
      coldStart,
    });
    const failures = [
      ...failedRuns([main, sequential, large]),
      ...coldStart.flatMap((s) => s.failures.map((f) => `cold start ${s.name}: ${f}`)),
    ];
    const results: BenchResults = {
      schema: 1,
      command,
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, loadAverage: load },
      options: {
        buckets: args.buckets,
        latencyMs: args.latencyMs,
        repeats: args.repeats,
        ...(args.large !== undefined ? { large: args.large } : {}),
        ...concurrency,
      },
      rows,
      details: {
        concurrencyVariables: CONCURRENCY_ENV,
        failures,
        worlds: [main, sequential, large].filter((w) => w !== undefined).map(withoutResponses),
        coldStart,
        sizes,
        baselineBytes,
      },
    };
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `\n${command} (node ${process.version}, ${cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' ')})\n`,
    );
    console.log(renderTable(rows));
    const misses = missed(rows);
    console.log(
      `\n${rows.filter((r) => r.met !== undefined).length} targets, ${misses.length} missed; written to bench/results.json (npm run bench -- readme puts it in the README)`,
    );
    if (failures.length > 0) {
      console.error(`\n${failures.length} invocations failed, their figures are not to be trusted:\n${failures.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await emulator.stop();
  }
}

export function requestCounter(emulator: EmulatorProcess): RequestCounter {
  return { clear: () => emulator.admin.clearRequests(), count: async () => (await emulator.admin.requests()).length };
}

/** The functions' answers stay out of results.json (request ids, times); their figures stay in. */
function withoutResponses(w: WorldResult): unknown {
  const strip = ({ response: _response, ...figures }: RunFigures): Omit<RunFigures, 'response'> => figures;
  return {
    ...w,
    runs: w.runs.map(strip),
    verifyBusy: w.verifyBusy.map(strip),
    ...(w.verifyIdle ? { verifyIdle: strip(w.verifyIdle) } : {}),
    ...(w.bucketEvents
      ? { bucketEvents: { configuring: w.bucketEvents.configuring.map(strip), further: w.bucketEvents.further.map(strip) } }
      : {}),
  };
}

export async function seedStateBucket(emulator: EmulatorProcess): Promise<void> {
  const oss = ossClient(emulator);
  try {
    await oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  } finally {
    oss.destroy();
  }
}
