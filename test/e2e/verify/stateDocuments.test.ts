/**
 * The verify job against state documents it cannot use, through the real handler and the emulator:
 * a forged pending canary never makes it delete anything but canary keys, and a corrupt document is
 * moved aside (quarantine/), alerted once, and never stops the job.
 */
import { makeVerifyHandler } from '../../../functions/verify/handler';
import { DUE_INDEX_KEY } from '../../../shared/state/keys';
import type { VerifySummary } from '../../../functions/verify/types';
import type { WebhookBody } from '../../../shared/alerts';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { bucketStateKey, pendingCanaryKey, QUARANTINE_PREFIX } from '../../../shared/state/keys';
import { Inbox } from '../monitor/inbox';
import { DEST_REGION, managedBucket, SOURCE_REGION, startWorld, TIMER_EVENT, until, type World } from './harness';

const POLICY = `
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [ALL]
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    alerts: { channels: [hook], maxLagSeconds: 300, stalledAfterMinutes: 10 }
channels:
  hook: { type: webhook, url: "\${env:HOOK_URL}", secret: "\${env:HOOK_SECRET}" }
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"] }
`;

let world: World;
let inbox: Inbox;

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(POLICY), new Inbox().start()]);
});
afterAll(async () => {
  await Promise.all([world.stop(), inbox.close()]);
});
beforeEach(async () => {
  await world.freshState();
  inbox.delivered.length = 0;
});

async function verify(): Promise<VerifySummary> {
  const handler = makeVerifyHandler(world.policy, {
    config: world.config(inbox.env()),
    now: () => world.now(),
    alerts: { retry: { maxAttempts: 1 }, timeoutMs: 2000 },
  });
  const response = (await handler(TIMER_EVENT('verify'), world.context())) as HandlerResponse<VerifySummary>;
  if (!response.ok) throw new Error(`${response.reason}: ${response.message}`);
  return response.result;
}

/** Quarantine alerts received, one entry per notification. */
function quarantineAlerts(): Array<{ summary: string; key: string }> {
  return inbox.delivered
    .flatMap((d) => (d.body as unknown as WebhookBody).notifications ?? [])
    .filter((n) => n.incident.kind === 'state-document-quarantined')
    .map((n) => ({ summary: n.incident.summary, key: String(n.incident.facts['key']) }));
}

const quarantined = async (): Promise<string[]> => world.state.list(QUARANTINE_PREFIX);

describe('verify: a forged pending canary', () => {
  it('never deletes the real object it names: the document is discarded with its reason, logged and alerted', async () => {
    const { bucket, destination, ruleId } = await managedBucket(world, 'ledger');
    await verify(); // the rule's own first canary is written: its schedule is out of the way
    const put = await world.oss.putObject({ bucket, region: SOURCE_REGION, key: 'important/ledger.db', body: 'the books' });
    await until(
      async () =>
        await world.oss.headObject({ bucket: destination, region: DEST_REGION, key: 'important/ledger.db' }).then(
          () => true,
          () => false,
        ),
    );
    const head = await world.oss.headObject({ bucket, region: SOURCE_REGION, key: 'important/ledger.db' });
    const past = new Date(world.now().getTime() - 60_000);
    const target = {
      sourceBucket: bucket,
      sourceRegion: SOURCE_REGION,
      ruleId,
      destinationBucket: destination,
      destinationRegion: DEST_REGION,
      prefixes: [],
      actions: ['ALL'],
    };
    const forged = (phase: 'copy' | 'delete', at: Date) => ({
      target,
      key: 'important/ledger.db',
      nonce: 'n',
      crc64: head.crc64,
      eTag: put.eTag,
      versionId: put.versionId,
      sourceMarkerVersionId: put.versionId,
      writtenAt: past.toISOString(),
      dueAt: at.toISOString(),
      deadlineAt: past.toISOString(),
      phase,
      attempts: 3,
    });
    await world.state.put(pendingCanaryKey(new Date(past.getTime() - 1), bucket, ruleId), forged('copy', past));
    await world.state.put(pendingCanaryKey(new Date(past.getTime() - 2), bucket, ruleId), forged('delete', past));

    const summary = await verify();

    expect(summary.errors).toBe(0);
    const source = await world.oss.getObject({ bucket, region: SOURCE_REGION, key: 'important/ledger.db' });
    const replica = await world.oss.getObject({ bucket: destination, region: DEST_REGION, key: 'important/ledger.db' });
    expect([source.body.toString(), source.versionId, replica.body.toString()]).toEqual(['the books', put.versionId, 'the books']);
    expect(await quarantined()).toHaveLength(2);
    const alerts = quarantineAlerts();
    expect(alerts).toHaveLength(2);
    expect(alerts[0]!.summary).toContain(
      `object key "important/ledger.db" is not a canary key of rule ${ruleId} (verify deletes only canary keys)`,
    );
  });
});

describe('verify: corrupt state documents', () => {
  it('moves a pending document that is not JSON aside, alerts once, and keeps working', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'garbled');
    const key = pendingCanaryKey(new Date(world.now().getTime() - 1000), bucket, ruleId);
    await world.oss.putObject({ bucket: world.stateBucket, region: SOURCE_REGION, key, body: '{"target": {"sourceBucket"' });
    const first = await verify();
    const second = await verify();
    expect([first.errors, second.errors]).toEqual([0, 0]);
    expect(first.written).toBe(1); // the rule's own first canary went ahead
    expect(await world.state.get(key)).toBeUndefined();
    expect(quarantineAlerts()).toEqual([{ summary: expect.stringContaining('(not valid JSON)'), key }]);
  });

  it('moves a due index that is not JSON aside and rebuilds it (it stopped every verify run)', async () => {
    await managedBucket(world, 'indexed');
    await world.oss.putObject({ bucket: world.stateBucket, region: SOURCE_REGION, key: DUE_INDEX_KEY, body: '{"schema":1,"next":' });
    expect((await verify()).errors).toBe(0);
    expect(await quarantined()).toEqual([expect.stringMatching(/^quarantine\/canaries\/due-index\.json\./)]);
    expect((await world.state.get<{ next: Record<string, string> }>(DUE_INDEX_KEY))?.value.next).toEqual(expect.any(Object));
    expect(quarantineAlerts().map((a) => a.key)).toEqual([DUE_INDEX_KEY]);
  });

  it('moves a bucket state of another schema aside instead of failing on it every run', async () => {
    const { bucket } = await managedBucket(world, 'future');
    await world.state.put(bucketStateKey(bucket), { schema: 9, bucket, rules: 'not understood' });
    const first = await verify();
    expect(first.errors).toBe(0);
    expect(await quarantined()).toEqual([expect.stringMatching(new RegExp(`^quarantine/buckets/${bucket}\\.json\\.`))]);
    expect(quarantineAlerts()).toEqual([{ summary: expect.stringContaining('schema 9 is not 1'), key: bucketStateKey(bucket) }]);
    expect((await verify()).errors).toBe(0);
    expect(quarantineAlerts()).toHaveLength(1);
  });
});
