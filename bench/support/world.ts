/**
 * One measured account ("world"): the emulator is reset, N buckets are seeded, and the real bundles run
 * in their own processes in the order a deployment would: reconcile creates the rules, then runs in
 * steady state; monitor runs twice; verify runs until its canaries are done; bucket-events handles the
 * events of a few new buckets. Each invocation is counted from the emulator's request log (cleared
 * before it, read after it) and timed inside its process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { RequestLogEntry } from '../../local/emulator';
import {
  ACCOUNT_ID,
  CANARY_DELAY_SECONDS,
  EventInbox,
  functionEnv,
  HZ,
  NAME_PATTERN,
  newBucketName,
  ossClient,
  POLICY_NAME,
  seedAccount,
  STATE_BUCKET,
  TAG_KEY,
  timerEvent,
  type Account,
} from './account';
import type { EmulatorProcess } from './emulatorProcess';
import { fcContext, FunctionInstance, type Invocation } from './functionProcess';
import { attribute, steadyStateCost, type SteadyStateCost } from './requestCounts';

/**
 * The variables the functions read their concurrency from (issue 11). One place, so that a rename at
 * merge time is one edit; a function missing here gets no variable.
 */
export const CONCURRENCY_ENV: Readonly<Record<string, string>> = {
  reconcile: 'RECONCILE_CONCURRENCY',
  monitor: 'MONITOR_CONCURRENCY',
  verify: 'VERIFY_CONCURRENCY',
};

export interface Harness {
  readonly emulator: EmulatorProcess;
  readonly requestLogSize: number;
  readonly runner: string;
  /** Function name -> index.js built with the bench policy. */
  readonly bundles: Readonly<Record<string, string>>;
  readonly deployed: Readonly<Record<string, { readonly timeout: number; readonly memory: number }>>;
  readonly logDir: string;
  readonly progress: (line: string) => void;
}

export interface WorldOptions {
  readonly label: string;
  readonly buckets: number;
  /** Undefined: each function's default (no variable set). */
  readonly concurrency?: number;
  readonly latencyMs: number;
  /**
   * Everything (counts and timings) under latency, the verify cycle and bucket-events; otherwise only
   * the runs the concurrency comparison times (reconcile and monitor in steady state, verify writing
   * canaries) are run under latency, after a setup without it.
   */
  readonly full: boolean;
  /** New buckets delivered to bucket-events (full worlds). */
  readonly newBuckets?: number;
}

export interface RunFigures {
  readonly fn: string;
  readonly label: string;
  readonly ok: boolean;
  readonly wallMs: number;
  readonly requests: number;
  readonly maxRssKib: number;
  readonly byOperation: Readonly<Record<string, number>>;
  readonly response?: unknown;
  readonly thrown?: string;
}

export interface BucketEventsFigures {
  /** Requests of the event that configured each new bucket; the first is a cold instance's. */
  readonly configuring: readonly RunFigures[];
  /** Requests of every further event for the same buckets (already configured). */
  readonly further: readonly RunFigures[];
}

export interface WorldResult {
  readonly options: WorldOptions;
  readonly tagged: number;
  readonly untagged: number;
  /** Replication rules on the account's buckets after the first reconcile run. */
  readonly rules: number;
  readonly runs: readonly RunFigures[];
  readonly reconcileSteady: SteadyStateCost;
  readonly verifyBusy: readonly RunFigures[];
  readonly verifyIdle?: RunFigures;
  readonly bucketEvents?: BucketEventsFigures;
}

const byLabel = (runs: readonly RunFigures[], fn: string, label: string): RunFigures | undefined =>
  runs.find((r) => r.fn === fn && r.label === label);

export function findRun(result: WorldResult, fn: string, label: string): RunFigures | undefined {
  return byLabel(result.runs, fn, label);
}

class World {
  readonly runs: RunFigures[] = [];
  constructor(
    private readonly h: Harness,
    private readonly options: WorldOptions,
  ) {}

