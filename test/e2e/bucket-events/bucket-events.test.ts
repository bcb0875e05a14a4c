/**
 * bucket-events end to end: the emulator publishes real CloudEvents for buckets that ali-oss
 * creates and tags; a local receiver invokes the real handler with each body as a Buffer.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import type { BucketEventsSummary } from '../../../functions/bucket-events/job';
import { makeReconcileHandler } from '../../../functions/reconcile/handler';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { bucketLeaseName } from '../../../shared/state/keys';
import { DocumentLeaseManager, OssDocumentStore } from '../../../shared/state';
import { claimEvent } from '../../../shared/state/dedupe';
import { isBucketTrigger, parseBucketEvents } from '../../../shared/runtime/events';
import { asBuffer, bucketCreatedEvent } from './events';
import {
  activeOwned,
  ALERT_SEAMS,
  BJ,
  ENSURE_SEAMS,
  EventReceiver,
  HZ,
  rulesOf,
  sleep,
  startWorld,
  STATE_BUCKET,
  testPolicy,
  userBucket,
  waitFor,
  type World,
} from './harness';

const policy = testPolicy();
let world: World;
let receiver: EventReceiver;

type Response = HandlerResponse<BucketEventsSummary>;
const handlerFor = (world: World, doc = policy) =>
  makeBucketEventsHandler(doc, { config: world.config(), ensure: ENSURE_SEAMS, alerts: ALERT_SEAMS, sink: () => undefined });

beforeAll(async () => {
  world = await startWorld();
  const handler = handlerFor(world);
  receiver = new EventReceiver(
    (event, context) => handler(event, context),
    () => world.context(),
  );
  await receiver.start();
});

afterAll(async () => {
  await receiver?.stop();
  await world?.stop();
});

/** Subscribes the receiver for the duration of `act`, then waits for every delivery to finish. */
async function withEvents(act: () => Promise<void>): Promise<void> {
  world.emulator.admin.subscribe({ url: receiver.url });
  try {
    await act();
    await world.emulator.admin.flushEvents();
  } finally {
    world.emulator.admin.clearSubscriptions();
  }
}

describe('bucket-events: configure from real events', () => {
  it('gives a bucket tagged by ali-oss a rule matching the policy field by field', async () => {
    let bucket = '';
    await withEvents(async () => void (bucket = await userBucket(world, 'photos', { tag: 'dr-beijing' })));
    const rules = await activeOwned(world, bucket);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      prefixes: [],
      actions: ['ALL'],
      destination: { bucket: `${bucket}-dr`, location: `oss-${BJ}` },
      historicalObjectReplication: 'enabled',
    });
    expect(rules[0]!.id).toMatch(/^autopilot-dr-beijing-/);
  });

  it('configures a bucket whose event names the wrong region, from the location the bucket itself reports', async () => {
    const bucket = await userBucket(world, 'misregion', { tag: 'dr-beijing' });
    const response = (await handlerFor(world)(asBuffer(bucketCreatedEvent(bucket, BJ)), world.context())) as Response;
    expect([response.ok && response.result.buckets[0]?.outcome, (await activeOwned(world, bucket)).length]).toEqual(['created', 1]);
  });

  it('replicates an object written after the rule to the destination', async () => {
    let bucket = '';
    await withEvents(async () => void (bucket = await userBucket(world, 'later', { tag: 'dr-beijing' })));
    await waitFor(async () => ((await activeOwned(world, bucket))[0]?.status === 'doing' ? true : undefined), 5000, 'rule doing');
    await world.sdk(HZ, bucket).put('after/rule.txt', Buffer.from('written after the rule'));
    const copy = await waitFor(async () => (await world.sdk(BJ, `${bucket}-dr`).get('after/rule.txt')).content, 5000, 'replica');
    expect(copy.toString('utf8')).toBe('written after the rule');
  });

  it('skips an untagged new bucket with NoPolicyTag and configures it when the tag event arrives', async () => {
    const handler = handlerFor(world);
    const bucket = await userBucket(world, 'late-tag');
    const first = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as Response;
    await world.sdk().putBucketTags(bucket, { 'replication-policy': 'dr-beijing' });
    const second = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as Response;
    expect(first.ok && first.result.buckets[0]).toMatchObject({ outcome: 'skipped', reason: 'NoPolicyTag' });
    expect(second.ok && second.result.buckets[0]).toMatchObject({ outcome: 'created' });
  });
});

