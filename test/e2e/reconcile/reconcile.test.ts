/**
 * reconcile end to end: the real handler over HTTP against the emulator, buckets made and tagged
 * with ali-oss. The emulator is reset before each test so every run sees only that test's buckets.
 */
import { makeReconcileHandler, type ReconcileHandlerOptions } from '../../../functions/reconcile/handler';
import type { ReconcileSummary } from '../../../functions/reconcile/job';
import type { PolicyDocument } from '../../../shared/policy/types';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { OssDocumentStore } from '../../../shared/state';
import { claimEvent } from '../../../shared/state/dedupe';
import { bucketStateKey, EVENTS_PREFIX, processedEventKey, RECONCILE_RUNS_PREFIX, reconcileRunKey } from '../../../shared/state/keys';
import {
  activeOwned,
  ALERT_SEAMS,
  BJ,
  ENSURE_SEAMS,
  HZ,
  PREFIX,
  rulesOf,
  sleep,
  startWorld,
  STATE_BUCKET,
  testPolicy,
  userBucket,
  type World,
} from '../bucket-events/harness';

let world: World;
const policy = testPolicy();
const TIMER = { triggerTime: '2024-01-01T00:00:00Z', triggerName: 'reconcile-every-15m', payload: '' };

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());
beforeEach(async () => {
  world.emulator.admin.reset();
  await world.oss.putBucket({ bucket: STATE_BUCKET, region: HZ });
  world.inbox.clear();
});

async function reconcile(
  doc: PolicyDocument = policy,
  options: Partial<ReconcileHandlerOptions> = {},
  timeoutSeconds = 60,
): Promise<ReconcileSummary> {
  const handler = makeReconcileHandler(doc, {
    config: world.config(),
    ensure: ENSURE_SEAMS,
    alerts: ALERT_SEAMS,
    sink: () => undefined,
    ...options,
  });
  const response = (await handler(Buffer.from(JSON.stringify(TIMER)), world.context(timeoutSeconds))) as HandlerResponse<ReconcileSummary>;
  if (!response.ok) throw new Error(`reconcile failed: ${response.reason} ${response.message}`);
  return response.result;
}

const foreignRule = (bucket: string) => ({
  id: 'manual-keep-me',
  prefixes: ['manual/'],
  actions: ['PUT' as const],
  destination: { bucket: `${bucket}-manual`, location: `oss-${BJ}` },
  historicalObjectReplication: 'disabled' as const,
});

async function withForeignRule(stem: string, tag?: string): Promise<string> {
  const bucket = await userBucket(world, stem, tag ? { tag } : {});
  await world.oss.putBucket({ bucket: `${bucket}-manual`, region: BJ });
  await world.oss.putBucketReplication({ bucket, region: HZ }, foreignRule(bucket));
  return bucket;
}