  env(fn: string): Record<string, string> {
    const variable = CONCURRENCY_ENV[fn];
    return {
      ...functionEnv(this.h.emulator),
      ...(variable && this.options.concurrency !== undefined ? { [variable]: String(this.options.concurrency) } : {}),
    };
  }

  async instance(fn: string): Promise<FunctionInstance> {
    const bundle = this.h.bundles[fn];
    if (!bundle) throw new Error(`no bundle for ${fn}`);
    return FunctionInstance.start(this.h.runner, bundle, this.env(fn), join(this.h.logDir, `${this.options.label}-${fn}.log`));
  }

  /** One invocation on `instance`, counted from the emulator's request log (returned too). */
  async counted(
    instance: FunctionInstance,
    fn: string,
    label: string,
    event: string,
  ): Promise<{ figures: RunFigures; log: RequestLogEntry[] }> {
    const { emulator } = this.h;
    await emulator.admin.clearRequests();
    const context = fcContext(fn, this.h.deployed[fn] ?? { timeout: 300, memory: 512 }, emulator.credentials, HZ, ACCOUNT_ID);
    const invocation: Invocation = await instance.invoke(event, context);
    const log: RequestLogEntry[] = await emulator.admin.requests();
    if (log.length >= this.h.requestLogSize) throw new Error(`${fn} ${label}: the request log (${this.h.requestLogSize}) overflowed`);
    const figures: RunFigures = {
      fn,
      label,
      ok: invocation.ok,
      wallMs: invocation.wallMs,
      requests: log.length,
      maxRssKib: invocation.maxRssKib,
      byOperation: attribute(log, { stateBucket: STATE_BUCKET, namePattern: NAME_PATTERN }).byOperation,
      response: invocation.response,
      ...(invocation.thrown ? { thrown: invocation.thrown } : {}),
    };
    this.runs.push(figures);
    const status = invocation.ok ? '' : ` NOT OK: ${invocation.thrown ?? JSON.stringify(invocation.response).slice(0, 300)}`;
    this.h.progress(`  ${this.options.label} ${fn} ${label}: ${log.length} requests, ${(invocation.wallMs / 1000).toFixed(2)} s${status}`);
    return { figures, log };
  }

  /** A run in a fresh (cold) instance, as a timer invocation usually is. */
  async run(fn: string, label: string, event = timerEvent(fn)): Promise<{ figures: RunFigures; log: RequestLogEntry[] }> {
    const instance = await this.instance(fn);
    try {
      return await this.counted(instance, fn, label, event);
    } finally {
      await instance.stop();
    }
  }

  async latency(on: boolean): Promise<void> {
    if (on && this.options.latencyMs > 0) await this.h.emulator.admin.addFault({ latencyMs: this.options.latencyMs });
    else await this.h.emulator.admin.clearFaults();
  }
}

async function countRules(h: Harness): Promise<number> {
  const state = await h.emulator.admin.state();
  return state.buckets
    .filter((b) => NAME_PATTERN.test(b.name))
    .reduce((n, b) => n + b.rules.filter((r) => r.status !== 'closing').length, 0);
}

/** Nothing due, written or waiting: the run found no canary work. */
function verifyIdle(response: unknown): boolean {
  const s = (response as { result?: { due?: number; written?: number; waiting?: number } } | undefined)?.result;
  return s !== undefined && (s.due ?? 0) + (s.written ?? 0) + (s.waiting ?? 0) === 0;
}

/** Reconcile in steady state, its requests charged to buckets (requestCounts.ts). */
async function steadyReconcile(world: World, account: Account): Promise<SteadyStateCost> {
  const { log } = await world.run('reconcile', 'steady state');
  return steadyStateCost(attribute(log, { stateBucket: STATE_BUCKET, namePattern: NAME_PATTERN }), account);
}