/** Invokes until acknowledged, as FC retries an async invocation that threw. */
async function invokeUntilAcknowledged(
  handler: ReturnType<typeof handlerFor>,
  body: Buffer,
): Promise<{ response: Response; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { response: (await handler(body, world.context())) as Response, attempts: attempt };
    } catch (error) {
      if (attempt >= 30) throw error;
      await sleep(20 + Math.random() * 30);
    }
  }
}

describe('bucket-events: duplicates and races', () => {
  it('leaves exactly one owned rule after 20 duplicate, shuffled deliveries invoked concurrently', async () => {
    const captured: Buffer[] = [];
    const capture = new EventReceiver(
      async (event) => void captured.push(event as Buffer),
      () => world.context(),
    );
    await capture.start();
    world.emulator.admin.subscribe({ url: capture.url });
    const bucket = await userBucket(world, 'dupes', { tag: 'dr-beijing' });
    await world.emulator.admin.flushEvents();
    world.emulator.admin.clearSubscriptions();
    await capture.stop();
    const mine = captured.filter((b) => b.toString('utf8').includes(bucket));
    const deliveries = Array.from({ length: 20 }, (_, i) => mine[i % mine.length]!).sort(() => Math.random() - 0.5);
    const handler = handlerFor(world);
    const done = await Promise.all(deliveries.map((body) => invokeUntilAcknowledged(handler, body)));
    const outcomes = done.flatMap((d) => (d.response.ok ? d.response.result.buckets.map((b) => b.outcome) : []));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate').length).toBeGreaterThanOrEqual(20 - mine.length);
    expect(await activeOwned(world, bucket)).toHaveLength(1);
  });

  it('leaves exactly one owned rule when an event races a reconcile run', async () => {
    const bucket = await userBucket(world, 'race', { tag: 'dr-beijing' });
    const events = handlerFor(world);
    const reconcile = makeReconcileHandler(policy, {
      config: world.config(),
      ensure: ENSURE_SEAMS,
      alerts: ALERT_SEAMS,
      sink: () => undefined,
    });
    await Promise.all([
      invokeUntilAcknowledged(events, asBuffer(bucketCreatedEvent(bucket))),
      reconcile({}, world.context()),
      reconcile({}, world.context()),
    ]);
    expect(await activeOwned(world, bucket)).toHaveLength(1);
  });
});

describe('bucket-events: an invocation that died mid-work', () => {
  const claimed = async (event: object, until: Date): Promise<void> => {
    const [trigger] = parseBucketEvents(event).filter(isBucketTrigger);
    await claimEvent(
      new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ }),
      trigger!.eventId,
      new Date(until.getTime() - 60_000),
      until,
    );
  };

  it('processes the retry of an event whose claim outlived the invocation that made it', async () => {
    const bucket = await userBucket(world, 'died', { tag: 'dr-beijing' });
    const event = bucketCreatedEvent(bucket);
    await claimed(event, new Date(Date.now() - 1000));
    const retried = (await handlerFor(world)(asBuffer(event), world.context())) as Response;
    expect([retried.ok && retried.result.buckets[0]?.outcome, (await activeOwned(world, bucket)).length]).toEqual(['created', 1]);
  });

  it('acknowledges as a duplicate a delivery that arrives while another invocation still holds the claim', async () => {
    const bucket = await userBucket(world, 'claimed', { tag: 'dr-beijing' });
    const event = bucketCreatedEvent(bucket);
    await claimed(event, new Date(Date.now() + 60_000));
    const response = (await handlerFor(world)(asBuffer(event), world.context())) as Response;
    expect(response.ok && response.result.buckets[0]?.outcome).toBe('duplicate');
  });

  it('acknowledges as a duplicate a redelivery of an event that was processed to the end', async () => {
    const bucket = await userBucket(world, 'finished', { tag: 'dr-beijing' });
    const event = bucketCreatedEvent(bucket);
    await handlerFor(world)(asBuffer(event), world.context(30));
    // Five minutes on, far past the first invocation's 30 s claim: only a completed record keeps it a duplicate.
    const later = makeBucketEventsHandler(policy, {
      config: world.config(),
      ensure: ENSURE_SEAMS,
      alerts: ALERT_SEAMS,
      sink: () => undefined,
      now: () => new Date(Date.now() + 300_000),
    });
    const again = (await later(asBuffer(event), world.context())) as Response;
    expect(again.ok && again.result.buckets[0]?.outcome).toBe('duplicate');
  });
});

