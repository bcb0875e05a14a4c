/**
 * Create-only writes (leases, event dedupe) hold only on a state bucket that was never versioned.
 * Every function, through its real handler against the emulator, refuses a versioned, missing or
 * unreadable state bucket with a specific permanent error (returned, never thrown into FC's retries),
 * writes nothing there, and alerts once; so do the CLI's apply and audit.
 */
import { makeAuditHandler } from '../../../functions/audit/handler';
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import { makeMonitorHandler } from '../../../functions/monitor/handler';
import { makeReconcileHandler } from '../../../functions/reconcile/handler';
import { makeVerifyHandler } from '../../../functions/verify/handler';
import { runCli } from '../../../cli/run';
import { captureIo } from '../../../cli/io';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { resetStateGuard } from '../../../shared/services/stateGuard';
import { OssDocumentStore } from '../../../shared/state/ossDocumentStore';
import { asBuffer, bucketCreatedEvent } from './events';
import { ALERT_SEAMS, ENSURE_SEAMS, HZ, startWorld, testPolicy, unique, userBucket, type World } from './harness';

let world: World;
const policy = testPolicy();

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());
beforeEach(() => {
  world.inbox.clear();
  world.emulator.admin.clearFaults();
});

type Invoke = (stateBucket: string) => Promise<HandlerResponse<unknown>>;

/** The timer jobs' alert delivery: one quick attempt, so a refusal is not slowed by retries. */
const TIMER_ALERTS = { timeoutMs: 2000, retry: { maxAttempts: 1 } };

/** Each function's handler, invoked the way FC does, with `stateBucket` as STATE_BUCKET. */
const FUNCTIONS: Array<[string, Invoke]> = [
  [
    'bucket-events',
    async (b) =>
      makeBucketEventsHandler(policy, {
        config: world.config({ STATE_BUCKET: b }),
        ensure: ENSURE_SEAMS,
        alerts: ALERT_SEAMS,
        sink: () => undefined,
      })(asBuffer(bucketCreatedEvent(await userBucket(world, 'src', { tag: 'dr-beijing' }))), world.context()),
  ],
  [
    'reconcile',
    (b) =>
      makeReconcileHandler(policy, {
        config: world.config({ STATE_BUCKET: b }),
        ensure: ENSURE_SEAMS,
        alerts: ALERT_SEAMS,
        sink: () => undefined,
      })({}, world.context()),
  ],
  [
    'verify',
    (b) =>
      makeVerifyHandler(policy, { config: world.config({ STATE_BUCKET: b }), alerts: ALERT_SEAMS, sink: () => undefined })(
        {},
        world.context(),
      ),
  ],
  [
    'monitor',
    (b) =>
      makeMonitorHandler(policy, {
        config: world.config({ STATE_BUCKET: b }),
        alerts: TIMER_ALERTS,
        sink: () => undefined,
      })({}, world.context()),
  ],
  [
    'audit',
    (b) =>
      makeAuditHandler(policy, {
        config: world.config({ STATE_BUCKET: b }),
        alerts: TIMER_ALERTS,
        sink: () => undefined,
      })({}, world.context()),
  ],
];

const unusableAlerts = (): string[] =>
  world.inbox.received
    .flatMap((b) => b.notifications ?? [])
    .filter((n) => n.incident.kind === 'state-bucket-unusable')
    .map((n) => n.incident.summary);

async function versionedStateBucket(): Promise<string> {
  const bucket = unique('state-versioned');
  await world.sdk().putBucket(bucket);
  await world.sdk().putBucketVersioning(bucket, 'Enabled');
  return bucket;
}

