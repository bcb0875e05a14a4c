/**
 * Safe in a real account, through the real bucket-events handler against the emulator: an existing
 * destination is someone's data and is not taken over, the state bucket is never a destination, and
 * suspended versioning is refused. Every refusal is `blocked` with a reason that names the bucket and
 * what to do, and reaches the policy's alert channel; nothing is changed on anyone's bucket.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import type { BucketEventsSummary, BucketOutcome } from '../../../functions/bucket-events/job';
import type { PolicyDocument } from '../../../shared/policy/types';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { asBuffer, bucketCreatedEvent } from './events';
import {
  ALERT_SEAMS,
  BJ,
  CLOSING_MS,
  ENSURE_SEAMS,
  EventReceiver,
  HZ,
  rulesOf,
  sleep,
  startWorld,
  STATE_BUCKET,
  testPolicy,
  unique,
  userBucket,
  type World,
} from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());
beforeEach(() => world.inbox.clear());

const policy = testPolicy();
type Response = HandlerResponse<BucketEventsSummary>;

function handlerFor(doc: PolicyDocument = policy) {
  return makeBucketEventsHandler(doc, { config: world.config(), ensure: ENSURE_SEAMS, alerts: ALERT_SEAMS, sink: () => undefined });
}

async function invoke(bucket: string, doc: PolicyDocument = policy): Promise<BucketOutcome> {
  const response = (await handlerFor(doc)(asBuffer(bucketCreatedEvent(bucket)), world.context())) as Response;
  if (!response.ok) throw new Error(`handler failed: ${response.reason}`);
  return response.result.buckets[0]!;
}

/** dr-beijing with its destination block changed, compiled like the policy file. */
function withDestination(destination: Record<string, unknown>, extra: Record<string, unknown> = {}): PolicyDocument {
  return testPolicy({
    policies: {
      'dr-beijing': {
        destination: { region: BJ, bucket: '{bucket}-dr', create: true, ...destination },
        alerts: { channels: ['inbox'] },
        ...extra,
      },
    },
  });
}

const versioningOf = (bucket: string, region = BJ) => world.oss.getBucketVersioning({ bucket, region });
const keysOf = async (bucket: string, region = BJ) => (await world.oss.listObjectsV2({ bucket, region })).contents.map((o) => o.key);

/** A bucket another team made, with data in it. */
async function someonesBucket(name: string, versioning?: 'Enabled' | 'Suspended'): Promise<void> {
  await world.sdk(BJ).putBucket(name);
  if (versioning === 'Suspended') await world.sdk(BJ).putBucketVersioning(name, 'Enabled');
  if (versioning) await world.sdk(BJ).putBucketVersioning(name, versioning);
  await world.oss.putObject({ bucket: name, region: BJ, key: 'theirs/report.csv', body: 'their data' });
}

describe('bucket-events: an existing destination is not taken over', () => {
  it('refuses, from real events, a destination that someone else created: blocked DestinationNotOwned, its versioning and objects untouched', async () => {
    const data = unique('data');
    await someonesBucket(`${data}-dr`);
    const handler = handlerFor();
    const receiver = new EventReceiver(
      (event, context) => handler(event, context),
      () => world.context(),
    );
    await receiver.start();
    world.emulator.admin.subscribe({ url: receiver.url });
    try {
      await world.sdk().putBucket(data);
      await world.sdk().putBucketVersioning(data, 'Enabled');
      await world.sdk().putBucketTags(data, { 'replication-policy': 'dr-beijing' });
      await world.emulator.admin.flushEvents();
    } finally {
      world.emulator.admin.clearSubscriptions();
      await receiver.stop();
    }
    const outcomes = receiver.outcomes.flatMap((o) => {
      const response = o.value as Response;
      return o.ok && response.ok ? response.result.buckets : [];
    });
    expect(outcomes.filter((b) => b.bucket === data).map((b) => [b.outcome, b.reason])).toContainEqual(['blocked', 'DestinationNotOwned']);
    expect([await rulesOf(world, data), await versioningOf(`${data}-dr`), await keysOf(`${data}-dr`)]).toEqual([
      [],
      undefined,
      ['theirs/report.csv'],
    ]);
  });

  it('names the bucket and both ways out in the reason, and alerts the channel once', async () => {
    const data = await userBucket(world, 'named', { tag: 'dr-beijing' });
    await someonesBucket(`${data}-dr`);
    const outcome = await invoke(data);
    expect(outcome.message).toMatch(
      new RegExp(
        `${data}-dr already exists and was not created by this deployment.*choose another destination\\.bucket, or set destination\\.existing: adopt`,
      ),
    );
    expect(world.inbox.blocked()).toEqual([expect.objectContaining({ bucket: data, reason: 'DestinationNotOwned', type: 'opened' })]);
  });

  it('replicates into an existing destination when the policy says existing: adopt, leaving its versioning alone', async () => {
    const data = await userBucket(world, 'adopt', { tag: 'dr-beijing' });
    await someonesBucket(`${data}-dr`);
    const outcome = await invoke(data, withDestination({ existing: 'adopt' }));
    expect([outcome.outcome, (await rulesOf(world, data)).length, await versioningOf(`${data}-dr`)]).toEqual(['created', 1, undefined]);
  });

  it('never enables versioning on an adopted destination unless the policy sets enableVersioning', async () => {
    const data = await userBucket(world, 'adoptver', { tag: 'dr-beijing', versioned: true });
    await someonesBucket(`${data}-dr`);
    const outcome = await invoke(data, withDestination({ existing: 'adopt' }));
    expect([outcome.outcome, outcome.reason, await versioningOf(`${data}-dr`)]).toEqual(['blocked', 'VersioningMismatch', undefined]);
  });

  it('enables versioning on an adopted destination when the policy sets enableVersioning', async () => {
    const data = await userBucket(world, 'adoptenable', { tag: 'dr-beijing', versioned: true });
    await someonesBucket(`${data}-dr`);
    const outcome = await invoke(data, withDestination({ existing: 'adopt', enableVersioning: true }));
    expect([outcome.outcome, await versioningOf(`${data}-dr`)]).toEqual(['created', 'Enabled']);
  });

  it('refuses a destination it created once that was deleted and re-created by someone else since', async () => {
    const data = await userBucket(world, 'reborn', { tag: 'dr-beijing' });
    const first = await invoke(data);
    await world.oss.deleteBucketReplication({ bucket: data, region: HZ }, first.ruleIds[0]!);
    await sleep(CLOSING_MS + 150);
    await world.oss.deleteBucket({ bucket: `${data}-dr`, region: BJ });
    await sleep(1100); // OSS dates buckets to the second: the new one is born in a later second
    await someonesBucket(`${data}-dr`);
    const again = await invoke(data);
    expect([first.outcome, again.outcome, again.reason, await rulesOf(world, data)]).toEqual([
      'created',
      'blocked',
      'DestinationNotOwned',
      [],
    ]);
  });

  it('keeps using a destination it created itself after its rule was removed', async () => {
    const data = await userBucket(world, 'mine', { tag: 'dr-beijing' });
    const first = await invoke(data);
    await world.oss.deleteBucketReplication({ bucket: data, region: HZ }, first.ruleIds[0]!);
    await sleep(CLOSING_MS + 150);
    const again = await invoke(data);
    expect([first.outcome, again.outcome]).toEqual(['created', 'created']);
  });
});

