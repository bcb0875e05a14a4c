/**
 * `alerts/blocked.json` that cannot be read used to stop blocked-bucket alerts for good (every
 * evaluation logged "skipped" and sent nothing). Through the real bucket-events handler: it is moved
 * aside, that is alerted once, and the blocked bucket is alerted as usual.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import type { BucketEventsSummary } from '../../../functions/bucket-events/job';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { BLOCKED_ALERTS_KEY, QUARANTINE_PREFIX } from '../../../shared/state/keys';
import { OssDocumentStore } from '../../../shared/state/ossDocumentStore';
import { asBuffer, bucketCreatedEvent } from './events';
import { ALERT_SEAMS, ENSURE_SEAMS, HZ, STATE_BUCKET, startWorld, testPolicy, userBucket, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

it('moves an unreadable blocked-alert memory aside, alerts that once, and still alerts the blocked bucket', async () => {
  await world.oss.putObject({ bucket: STATE_BUCKET, region: HZ, key: BLOCKED_ALERTS_KEY, body: '{"schema":1,"incidents":[{"key":' });
  const handler = makeBucketEventsHandler(testPolicy(), {
    config: world.config(),
    ensure: ENSURE_SEAMS,
    alerts: ALERT_SEAMS,
    sink: () => undefined,
  });
  const bucket = await userBucket(world, 'nowhere', { tag: 'no-such-policy' });

  const response = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as HandlerResponse<BucketEventsSummary>;

  expect(response.ok && response.result.buckets[0]).toMatchObject({ outcome: 'blocked', reason: 'UnknownPolicy' });
  expect(world.inbox.blocked()).toEqual([expect.objectContaining({ bucket, reason: 'UnknownPolicy', type: 'opened' })]);
  const quarantine = world.inbox.received
    .flatMap((b) => b.notifications ?? [])
    .filter((n) => n.incident.kind === 'state-document-quarantined');
  expect(quarantine.map((n) => n.incident.facts['key'])).toEqual([BLOCKED_ALERTS_KEY]);
  const state = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
  expect(await state.list(QUARANTINE_PREFIX)).toEqual([expect.stringMatching(/^quarantine\/alerts\/blocked\.json\./)]);
  expect((await state.get<{ incidents: unknown[] }>(BLOCKED_ALERTS_KEY))?.value.incidents).toHaveLength(1);
});