describe('reconcile: sweep', () => {
  it('creates rules for tagged buckets in every region and skips untagged ones', async () => {
    const tagged = await userBucket(world, 'sweep', { tag: 'dr-beijing' });
    const inShanghai = await userBucket(world, 'sweepsh', { tag: 'dr-beijing', region: 'cn-shanghai' });
    await userBucket(world, 'plain');
    const summary = await reconcile();
    expect(summary.counts).toEqual({ created: 2, skipped: 2 }); // plain + the state bucket
    expect((await activeOwned(world, tagged)).length + (await activeOwned(world, inShanghai, 'cn-shanghai')).length).toBe(2);
  });

  it('writes the run summary to runs/reconcile/ in the state bucket', async () => {
    await userBucket(world, 'summary', { tag: 'dr-beijing' });
    const summary = await reconcile();
    const store = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
    const keys = await store.list(RECONCILE_RUNS_PREFIX);
    expect(keys).toEqual([summary.summaryKey]);
    expect((await store.get<ReconcileSummary>(summary.summaryKey!))?.value.counts).toEqual(summary.counts);
  });

  it('deletes run summaries older than a week and keeps recent ones', async () => {
    const store = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
    const old = reconcileRunKey(new Date(Date.now() - 8 * 86_400_000));
    const recent = reconcileRunKey(new Date(Date.now() - 86_400_000));
    for (const key of [old, recent]) await store.put(key, { counts: {} });
    const summary = await reconcile();
    expect([summary.housekeeping.runsDeleted, await store.list(RECONCILE_RUNS_PREFIX)]).toEqual([1, [recent, summary.summaryKey]]);
  });

  it('deletes processed-event records older than a week and keeps recent ones', async () => {
    const store = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
    await claimEvent(store, 'acs.oss/old', new Date(Date.now() - 8 * 86_400_000));
    await claimEvent(store, 'acs.oss/recent', new Date(Date.now() - 86_400_000));
    const summary = await reconcile();
    expect([summary.housekeeping.eventsDeleted, await store.list(EVENTS_PREFIX)]).toEqual([1, [processedEventKey('acs.oss/recent')]]);
  });

  it('is unchanged on the second run and makes no change call', async () => {
    await userBucket(world, 'steady', { tag: 'dr-beijing' });
    await reconcile();
    world.emulator.admin.clearRequests();
    const second = await reconcile();
    const writes = world.emulator.admin
      .requests()
      .filter((r) => ['PutBucketReplication', 'DeleteBucketReplication', 'PutBucket'].includes(r.operation));
    expect([second.counts, writes]).toEqual([{ unchanged: 1, skipped: 2 }, []]);
  });

  it('brings back an owned rule deleted by hand', async () => {
    const bucket = await userBucket(world, 'drift', { tag: 'dr-beijing' });
    await reconcile();
    const [rule] = await activeOwned(world, bucket);
    await world.oss.deleteBucketReplication({ bucket, region: HZ }, rule!.id!);
    await sleep(300); // the deleted rule leaves `closing`
    const summary = await reconcile();
    expect([summary.counts.created, (await activeOwned(world, bucket)).map((r) => r.id)]).toEqual([1, [rule!.id]]);
  });

  // OSS refuses a versioning change on a bucket a live rule links, so this drift needs the rule gone too.
  it('reports a destination whose versioning was changed after its rule was deleted as blocked VersioningMismatch', async () => {
    const bucket = await userBucket(world, 'destver', { tag: 'dr-beijing' });
    await reconcile();
    const [rule] = await activeOwned(world, bucket);
    await world.oss.deleteBucketReplication({ bucket, region: HZ }, rule!.id!);
    await sleep(300);
    await world.oss.putBucketVersioning({ bucket: `${bucket}-dr`, region: BJ }, 'Enabled');
    const summary = await reconcile();
    expect(summary.blocked).toEqual([expect.objectContaining({ bucket, reason: 'VersioningMismatch' })]);
  });
});

describe('reconcile: requests in steady state (emulator request log)', () => {
  const callsOn = (bucket: string): string[] => world.emulator.admin.requests({ bucket }).map((r) => r.operation);
  const bucketDocumentsRead = (): string[] =>
    world.emulator.admin
      .requests({ bucket: STATE_BUCKET, operation: 'GetObject' })
      .map((r) => r.key ?? '')
      .filter((k) => k.startsWith('buckets/'));

  it('costs one GetBucketReplication per tagged bucket already in place, and nothing per untagged one', async () => {
    const tagged = [await userBucket(world, 'steady1', { tag: 'dr-beijing' }), await userBucket(world, 'steady2', { tag: 'dr-beijing' })];
    const untagged = [await userBucket(world, 'plain1'), await userBucket(world, 'plain2')];
    await reconcile();
    world.emulator.admin.clearRequests();
    const second = await reconcile();
    expect(second.counts).toEqual({ unchanged: 2, skipped: 5 }); // the plain buckets, the destinations and the state bucket
    expect([...tagged, ...untagged].map(callsOn)).toEqual([['GetBucketReplication'], ['GetBucketReplication'], [], []]);
    expect(bucketDocumentsRead()).toEqual([]);
  });

  it('reads again only the bucket documents that changed since its last run', async () => {
    const [a, b] = [await userBucket(world, 'idx-a', { tag: 'dr-beijing' }), await userBucket(world, 'idx-b', { tag: 'dr-beijing' })];
    await reconcile();
    const store = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
    const state = (await store.get<Record<string, unknown>>(bucketStateKey(b)))!.value;
    await store.put(bucketStateKey(b), {
      ...state,
      canaries: [{ ruleId: 'r', key: 'k', writtenAt: new Date().toISOString(), outcome: 'arrived' }],
    });
    world.emulator.admin.clearRequests();
    const summary = await reconcile();
    expect([summary.counts.unchanged, bucketDocumentsRead(), callsOn(a)]).toEqual([2, [bucketStateKey(b)], ['GetBucketReplication']]);
  });

  it('does a full ensure for a tagged bucket whose owned rule no record names (added by a run that died)', async () => {
    const bucket = await userBucket(world, 'unrecorded', { tag: 'dr-beijing' });
    await reconcile();
    const store = new OssDocumentStore({ oss: world.oss, bucket: STATE_BUCKET, region: HZ });
    await store.delete(bucketStateKey(bucket));
    await reconcile();
    expect((await store.get<{ rules: Array<{ ruleId: string }> }>(bucketStateKey(bucket)))!.value.rules.map((r) => r.ruleId)).toEqual(
      (await activeOwned(world, bucket)).map((r) => r.id),
    );
  });

  it('with onUntag: remove, costs nothing for an untagged bucket no record names', async () => {
    const plain = await userBucket(world, 'plainremove');
    await reconcile(testPolicy({ onUntag: 'remove' }));
    world.emulator.admin.clearRequests();
    await reconcile(testPolicy({ onUntag: 'remove' }));
    expect(callsOn(plain)).toEqual([]);
  });
});

