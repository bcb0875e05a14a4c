/**
 * The e2e world for verify and monitor: a real emulator on 127.0.0.1 (two regions), a state bucket,
 * managed buckets configured by the real `ensure`, and the function handlers invoked the way FC does
 * (Buffer event, FC-like context) with a clock the test can move forward.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { compilePolicy } from '../../../shared/policy/compile';
import type { PolicyDocument } from '../../../shared/policy/types';
import { ensure } from '../../../shared/replication/ensure';
import { LocationCache } from '../../../shared/replication/locationCache';
import { readConfig, type RuntimeConfig } from '../../../shared/runtime/config';
import { getBucketState } from '../../../shared/state/bucketState';
import { readMonitoredSamples } from '../../../shared/state/monitorShards';
import type { RuleProgressSample } from '../../../shared/progress/types';
import { PENDING_CANARIES_PREFIX } from '../../../shared/state/keys';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { OssDocumentStore } from '../../../shared/state/ossDocumentStore';
import type { BucketState } from '../../../shared/state/types';

export const SOURCE_REGION = 'cn-hangzhou';
export const DEST_REGION = 'cn-beijing';
export const STATE_BUCKET = 'autopilot-state';
export const ACCOUNT = '1234567890123456';
export const CREDENTIALS = { accessKeyId: 'LTAI-e2e-watch', accessKeySecret: 'e2e-watch-secret-value' };

export const POLICY_YAML = `
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [ALL]
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    alerts: { channels: [hook, ding], maxLagSeconds: 300, stalledAfterMinutes: 10, digest: hourly }
  dr-put:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [PUT]
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    alerts: { channels: [hook], maxLagSeconds: 300, stalledAfterMinutes: 10 }
  dr-cms:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [ALL]
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    alerts: { channels: [cms], maxLagSeconds: 300, stalledAfterMinutes: 10 }
channels:
  cms: { type: cloudmonitor, region: cn-hangzhou, groupId: "77" }
  hook: { type: webhook, url: "\${env:HOOK_URL}", secret: "\${env:HOOK_SECRET}" }
  ding: { type: dingtalk, url: "\${env:DING_URL}", secret: "\${env:DING_SECRET}" }
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"] }
`;

export interface World {
  readonly emu: RunningEmulator;
  readonly oss: OssClient;
  readonly policy: PolicyDocument;
  state: OssDocumentStore;
  stateBucket: string;
  /** Switches to a new, empty state bucket (a clean slate of incidents, digests and canaries). */
  freshState(): Promise<void>;
  /** Milliseconds added to the real clock: the jobs' `now`. */
  offsetMs: number;
  now(): Date;
  config(env?: Record<string, string>): RuntimeConfig;
  context(): Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startWorld(policyYaml = POLICY_YAML): Promise<World> {
  // One shifted clock for the emulator (replication, progress, signature checks), the test's client
  // and the handlers, so moving it forward is like waiting.
  const clock = { offsetMs: 0 };
  const now = (): Date => new Date(Date.now() + clock.offsetMs);
  const emu = await startEmulator({
    clock: now,
    regions: { [SOURCE_REGION]: 0, [DEST_REGION]: 0 },
    credentials: [CREDENTIALS],
    accountId: ACCOUNT,
    ruleStartingMs: 100,
    ruleClosingMs: 100,
    replicationDelayMs: 100,
    tickMs: 20,
  });
  const oss = new OssClient({
    region: SOURCE_REGION,
    credentials: CREDENTIALS,
    endpoint: { kind: 'map', endpoints: emu.endpoints },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 3000,
    now,
  });
  await oss.putBucket({ bucket: STATE_BUCKET, region: SOURCE_REGION });
  const state = new OssDocumentStore({ oss, bucket: STATE_BUCKET, region: SOURCE_REGION });
  let n = 0;
  const world: World = {
    emu,
    oss,
    policy: compilePolicy(policyYaml),
    state,
    stateBucket: STATE_BUCKET,
    async freshState() {
      world.stateBucket = uniqueBucket('autopilot-state');
      await oss.putBucket({ bucket: world.stateBucket, region: SOURCE_REGION });
      world.state = new OssDocumentStore({ oss, bucket: world.stateBucket, region: SOURCE_REGION });
    },
    get offsetMs() {
      return clock.offsetMs;
    },
    set offsetMs(ms: number) {
      clock.offsetMs = ms;
    },
    now,
    config: (env = {}) =>
      readConfig({
        STATE_BUCKET: world.stateBucket,
        STATE_REGION: SOURCE_REGION,
        FC_REGION: SOURCE_REGION,
        OSS_ENDPOINTS: JSON.stringify(emu.endpoints),
        LOG_LEVEL: 'silent',
        ...env,
      }),
    context: () => ({
      requestId: `req-${++n}`,
      credentials: { ...CREDENTIALS },
      region: SOURCE_REGION,
      accountId: ACCOUNT,
      function: { timeout: 60 },
    }),
    stop: () => emu.stop(),
  };
  return world;
}

