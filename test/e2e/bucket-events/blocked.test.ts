/**
 * Blocked ensures through the function path: the specific reason reaches the handler's result and
 * an alert reaches the policy's webhook channel; nothing is thrown and no rule is added.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import type { BucketEventsSummary } from '../../../functions/bucket-events/job';
import { makeReconcileHandler } from '../../../functions/reconcile/handler';
import type { ReconcileSummary } from '../../../functions/reconcile/job';
import type { PolicyDocument } from '../../../shared/policy/types';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { Receiver } from '../../integration/alerts/receiver';
import { cloudMonitorService } from '../../integration/alerts/services';
import { asBuffer, bucketCreatedEvent } from './events';
import { ALERT_SEAMS, BJ, ENSURE_SEAMS, HZ, rulesOf, SH, startWorld, testPolicy, unique, userBucket, type World } from './harness';

let world: World;

beforeAll(async () => {
  // Shanghai may replicate only to Hangzhou: a Shanghai bucket cannot reach the Beijing policy.
  world = await startWorld({
    replicationLocations: { [HZ]: { locations: [BJ, SH] }, [BJ]: { locations: [HZ, SH] }, [SH]: { locations: [HZ] } },
  });
});
afterAll(async () => world?.stop());
beforeEach(() => world.inbox.clear());

async function invoke(doc: PolicyDocument, bucket: string, region = HZ): Promise<HandlerResponse<BucketEventsSummary>> {
  const handler = makeBucketEventsHandler(doc, {
    config: world.config(),
    ensure: ENSURE_SEAMS,
    alerts: ALERT_SEAMS,
    sink: () => undefined,
  });
  return (await handler(asBuffer(bucketCreatedEvent(bucket, region)), world.context())) as HandlerResponse<BucketEventsSummary>;
}

/** The document as if edited by hand after compiling (the compiler refuses these combinations). */
function edited(doc: PolicyDocument, change: (d: PolicyDocument) => PolicyDocument): PolicyDocument {
  return change(JSON.parse(JSON.stringify(doc)) as PolicyDocument);
}

const policy = testPolicy();

interface Case {
  readonly reason: string;
  readonly setup: () => Promise<{ bucket: string; doc: PolicyDocument; region?: string }>;
}

const cases: Case[] = [
  {
    reason: 'RegionNotAllowed',
    setup: async () => ({
      bucket: await userBucket(world, 'guard', { tag: 'dr-beijing' }),
      doc: edited(policy, (d) => ({ ...d, guardrails: { ...d.guardrails, destinationRegions: [SH] } })),
    }),
  },
  {
    reason: 'BucketNotAllowed',
    setup: async () => ({
      bucket: await userBucket(world, 'pattern', { tag: 'dr-beijing' }),
      doc: edited(policy, (d) => ({ ...d, guardrails: { ...d.guardrails, destinationBuckets: ['*-backup'] } })),
    }),
  },
  {
    reason: 'KmsIncomplete',
    setup: async () => ({
      bucket: await userBucket(world, 'halfkms', { tag: 'dr-beijing' }),
      doc: edited(policy, (d) => ({
        ...d,
        policies: {
          ...d.policies,
          'dr-beijing': { ...d.policies['dr-beijing']!, kms: { syncRole: 'AliyunOSSRole', replicaKmsKeyId: '' } },
        },
      })),
    }),
  },
  {
    reason: 'ReplicationLocationNotAllowed',
    setup: async () => ({ bucket: await userBucket(world, 'shloc', { tag: 'dr-beijing', region: SH }), doc: policy, region: SH }),
  },
  {
    reason: 'VersioningMismatch',
    setup: async () => {
      const bucket = await userBucket(world, 'vers', { tag: 'dr-beijing' });
      await world.sdk(BJ).putBucket(`${bucket}-dr`);
      await world.sdk(BJ).putBucketVersioning(`${bucket}-dr`, 'Enabled');
      const dr = policy.policies['dr-beijing']!;
      return {
        bucket,
        doc: edited(policy, (d) => ({
          ...d,
          policies: { ...d.policies, 'dr-beijing': { ...dr, destination: { ...dr.destination, existing: 'adopt' } } },
        })),
      };
    },
  },
  {
    reason: 'SameBucket',
    setup: async () => ({
      bucket: await userBucket(world, 'same', { tag: 'self' }),
      doc: edited(policy, (d) => ({
        ...d,
        policies: {
          ...d.policies,
          self: {
            ...d.policies['dr-beijing']!,
            name: 'self',
            mode: 'any',
            destination: { ...d.policies['dr-beijing']!.destination, region: HZ, bucket: '{bucket}' },
          },
        },
        guardrails: { ...d.guardrails, destinationRegions: [HZ, BJ, SH], destinationBuckets: ['*'] },
      })),
    }),
  },
  {
    reason: 'UnknownPolicy',
    setup: async () => ({ bucket: await userBucket(world, 'unknown', { tag: 'no-such-policy' }), doc: policy }),
  },
  {
    reason: 'TooManyRules',
    setup: async () => {
      const bucket = await userBucket(world, 'full');
      for (let i = 0; i < 100; i++) {
        const destination = `${bucket}-f${i}`;
        await world.oss.putBucket({ bucket: destination, region: BJ });
        await world.oss.putBucketReplication(
          { bucket, region: HZ },
          {
            id: `manual-${i}`,
            prefixes: [],
            actions: ['ALL'],
            destination: { bucket: destination, location: `oss-${BJ}` },
            historicalObjectReplication: 'disabled',
          },
        );
      }
      await world.sdk().putBucketTags(bucket, { 'replication-policy': 'dr-beijing' });
      return { bucket, doc: policy };
    },
  },
];