describe('bucket-events: the state bucket is never a destination', () => {
  const intoState = testPolicy({
    policies: {
      'dr-beijing': {
        mode: 'any',
        destination: { region: HZ, bucket: STATE_BUCKET, create: true, enableVersioning: true },
        alerts: { channels: ['inbox'] },
      },
    },
    guardrails: { destinationRegions: [HZ, BJ], destinationBuckets: ['*'], maxChangesPerRun: 200 },
  });

  it('blocks a policy that renders the state bucket as destination with DestinationIsStateBucket, and alerts', async () => {
    const data = await userBucket(world, 'tostate', { tag: 'dr-beijing', versioned: true });
    const outcome = await invoke(data, intoState);
    expect([outcome.outcome, outcome.reason, await rulesOf(world, data)]).toEqual(['blocked', 'DestinationIsStateBucket', []]);
    expect(world.inbox.blocked()).toEqual([expect.objectContaining({ bucket: data, reason: 'DestinationIsStateBucket' })]);
  });

  it("never changes the state bucket's versioning, even when the policy enables versioning on destinations", async () => {
    const data = await userBucket(world, 'tostatever', { tag: 'dr-beijing', versioned: true });
    await invoke(data, intoState);
    expect(await versioningOf(STATE_BUCKET, HZ)).toBeUndefined();
  });
});

describe('bucket-events: suspended versioning', () => {
  it('blocks a source whose versioning is Suspended with SourceVersioningSuspended, naming the bucket and the fix', async () => {
    const data = await userBucket(world, 'suspsrc', { versioned: true });
    await world.sdk().putBucketVersioning(data, 'Suspended');
    await world.sdk().putBucketTags(data, { 'replication-policy': 'dr-beijing' });
    const outcome = await invoke(data);
    expect([outcome.outcome, outcome.reason]).toEqual(['blocked', 'SourceVersioningSuspended']);
    expect(outcome.message).toMatch(new RegExp(`source ${data} has versioning Suspended.*resume versioning on ${data}`));
  });

  it('never creates a destination for a suspended source (so never creates one and suspends it)', async () => {
    const data = await userBucket(world, 'suspnone', { versioned: true });
    await world.sdk().putBucketVersioning(data, 'Suspended');
    await world.sdk().putBucketTags(data, { 'replication-policy': 'dr-beijing' });
    await invoke(data);
    const created = world.emulator.admin.requests({ bucket: `${data}-dr`, operation: 'PutBucket' });
    expect([
      created.length,
      await world.oss.getBucketInfo({ bucket: `${data}-dr`, region: BJ }).catch((e: { code?: string }) => e.code),
    ]).toEqual([0, 'NoSuchBucket']);
  });

  it('blocks a destination whose versioning is Suspended with DestinationVersioningSuspended, leaving it suspended', async () => {
    const data = await userBucket(world, 'suspdst', { tag: 'dr-beijing', versioned: true });
    await someonesBucket(`${data}-dr`, 'Suspended');
    const outcome = await invoke(data, withDestination({ existing: 'adopt', enableVersioning: true }));
    expect([outcome.outcome, outcome.reason, await versioningOf(`${data}-dr`)]).toEqual([
      'blocked',
      'DestinationVersioningSuspended',
      'Suspended',
    ]);
  });
});