describe('bucket-events: busy buckets', () => {
  const holdLease = async (bucket: string) => {
    const leases = new DocumentLeaseManager(new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ }));
    return (await leases.acquire(bucketLeaseName(bucket), 'another-invocation', 10_000))!;
  };

  it('throws a retryable error when the lease stays held for all the time it may wait, and the retry of the same event is processed', async () => {
    const bucket = await userBucket(world, 'busy', { tag: 'dr-beijing' });
    const held = await holdLease(bucket);
    const body = asBuffer(bucketCreatedEvent(bucket));
    const handler = handlerFor(world);
    // A 30 s invocation keeps all of its time for the work after a wait: it may not wait at all.
    const busy = await handler(body, world.context(30)).then(
      () => 'acknowledged',
      (error: { code?: string }) => error.code,
    );
    await held.release();
    const retried = (await handler(body, world.context())) as Response;
    expect(busy).toBe('BucketBusy');
    expect(retried.ok && retried.result.buckets[0]).toMatchObject({ outcome: 'created' });
  });

  it('waits for a lease released within its wait and processes the event in the same invocation', async () => {
    const bucket = await userBucket(world, 'waits', { tag: 'dr-beijing' });
    const held = await holdLease(bucket);
    setTimeout(() => void held.release(), 500);
    const response = (await handlerFor(world)(asBuffer(bucketCreatedEvent(bucket)), world.context())) as Response;
    expect(response.ok && response.result.buckets[0]).toMatchObject({ outcome: 'created' });
  });
});

describe('bucket-events: events that are not triggers', () => {
  it('acknowledges a body that is not JSON with reason InvalidEvent instead of throwing', async () => {
    const response = (await handlerFor(world)(Buffer.from('not json {'), world.context())) as Response;
    expect(response).toMatchObject({ ok: false, reason: 'InvalidEvent' });
  });

  it('acknowledges an event of another service as ignored OtherService', async () => {
    const event = { ...bucketCreatedEvent('whatever'), type: 'ecs:Instance:Created' };
    const response = (await handlerFor(world)(asBuffer(event), world.context())) as Response;
    expect(response.ok && [response.result.ignored, response.result.ignoredReasons]).toEqual([1, ['OtherService']]);
  });

  it('acknowledges an event whose call failed (errorCode set) as ignored FailedCall', async () => {
    const base = bucketCreatedEvent('whatever');
    const event = { ...base, data: { ...(base.data as object), errorCode: 'AccessDenied' } };
    const response = (await handlerFor(world)(asBuffer(event), world.context())) as Response;
    expect(response.ok && [response.result.ignored, response.result.ignoredReasons, response.result.buckets]).toEqual([
      1,
      ['FailedCall'],
      [],
    ]);
  });

  it('handles a batch: configures the triggers and counts the ignored items', async () => {
    const bucket = await userBucket(world, 'batch', { tag: 'dr-beijing' });
    const batch = [bucketCreatedEvent(bucket), { ...bucketCreatedEvent('x'), type: 'ecs:Instance:Created' }, 42];
    const response = (await handlerFor(world)(asBuffer(batch), world.context())) as Response;
    expect(response.ok && [response.result.ignored, response.result.buckets.map((b) => b.outcome)]).toEqual([2, ['created']]);
    expect(await rulesOf(world, bucket)).toHaveLength(1);
  });
});