async function verifyCycle(world: World): Promise<{ busy: RunFigures[]; idle?: RunFigures }> {
  const busy: RunFigures[] = [];
  for (let i = 1; i <= 8; i++) {
    const { figures } = await world.run('verify', i === 1 ? 'writes canaries' : `run ${i}`);
    if (verifyIdle(figures.response)) return { busy, idle: figures };
    busy.push(figures);
    // Each canary step is due one delay after the previous one.
    await sleep(CANARY_DELAY_SECONDS * 1000 + 300);
  }
  return { busy };
}

async function newBuckets(world: World, h: Harness, count: number): Promise<BucketEventsFigures> {
  const inbox = new EventInbox();
  const oss = ossClient(h.emulator);
  await h.emulator.admin.subscribe(await inbox.start());
  const instance = await world.instance('bucket-events');
  const configuring: RunFigures[] = [];
  const further: RunFigures[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const bucket = newBucketName(k);
      await oss.putBucket({ bucket, region: HZ });
      await oss.putBucketTags({ bucket, region: HZ }, [{ key: TAG_KEY, value: POLICY_NAME }]);
      await h.emulator.admin.flushEvents();
      const [first, ...rest] = inbox.eventsFor(bucket);
      if (!first) throw new Error(`the emulator sent no event for ${bucket}`);
      const label = k === 0 ? 'new bucket, cold instance' : 'new bucket, warm instance';
      configuring.push((await world.counted(instance, 'bucket-events', label, first)).figures);
      for (const event of rest) further.push((await world.counted(instance, 'bucket-events', 'further event, same bucket', event)).figures);
    }
  } finally {
    await instance.stop();
    await h.emulator.admin.clearSubscriptions();
    await inbox.stop();
    oss.destroy();
  }
  return { configuring, further };
}

export async function runWorld(h: Harness, options: WorldOptions): Promise<WorldResult> {
  const world = new World(h, options);
  await h.emulator.admin.reset();
  await h.emulator.admin.clearFaults();
  const oss = ossClient(h.emulator);
  h.progress(`${options.label}: seeding ${options.buckets} buckets`);
  const account = await seedAccount(oss, options.buckets).finally(() => oss.destroy());
  try {
    if (options.full) await world.latency(true);
    await world.run('reconcile', 'first run');
    const rules = await countRules(h);
    await world.run('monitor', 'first run');
    if (!options.full) await world.latency(true);
    const reconcileSteady = await steadyReconcile(world, account);
    await world.run('monitor', 'steady state');
    let verify: { busy: RunFigures[]; idle?: RunFigures } = { busy: [] };
    let bucketEvents: BucketEventsFigures | undefined;
    if (options.full) {
      verify = await verifyCycle(world);
      bucketEvents = await newBuckets(world, h, options.newBuckets ?? 5);
    } else {
      verify.busy.push((await world.run('verify', 'writes canaries')).figures);
    }
    return {
      options,
      tagged: account.tagged.size,
      untagged: account.untagged.size,
      rules,
      runs: world.runs,
      reconcileSteady,
      verifyBusy: verify.busy,
      ...(verify.idle ? { verifyIdle: verify.idle } : {}),
      ...(bucketEvents ? { bucketEvents } : {}),
    };
  } finally {
    await world.latency(false);
  }
}

/** Reconcile alone on a fresh account (`npm run bench -- reconcile`): its first run, then its steady state. */
export async function runReconcileOnly(
  h: Harness,
  options: WorldOptions,
): Promise<{ account: Account; first: RunFigures; steady: RunFigures; cost: SteadyStateCost }> {
  const world = new World(h, options);
  await h.emulator.admin.reset();
  await h.emulator.admin.clearFaults();
  const oss = ossClient(h.emulator);
  const account = await seedAccount(oss, options.buckets).finally(() => oss.destroy());
  try {
    await world.latency(true);
    const first = (await world.run('reconcile', 'first run')).figures;
    const { figures: steady, log } = await world.run('reconcile', 'steady state');
    const cost = steadyStateCost(attribute(log, { stateBucket: STATE_BUCKET, namePattern: NAME_PATTERN }), account);
    return { account, first, steady, cost };
  } finally {
    await world.latency(false);
  }
}
