/**
 * Two deployments in one account, through the real reconcile and bucket-events handlers against the
 * emulator: both use OWNER_PREFIX `autopilot-` but have their own state bucket and policy file, and
 * neither ever changes a rule of the other. Rules added by earlier versions (IDs without the
 * deployment tag) keep working for the deployment whose state records them.
 */
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import { makeReconcileHandler } from '../../../functions/reconcile/handler';
import type { ReconcileSummary } from '../../../functions/reconcile/job';
import type { PolicyDocument } from '../../../shared/policy/types';
import { desiredRuleBody } from '../../../shared/replication/desired';
import { legacyRuleId } from '../../../shared/replication/ruleIds';
import { emptyBucketState, OssDocumentStore, putBucketState } from '../../../shared/state';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { asBuffer, bucketCreatedEvent } from '../bucket-events/events';
import {
  ACCOUNT,
  activeOwned,
  ALERT_SEAMS,
  BJ,
  ENSURE_SEAMS,
  HZ,
  PREFIX,
  rulesOf,
  SH,
  startWorld,
  STATE_BUCKET,
  testPolicy,
  userBucket,
  type World,
} from '../bucket-events/harness';

const STATE_B = 'autopilot-state-team-b';
/** Deployment A: the harness's state bucket and test policy (dr-beijing -> {bucket}-dr). */
const policyA = testPolicy();
/** Deployment B: the same tag and policy name, another rule (prefix logs/, to Shanghai). */
const policyB = testPolicy({
  policies: {
    'dr-beijing': {
      destination: { region: SH, bucket: '{bucket}-dr2', create: true },
      mode: 'crr',
      prefixes: ['logs/'],
      alerts: { channels: ['inbox'] },
    },
  },
});
/** Deployment B, variant: its own tag key, and it removes its rules from buckets without that tag. */
const policyBUntag = testPolicy({ selector: { tagKey: 'team-b-policy' }, onUntag: 'remove' });

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());
beforeEach(async () => {
  world.emulator.admin.reset();
  await world.oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  await world.oss.putBucket({ bucket: STATE_B, region: HZ });
});

async function reconcile(doc: PolicyDocument, stateBucket: string): Promise<ReconcileSummary> {
  const handler = makeReconcileHandler(doc, {
    config: world.config({ STATE_BUCKET: stateBucket }),
    ensure: ENSURE_SEAMS,
    alerts: ALERT_SEAMS,
    sink: () => undefined,
  });
  const response = (await handler({}, world.context())) as HandlerResponse<ReconcileSummary>;
  if (!response.ok) throw new Error(`reconcile failed: ${response.reason} ${response.message}`);
  return response.result;
}

const ids = async (bucket: string) =>
  (await rulesOf(world, bucket))
    .filter((r) => r.status !== 'closing')
    .map((r) => r.id)
    .sort();
const changeCalls = () =>
  world.emulator.admin.requests().filter((r) => ['PutBucketReplication', 'DeleteBucketReplication'].includes(r.operation));

describe('two deployments with one OWNER_PREFIX', () => {
  it('each keeps its own rule on a bucket both policy files select, run after run', async () => {
    const bucket = await userBucket(world, 'shared', { tag: 'dr-beijing' });
    await reconcile(policyA, STATE_BUCKET);
    await reconcile(policyB, STATE_B);
    const [a] = await activeOwned(world, bucket);
    const [b] = await activeOwned(world, bucket, HZ, STATE_B);
    world.emulator.admin.clearRequests();
    await reconcile(policyA, STATE_BUCKET);
    await reconcile(policyB, STATE_B);
    expect([await ids(bucket), changeCalls()]).toEqual([[a!.id, b!.id].sort(), []]);
  });

  it("never removes the other deployment's rule from a bucket it sees untagged with onUntag remove", async () => {
    const bucket = await userBucket(world, 'untagged', { tag: 'dr-beijing' });
    await reconcile(policyA, STATE_BUCKET);
    const before = await ids(bucket);
    const summary = await reconcile(policyBUntag, STATE_B);
    expect([summary.counts.removed ?? 0, await ids(bucket)]).toEqual([0, before]);
  });
});

describe('rule IDs from earlier versions', () => {
  /** What an earlier version left behind: its rule (no deployment tag) and its record of it. */
  async function earlierVersionRule(bucket: string): Promise<string> {
    const body = desiredRuleBody(policyA.policies['dr-beijing']!, { sourceBucket: bucket, sourceRegion: HZ, account: ACCOUNT });
    const id = legacyRuleId(PREFIX, 'dr-beijing', body);
    await world.oss.putBucket({ bucket: body.destination.bucket, region: BJ });
    await world.oss.putBucketReplication({ bucket, region: HZ }, { ...body, id });
    const state = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
    const now = new Date();
    const rule = {
      ruleId: id,
      policy: 'dr-beijing',
      destinationBucket: body.destination.bucket,
      destinationRegion: BJ,
      createdAt: now.toISOString(),
    };
    await putBucketState(state, { ...emptyBucketState(bucket, now, HZ), rules: [rule] }, now);
    return id;
  }

  it('keeps a recorded rule of an earlier version in place: unchanged, no rule call', async () => {
    const bucket = await userBucket(world, 'legacy', { tag: 'dr-beijing' });
    const id = await earlierVersionRule(bucket);
    world.emulator.admin.clearRequests();
    const handler = makeBucketEventsHandler(policyA, {
      config: world.config(),
      ensure: ENSURE_SEAMS,
      alerts: ALERT_SEAMS,
      sink: () => undefined,
    });
    const response = (await handler(asBuffer(bucketCreatedEvent(bucket)), world.context())) as HandlerResponse<{
      buckets: Array<{ outcome: string; ruleIds: string[] }>;
    }>;
    expect([response.ok && response.result.buckets[0], await ids(bucket), changeCalls()]).toEqual([
      expect.objectContaining({ outcome: 'unchanged', ruleIds: [id] }),
      [id],
      [],
    ]);
  });

  it("leaves an earlier version's rule alone in a deployment whose state does not record it", async () => {
    const bucket = await userBucket(world, 'legacyb', { tag: 'dr-beijing' });
    const id = await earlierVersionRule(bucket);
    await reconcile(policyBUntag, STATE_B);
    expect(await ids(bucket)).toEqual([id]);
  });
});