describe('reconcile: ownership', () => {
  it('never touches a foreign rule while adding its own', async () => {
    const bucket = await withForeignRule('foreign', 'dr-beijing');
    await reconcile();
    const rules = await rulesOf(world, bucket);
    expect(rules.find((r) => r.id === 'manual-keep-me')).toMatchObject({ prefixes: ['manual/'], actions: ['PUT'] });
    expect(rules.filter((r) => r.id?.startsWith(PREFIX))).toHaveLength(1);
  });

  it('replaces the owned rule when the policy changes, across runs while the old one closes', async () => {
    const bucket = await userBucket(world, 'change', { tag: 'dr-beijing' });
    await reconcile();
    const changed = testPolicy({
      policies: {
        'dr-beijing': {
          destination: { region: BJ, bucket: '{bucket}-dr', create: true },
          mode: 'crr',
          prefixes: ['logs/'],
          alerts: { channels: ['inbox'] },
        },
      },
    });
    let runs = 0;
    for (; runs < 5; runs++) {
      const [rule] = await activeOwned(world, bucket);
      if (rule?.prefixes.join() === 'logs/') break;
      await reconcile(changed);
    }
    expect(runs).toBeLessThanOrEqual(3);
    expect((await activeOwned(world, bucket)).map((r) => r.prefixes)).toEqual([['logs/']]);
  });

  it('with onUntag: remove, removes only owned rules of an untagged bucket', async () => {
    const bucket = await withForeignRule('untag', 'dr-beijing');
    await reconcile();
    await world.sdk().deleteBucketTags(bucket);
    const summary = await reconcile(testPolicy({ onUntag: 'remove' }));
    const ids = (await rulesOf(world, bucket)).filter((r) => r.status !== 'closing').map((r) => r.id);
    expect([summary.counts.removed, ids]).toEqual([1, ['manual-keep-me']]);
  });
});

describe('reconcile: limits', () => {
  it('spends at most guardrails.maxChangesPerRun changes and defers the rest', async () => {
    for (const stem of ['b1', 'b2', 'b3']) await userBucket(world, stem, { tag: 'dr-beijing' });
    const summary = await reconcile(
      testPolicy({ guardrails: { destinationRegions: [BJ, 'cn-shanghai'], destinationBuckets: ['*-dr', '*-dr2'], maxChangesPerRun: 1 } }),
    );
    expect([summary.counts.created, summary.deferred.length, summary.budget.remaining]).toEqual([1, 2, 0]);
  });

  it('starts no ensure when less than the reserve is left, reporting every bucket not-reached', async () => {
    await userBucket(world, 'late', { tag: 'dr-beijing' });
    const summary = await reconcile(policy, { reserveMs: 120_000 }, 60);
    expect([summary.counts, summary.notReached.length]).toEqual([{ 'not-reached': 2 }, 2]);
  });

  it('sends one alert message per run listing every blocked bucket', async () => {
    const a = await userBucket(world, 'blk1', { tag: 'no-such-policy' });
    const b = await userBucket(world, 'blk2', { tag: 'other-missing' });
    const summary = await reconcile();
    expect(summary.blocked.map((x) => x.reason)).toEqual(['UnknownPolicy', 'UnknownPolicy']);
    expect(world.inbox.received).toHaveLength(1);
    expect(
      world.inbox
        .blocked()
        .map((x) => x.bucket)
        .sort(),
    ).toEqual([a, b].sort());
  });
});

