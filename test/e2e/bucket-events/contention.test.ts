/**
 * Events under lease contention, through the real bucket-events handler against the emulator: many
 * deliveries for one bucket at once (a bucket's PutBucket, PutBucketTags and their ActionTrail twins
 * arrive together), each redelivered at once when the handler throws, as the harshest FC retry would.
 * Waiting briefly for the lease inside the invocation keeps every event within the async retries
 * s.yaml allows. Figures for the same scenario: `npm run bench -- contention`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import { bucketLeaseName } from '../../../shared/state/keys';
import { DocumentLeaseManager, OssDocumentStore } from '../../../shared/state';
import { asBuffer, bucketCreatedEvent } from './events';
import {
  activeOwned,
  ALERT_SEAMS,
  deliverConcurrently,
  ENSURE_SEAMS,
  HZ,
  startWorld,
  STATE_BUCKET,
  testPolicy,
  unique,
  userBucket,
  type World,
} from './harness';

/** bucket-events as s.yaml deploys it: its timeout and FC's async retries. */
const deployed = (
  parse(readFileSync(join(__dirname, '../../../s.yaml'), 'utf8')) as {
    resources: Record<string, { props: { timeout: number; asyncInvokeConfig: { maxAsyncRetryAttempts: number } } }>;
  }
).resources['bucket-events']!.props;
const ALLOWED_INVOCATIONS = 1 + deployed.asyncInvokeConfig.maxAsyncRetryAttempts;

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

const handler = () =>
  makeBucketEventsHandler(testPolicy(), { config: world.config(), ensure: ENSURE_SEAMS, alerts: ALERT_SEAMS, sink: () => undefined });

describe('bucket-events: 30 concurrent deliveries for one bucket', () => {
  it('acknowledges every one within the invocations s.yaml allows (1 + maxAsyncRetryAttempts), even redelivered at once', async () => {
    const bucket = await userBucket(world, 'crowd', { tag: 'dr-beijing' });
    const bodies = Array.from({ length: 30 }, () => asBuffer(bucketCreatedEvent(bucket, HZ, unique('evt'))));
    const records = await deliverConcurrently(handler(), bodies, () => world.context(deployed.timeout), {
      maxAttempts: ALLOWED_INVOCATIONS + 10,
    });
    expect(Math.max(...records.map((r) => r.attempts))).toBeLessThanOrEqual(ALLOWED_INVOCATIONS);
  }, 120_000);

  it('configures the bucket once: one created, the rest unchanged, one owned rule', async () => {
    const bucket = await userBucket(world, 'crowdonce', { tag: 'dr-beijing' });
    const bodies = Array.from({ length: 30 }, () => asBuffer(bucketCreatedEvent(bucket, HZ, unique('evt'))));
    const records = await deliverConcurrently(handler(), bodies, () => world.context(deployed.timeout), {
      maxAttempts: ALLOWED_INVOCATIONS,
    });
    const count = (outcome: string) => records.filter((r) => r.outcome === outcome).length;
    expect([count('created'), count('unchanged'), (await activeOwned(world, bucket)).length]).toEqual([1, 29, 1]);
  }, 120_000);
});

describe('bucket-events: the wait for a busy lease is bounded by the invocation', () => {
  it('stops waiting with the reserve for its own work still left, then asks FC to retry', async () => {
    const bucket = await userBucket(world, 'bounded', { tag: 'dr-beijing' });
    const leases = new DocumentLeaseManager(new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ }));
    const held = await leases.acquire(bucketLeaseName(bucket), 'a-long-ensure', 10_000);
    const started = Date.now();
    // 35 s invocation: 33 s to the deadline, of which 30 s are kept for the work after the wait.
    const code = await handler()(asBuffer(bucketCreatedEvent(bucket)), world.context(35)).then(
      () => 'acknowledged',
      (error: { code?: string }) => error.code,
    );
    const waited = Date.now() - started;
    await held!.release();
    expect([code, waited >= 2_500 && waited < 10_000]).toEqual(['BucketBusy', true]);
  }, 30_000);
});