describe('bucket-events: blocked buckets', () => {
  it.each(cases)('reports $reason in the result and alerts the webhook channel, adding no rule', async ({ reason, setup }) => {
    const { bucket, doc, region } = await setup();
    const before = (await rulesOf(world, bucket, region ?? HZ)).length;
    const response = await invoke(doc, bucket, region);
    expect(response.ok && response.result.buckets.map((b) => [b.outcome, b.reason])).toEqual([['blocked', reason]]);
    expect(world.inbox.blocked()).toEqual([expect.objectContaining({ bucket, reason })]);
    expect((await rulesOf(world, bucket, region ?? HZ)).length).toBe(before);
  });

  it('reports the alert delivery per channel in the result', async () => {
    const response = await invoke(policy, await userBucket(world, 'report', { tag: 'no-such-policy' }));
    expect(response.ok && response.result.alerts).toEqual([{ channel: 'inbox', ok: true }]);
  });

  it('never puts a channel secret or URL into the result when the channel cannot be resolved', async () => {
    const handler = makeBucketEventsHandler(policy, {
      config: world.config({ ALERT_URL: '' }),
      ensure: ENSURE_SEAMS,
      alerts: ALERT_SEAMS,
      sink: () => undefined,
    });
    const bucket = await userBucket(world, 'nourl', { tag: 'no-such-policy' });
    const response = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as HandlerResponse<BucketEventsSummary>;
    expect(response.ok && response.result.alerts).toEqual([{ channel: 'inbox', ok: false, code: 'ALERT_CONFIG' }]);
    expect(world.inbox.received).toHaveLength(0);
  });

  it('alerts a cloudmonitor channel too, signed with the invocation credentials', async () => {
    const secret = world.context().credentials!.accessKeySecret!;
    const cms = await new Receiver().on('/', cloudMonitorService(secret)).start();
    try {
      const doc = edited(policy, (d) => ({ ...d, channels: { ...d.channels, cms: { type: 'cloudmonitor', region: HZ } } }));
      const handler = makeBucketEventsHandler(doc, {
        config: world.config(),
        ensure: ENSURE_SEAMS,
        alerts: { ...ALERT_SEAMS, cloudMonitorEndpoint: cms.url('') },
        sink: () => undefined,
      });
      const bucket = await userBucket(world, 'cmsblock', { tag: 'no-such-policy' });
      const response = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as HandlerResponse<BucketEventsSummary>;
      expect(response.ok && [...response.result.alerts].sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
        { channel: 'cms', ok: true },
        { channel: 'inbox', ok: true },
      ]);
      expect(cms.hits('/').map((r) => new URLSearchParams(r.body).get('Action'))).toEqual(['PutCustomEvent']);
    } finally {
      await cms.close();
    }
  });

  it('sends no alert for a duplicate delivery of a blocked bucket event', async () => {
    const bucket = await userBucket(world, 'dupblock', { tag: 'no-such-policy' });
    const handler = makeBucketEventsHandler(policy, {
      config: world.config(),
      ensure: ENSURE_SEAMS,
      alerts: ALERT_SEAMS,
      sink: () => undefined,
    });
    const body = asBuffer(bucketCreatedEvent(bucket, HZ, unique('evt')));
    await handler(body, world.context());
    await handler(body, world.context());
    expect(world.inbox.blocked()).toHaveLength(1);
  });
});

async function reconcile(doc: PolicyDocument = policy): Promise<HandlerResponse<ReconcileSummary>> {
  const handler = makeReconcileHandler(doc, { config: world.config(), ensure: ENSURE_SEAMS, alerts: ALERT_SEAMS, sink: () => undefined });
  return (await handler({}, world.context())) as HandlerResponse<ReconcileSummary>;
}

describe('bucket-events: blocked incidents shared with reconcile', () => {
  const alertsFor = (bucket: string) =>
    world.inbox
      .blocked()
      .filter((x) => x.bucket === bucket)
      .map((x) => x.type);

  it('sends no alert for an event on a bucket that reconcile already alerted about', async () => {
    const bucket = await userBucket(world, 'recfirst', { tag: 'no-such-policy' });
    await reconcile();
    const response = await invoke(policy, bucket);
    expect(response.ok && response.result.buckets.map((b) => b.outcome)).toEqual(['blocked']);
    expect(alertsFor(bucket)).toEqual(['opened']);
  });

  it('reconcile sends no alert for a bucket that an event already alerted about', async () => {
    const bucket = await userBucket(world, 'evtfirst', { tag: 'no-such-policy' });
    await invoke(policy, bucket);
    await reconcile();
    expect(alertsFor(bucket)).toEqual(['opened']);
  });

  it('sends the recovery message from the event that finds the block fixed', async () => {
    const bucket = await userBucket(world, 'evtfix', { tag: 'no-such-policy' });
    await invoke(policy, bucket);
    await world.sdk().putBucketTags(bucket, { 'replication-policy': 'dr-beijing' });
    const fixed = await invoke(policy, bucket);
    expect(fixed.ok && fixed.result.buckets.map((b) => b.outcome)).toEqual(['created']);
    expect(alertsFor(bucket)).toEqual(['opened', 'resolved']);
  });
});