export function uniqueBucket(stem: string): string {
  return `${stem}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A versioned source tagged with `policy`, configured by the real ensure (rule added, first canary scheduled). */
export async function managedBucket(
  world: World,
  stem: string,
  policy = 'dr',
): Promise<{ bucket: string; destination: string; ruleId: string }> {
  const bucket = uniqueBucket(stem);
  await world.oss.putBucket({ bucket, region: SOURCE_REGION });
  await world.oss.putBucketVersioning({ bucket, region: SOURCE_REGION }, 'Enabled');
  await world.oss.putBucketTags({ bucket, region: SOURCE_REGION }, [{ key: 'replication-policy', value: policy }]);
  const result = await ensure(
    bucket,
    {
      oss: world.oss,
      policy: world.policy,
      state: world.state,
      leases: new DocumentLeaseManager(world.state),
      account: ACCOUNT,
      stateBucket: world.stateBucket,
      locationCache: new LocationCache(),
      now: () => world.now(),
    },
    { region: SOURCE_REGION },
  );
  const ruleId = result.ruleIds[0];
  if (!ruleId) throw new Error(`ensure did not add a rule: ${JSON.stringify(result.reason ?? result.outcome)}`);
  // The emulator keeps a new rule `starting` for ruleStartingMs of real time.
  await until(async () =>
    (await world.oss.getBucketReplication({ bucket, region: SOURCE_REGION })).rules.some((r) => r.id === ruleId && r.status === 'doing'),
  );
  return { bucket, destination: `${bucket}-dr`, ruleId };
}

export function bucketState(world: World, bucket: string): Promise<BucketState> {
  return getBucketState(world.state, bucket);
}

/** The progress samples the monitor keeps for the bucket (in its shard, not the bucket's document), oldest first. */
export async function monitoredSamples(world: World, bucket: string): Promise<RuleProgressSample[]> {
  return (await readMonitoredSamples(world.state, [bucket])).get(bucket) ?? [];
}

export async function pendingKeys(world: World, bucket: string): Promise<string[]> {
  return (await world.state.list(PENDING_CANARIES_PREFIX)).filter((k) => k.includes(`-${bucket}-`));
}

/** Objects (any version) under the canary folder of a bucket. */
export async function canaryObjects(world: World, bucket: string, region: string): Promise<string[]> {
  const listing = await world.oss.listObjectsV2({ bucket, region, prefix: '.replication-canary/' });
  return listing.contents.map((o) => o.key);
}

/**
 * True when the bucket holds no object version and no delete marker at all. OSS (and the emulator)
 * refuse DeleteBucket with BucketNotEmpty while any version is left, and a listing shows only current
 * versions, so deleting the bucket is the check. The bucket is gone afterwards when this returns true.
 */
export async function holdsNoVersions(world: World, bucket: string, region: string): Promise<boolean> {
  try {
    await world.oss.deleteBucket({ bucket, region });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'BucketNotEmpty') return false;
    throw error;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true (replication in the emulator is asynchronous). */
export async function until(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

export const TIMER_EVENT = (name: string): Buffer =>
  Buffer.from(JSON.stringify({ triggerTime: new Date().toISOString(), triggerName: name, payload: '' }));

/**
 * Runs verify until a new rule's canary is proven: written, its copy seen in the destination, then its
 * delete seen (the world's clock moves past each re-check), and the last run counts it verified.
 */
export async function proveCanary(world: World, verify: () => Promise<{ verified: number }>, destination: string): Promise<void> {
  await verify();
  await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
  world.offsetMs += 1_000;
  await verify();
  await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 0);
  world.offsetMs += 31_000;
  expect((await verify()).verified).toBe(1);
}