describe('a versioned state bucket', () => {
  it.each(FUNCTIONS)(
    '%s refuses it with StateBucketVersioned, naming the bucket and the fix, without asking FC to retry',
    async (_name, invoke) => {
      const bucket = await versionedStateBucket();
      const response = await invoke(bucket);
      expect(response).toMatchObject({ ok: false, reason: 'StateBucketVersioned' });
      const message = (response as { message: string }).message;
      expect(message).toContain(`state bucket ${bucket} (${HZ}) has versioning Enabled`);
      expect(message).toContain('Create a new bucket that has never been versioned');
      expect(message).toContain('deploy/README.md');
    },
  );

  it('gets one alert from all functions together, across warm instances, and nothing but that record is written there', async () => {
    const bucket = await versionedStateBucket();
    for (const [, invoke] of FUNCTIONS) {
      resetStateGuard(); // each function its own fresh instance
      await invoke(bucket);
      await invoke(bucket);
    }
    expect(unusableAlerts()).toEqual([expect.stringContaining(`state bucket ${bucket}`)]);
    const state = new OssDocumentStore({ oss: world.oss, bucket, region: HZ });
    expect(await state.list('')).toEqual(['alerts/state-bucket.json']);
  });
});

describe('a state bucket that is missing or unreadable', () => {
  it.each(FUNCTIONS)('%s refuses a missing one with StateBucketNotFound', async (_name, invoke) => {
    const bucket = unique('state-missing');
    const response = await invoke(bucket);
    expect(response).toMatchObject({ ok: false, reason: 'StateBucketNotFound' });
    expect((response as { message: string }).message).toContain(`state bucket ${bucket} does not exist in ${HZ}: create it`);
  });

  it('alerts a missing one once per warm instance (it can hold no record of having alerted)', async () => {
    const bucket = unique('state-missing');
    const [, events] = FUNCTIONS[0]!;
    const [, verify] = FUNCTIONS[2]!;
    await events(bucket);
    await verify(bucket);
    expect(unusableAlerts()).toHaveLength(1);
    resetStateGuard();
    await verify(bucket);
    expect(unusableAlerts()).toHaveLength(2);
  });

  it('refuses one the role may not read with StateBucketUnreadable', async () => {
    const bucket = unique('state-denied');
    await world.sdk().putBucket(bucket);
    world.emulator.admin.addFault({ operation: 'GetBucketVersioning', bucket, errorCode: 'AccessDenied', errorStatus: 403 });
    const [, verify] = FUNCTIONS[2]!;
    const response = await verify(bucket);
    expect(response).toMatchObject({ ok: false, reason: 'StateBucketUnreadable' });
    expect((response as { message: string }).message).toContain('GetBucketVersioning answered AccessDenied (403)');
  });

  it('asks FC to retry when the check meets a transient error', async () => {
    const bucket = unique('state-busy');
    await world.sdk().putBucket(bucket);
    world.emulator.admin.addFault({ operation: 'GetBucketVersioning', bucket, errorCode: 'ServiceUnavailable', errorStatus: 503 });
    const [, verify] = FUNCTIONS[2]!;
    await expect(verify(bucket)).rejects.toMatchObject({ name: 'InvocationRetryError' });
  });

  it('checks a usable bucket once per warm instance', async () => {
    const bucket = unique('state-good');
    await world.sdk().putBucket(bucket);
    const [, verify] = FUNCTIONS[2]!;
    await verify(bucket);
    await verify(bucket);
    expect(world.emulator.admin.requests({ operation: 'GetBucketVersioning', bucket })).toHaveLength(1);
  });
});

describe('the CLI commands that write state', () => {
  it.each([
    ['apply', ['apply', '--yes']],
    ['audit', ['audit', '--bucket', 'any-source']],
  ])('%s refuses a versioned state bucket before anything else', async (_name, argv) => {
    const bucket = await versionedStateBucket();
    const credentials = world.emulator.credentials[0]!;
    const io = captureIo(
      { ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret },
      {},
    );
    const emulator = Object.entries(world.emulator.endpoints)
      .map(([r, u]) => `${r}=${u}`)
      .join(',');
    const since = world.emulator.admin.requests().length;
    const code = await runCli([...argv, '--emulator', emulator, '--state-bucket', bucket], io);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toContain(`StateBucketVersioned: state bucket ${bucket} (${HZ}) has versioning Enabled`);
    expect(
      world.emulator.admin
        .requests()
        .slice(since)
        .map((r) => r.operation),
    ).toEqual(['GetBucketVersioning']);
  });
});
