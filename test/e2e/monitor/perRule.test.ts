/**
 * The monitor reads progress the way the current API reference asks for it: one
 * GetBucketReplicationProgress per owned rule, with `rule-id` (the emulator refuses a request
 * without it, as OSS now may). A bucket carries two owned rules (two policies named in its tag) and
 * one foreign rule; the emulator's request log shows what the real monitor handler asked.
 */
import { DEST_REGION, managedBucket, SOURCE_REGION, startWorld, uniqueBucket, type World } from '../verify/harness';
import { Inbox } from './inbox';
import { timerJobs } from './jobs';

const POLICY = `
version: 1
policies:
  dr-a:
    destination: { region: cn-beijing, bucket: "{bucket}-a", create: true }
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    alerts: { channels: [hook], maxLagSeconds: 300, stalledAfterMinutes: 10 }
  dr-b:
    destination: { region: cn-beijing, bucket: "{bucket}-b", create: true }
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    alerts: { channels: [hook], maxLagSeconds: 300, stalledAfterMinutes: 10 }
channels:
  hook: { type: webhook, url: "\${env:HOOK_URL}", secret: "\${env:HOOK_SECRET}" }
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-a", "*-b"] }
`;

let world: World;
let inbox: Inbox;
const monitor = () => timerJobs(world, inbox).monitor();

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(POLICY), new Inbox().start()]);
});
afterAll(async () => {
  await Promise.all([world.stop(), inbox.close()]);
});
beforeEach(async () => {
  await world.freshState();
});

/** A bucket with rules to `<bucket>-a` and `<bucket>-b` (owned) and to another bucket (foreign). */
async function bucketWithThreeRules(): Promise<{ bucket: string; owned: string[] }> {
  const { bucket } = await managedBucket(world, 'perrule', 'dr-a,dr-b');
  const owned = (await world.oss.getBucketReplication({ bucket, region: SOURCE_REGION })).rules.map((r) => r.id as string);
  const foreign = uniqueBucket('foreign');
  await world.oss.putBucket({ bucket: foreign, region: DEST_REGION });
  await world.oss.putBucketVersioning({ bucket: foreign, region: DEST_REGION }, 'Enabled');
  await world.oss.putBucketReplication(
    { bucket, region: SOURCE_REGION },
    {
      prefixes: [],
      actions: ['ALL'],
      destination: { bucket: foreign, location: `oss-${DEST_REGION}` },
      historicalObjectReplication: 'enabled',
    },
  );
  return { bucket, owned };
}

const progressCalls = (bucket: string) => world.emu.admin.requests({ operation: 'GetBucketReplicationProgress', bucket });

describe('monitor progress reads', () => {
  it('asks once per owned rule, never for the foreign rule, and every ask is answered', async () => {
    const { bucket, owned } = await bucketWithThreeRules();
    expect(owned).toHaveLength(2);
    world.emu.admin.clearRequests();
    const summary = await monitor();
    expect(summary.unobserved).toEqual([]);
    expect(summary.rules).toBe(2);
    expect(progressCalls(bucket).map((e) => [e.status, e.errorCode])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('reads a deleted owned rule as gone while the other owned rule stays healthy', async () => {
    const { bucket, owned } = await bucketWithThreeRules();
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, owned[0]!);
    world.offsetMs += 60_000; // past the closing period: OSS no longer knows the rule
    world.emu.admin.clearRequests();
    const summary = await monitor();
    expect(summary.unobserved).toEqual([]);
    expect(summary.findings.map((f) => f.kind)).toEqual(['rule-gone']);
    expect(summary.findings[0]?.key).toContain(owned[0]);
    expect(progressCalls(bucket).map((e) => e.errorCode ?? e.status)).toEqual(['NoSuchReplicationRule', 200]);
  });
});
