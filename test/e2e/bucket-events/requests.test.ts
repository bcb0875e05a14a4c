/**
 * What one new tagged bucket costs through bucket-events, from the emulator's request log, on a warm
 * instance (the state-bucket check and the location table already known): the claim, the lease, the
 * three source reads on the event's region, the destination, the rule and the state writes.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import { resetStateGuard } from '../../../shared/services';
import { asBuffer, bucketCreatedEvent } from './events';
import { ALERT_SEAMS, BJ, ENSURE_SEAMS, startWorld, STATE_BUCKET, testPolicy, userBucket, type World } from './harness';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

async function deliverAndCount(policy: ReturnType<typeof testPolicy>, bucket: string): Promise<{ outcome?: string; calls: string[] }> {
  const handler = makeBucketEventsHandler(policy, {
    config: world.config(),
    ensure: ENSURE_SEAMS,
    alerts: ALERT_SEAMS,
    sink: () => undefined,
  });
  // Warm the instance: the state-bucket check and the location table (each once per instance, or per hour).
  await handler(asBuffer(bucketCreatedEvent(await userBucket(world, 'warm'))), world.context());
  await handler(asBuffer(bucketCreatedEvent(await userBucket(world, 'warm', { tag: 'dr-beijing' }))), world.context());
  world.emulator.admin.clearRequests();
  const response = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as {
    result?: { buckets: Array<{ outcome: string }> };
  };
  const calls = world.emulator.admin.requests().map((r) => `${r.operation}${r.bucket === STATE_BUCKET ? ` ${r.key?.split('/')[0]}` : ''}`);
  return { outcome: response.result?.buckets[0]?.outcome, calls: calls.sort() };
}

describe('bucket-events requests for a new tagged bucket', () => {
  it('costs 14 when the destination is created: claim, lease, 3 source reads, destination read, its record twice, PutBucket and its read-back, the rule, the first canary, the record, release', async () => {
    const bucket = await userBucket(world, 'newcost', { tag: 'dr-beijing' });
    expect(await deliverAndCount(testPolicy(), bucket)).toEqual({
      outcome: 'created',
      calls: [
        'DeleteObject leases',
        'GetBucketInfo',
        'GetBucketInfo',
        'GetBucketReplication',
        'GetBucketTags',
        'GetBucketVersioning',
        'PutBucket',
        'PutBucketReplication',
        'PutObject buckets',
        'PutObject canaries',
        'PutObject destinations',
        'PutObject destinations',
        'PutObject events',
        'PutObject leases',
      ],
    });
  });

  it('costs 11 when the destination exists already (adopted): its record is read instead of created', async () => {
    const adopting = testPolicy({
      policies: {
        'dr-beijing': {
          destination: { region: BJ, bucket: '{bucket}-dr', existing: 'adopt' },
          mode: 'crr',
          alerts: { channels: ['inbox'] },
        },
      },
    });
    const bucket = await userBucket(world, 'adoptcost', { tag: 'dr-beijing' });
    await world.oss.putBucket({ bucket: `${bucket}-dr`, region: BJ });
    expect(await deliverAndCount(adopting, bucket)).toEqual({
      outcome: 'created',
      calls: [
        'DeleteObject leases',
        'GetBucketInfo',
        'GetBucketReplication',
        'GetBucketTags',
        'GetBucketVersioning',
        'GetObject destinations',
        'PutBucketReplication',
        'PutObject buckets',
        'PutObject canaries',
        'PutObject events',
        'PutObject leases',
      ],
    });
  });
});

describe('bucket-events requests for a delivery with nothing to do', () => {
  it('costs none on a cold instance: an event of another service opens neither the state bucket nor its check', async () => {
    resetStateGuard(); // a cold instance: the state bucket not checked yet
    const handler = makeBucketEventsHandler(testPolicy(), { config: world.config(), sink: () => undefined });
    world.emulator.admin.clearRequests();
    const event = { ...bucketCreatedEvent('whatever'), type: 'ecs:Instance:Created' };
    const response = (await handler(asBuffer(event), world.context())) as { ok: boolean; result?: { ignored: number } };
    expect([response.ok, response.result?.ignored, world.emulator.admin.requests().length]).toEqual([true, 1, 0]);
  });
});