describe('reconcile: blocked incidents', () => {
  const alertsFor = (bucket: string) =>
    world.inbox
      .blocked()
      .filter((x) => x.bucket === bucket)
      .map((x) => [x.type, x.reason]);

  it('alerts a bucket that stays blocked once across two runs', async () => {
    const bucket = await userBucket(world, 'stayblk', { tag: 'no-such-policy' });
    const first = await reconcile();
    const second = await reconcile();
    expect(alertsFor(bucket)).toEqual([['opened', 'UnknownPolicy']]);
    expect([first.blocked.length, second.blocked.length, second.alerts]).toEqual([1, 1, []]);
  });

  it('sends one recovery message once the cause is fixed, and nothing on the run after', async () => {
    const bucket = await userBucket(world, 'fixblk', { tag: 'no-such-policy' });
    await reconcile();
    await world.sdk().putBucketTags(bucket, { 'replication-policy': 'dr-beijing' });
    const fixed = await reconcile();
    await reconcile();
    expect(fixed.counts.created).toBe(1);
    expect(alertsFor(bucket)).toEqual([
      ['opened', 'UnknownPolicy'],
      ['resolved', 'UnknownPolicy'],
    ]);
  });

  it('alerts again when the reason of a block changes', async () => {
    const bucket = await userBucket(world, 'rsnblk', { tag: 'no-such-policy' });
    await reconcile();
    await world.oss.putBucket({ bucket: `${bucket}-dr`, region: BJ });
    await world.sdk().putBucketTags(bucket, { 'replication-policy': 'dr-beijing' });
    await reconcile();
    expect(alertsFor(bucket)).toEqual([
      ['opened', 'UnknownPolicy'],
      ['opened', 'DestinationNotOwned'],
    ]);
  });

  it('sends a recovery message for a blocked bucket that was deleted', async () => {
    const bucket = await userBucket(world, 'delblk', { tag: 'no-such-policy' });
    await reconcile();
    await world.oss.deleteBucket({ bucket, region: HZ });
    await reconcile();
    expect(alertsFor(bucket)).toEqual([
      ['opened', 'UnknownPolicy'],
      ['resolved', 'UnknownPolicy'],
    ]);
  });

  it('alerts again on the next run when the first alert could not be delivered', async () => {
    const bucket = await userBucket(world, 'undeliv', { tag: 'no-such-policy' });
    const unreachable = await reconcile(policy, { config: world.config({ ALERT_URL: 'http://127.0.0.1:9/' }) });
    await reconcile();
    expect(unreachable.alerts.map((a) => a.ok)).toEqual([false]);
    expect(alertsFor(bucket)).toEqual([['opened', 'UnknownPolicy']]);
  });
});

describe('reconcile: faults', () => {
  it('retries 503s and connection resets and still converges', async () => {
    const bucket = await userBucket(world, 'faulty', { tag: 'dr-beijing' });
    world.emulator.admin.addFault({ operation: 'GetBucketReplication', errorCode: 'ServiceUnavailable', count: 2 });
    world.emulator.admin.addFault({ operation: 'GetBucketTags', resetRate: 1, count: 2 });
    world.emulator.admin.addFault({ operation: 'GetBucketInfo', errorCode: 'ServiceUnavailable', count: 1 });
    const summary = await reconcile();
    const injected = world.emulator.admin.requests().filter((r) => r.fault !== undefined).length;
    expect([summary.counts.created, injected >= 3]).toEqual([1, true]);
    expect(await activeOwned(world, bucket)).toHaveLength(1);
  });

  it('finishes on the next run a replacement that crashed between delete and add', async () => {
    const bucket = await userBucket(world, 'crash', { tag: 'dr-beijing' });
    await reconcile();
    const changed = testPolicy({
      policies: {
        'dr-beijing': {
          destination: { region: BJ, bucket: '{bucket}-dr', create: true },
          mode: 'crr',
          prefixes: ['new/'],
          alerts: { channels: ['inbox'] },
        },
      },
    });
    // The add fails after the delete went through: the run ends with no owned rule in place.
    world.emulator.admin.addFault({ operation: 'PutBucketReplication', errorCode: 'InternalError' });
    const crashed = await reconcile(changed);
    const between = await activeOwned(world, bucket);
    await sleep(300);
    world.emulator.admin.clearFaults();
    await reconcile(changed);
    expect([crashed.counts.failed, between]).toEqual([1, []]);
    expect((await activeOwned(world, bucket)).map((r) => r.prefixes)).toEqual([['new/']]);
  });
});
