/**
 * A managed source bucket that is deleted is retired: the monitor meets NoSuchBucket, sends one
 * "no longer managed" message per channel (closing any open incident of the bucket), and its state
 * documents, pending canaries, due-index entry and lease go. Real handlers against the emulator.
 */
import { emptyAuditDocument, newPass, ParityLedger, PassTally, saveAuditDocument } from '../../../shared/audit';
import { DUE_INDEX_KEY } from '../../../shared/state/keys';
import { bucketLeaseName } from '../../../shared/state/keys';
import { ensure } from '../../../shared/replication/ensure';
import { LocationCache } from '../../../shared/replication/locationCache';
import { bucketStateKey, leasePrefix } from '../../../shared/state/keys';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { ACCOUNT, bucketState, pendingKeys, SOURCE_REGION, sleep, startWorld, uniqueBucket, until, type World } from '../verify/harness';
import { Inbox } from './inbox';
import { timerJobs } from './jobs';

const MINUTE = 60_000;
let world: World;
let inbox: Inbox;
const monitor = (): ReturnType<ReturnType<typeof timerJobs>['monitor']> => timerJobs(world, inbox).monitor();
const verify = (): ReturnType<ReturnType<typeof timerJobs>['verify']> => timerJobs(world, inbox).verify();
const reconcile = (): ReturnType<ReturnType<typeof timerJobs>['reconcile']> => timerJobs(world, inbox).reconcile();

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(), new Inbox().start()]);
});
afterAll(async () => {
  await Promise.all([world.stop(), inbox.close()]);
});
beforeEach(async () => {
  await world.freshState();
  inbox.delivered.length = 0;
});

/** An unversioned source (so that the test can empty it with plain deletes), tagged `dr` and configured by ensure. */
async function managed(bucket: string): Promise<string> {
  await world.oss.putBucket({ bucket, region: SOURCE_REGION });
  await world.oss.putBucketTags({ bucket, region: SOURCE_REGION }, [{ key: 'replication-policy', value: 'dr' }]);
  const deps = {
    oss: world.oss,
    policy: world.policy,
    state: world.state,
    leases: new DocumentLeaseManager(world.state),
    account: ACCOUNT,
    stateBucket: world.stateBucket,
    locationCache: new LocationCache(),
    now: () => world.now(),
  };
  const result = await ensure(bucket, deps, { region: SOURCE_REGION });
  const ruleId = result.ruleIds[0];
  if (!ruleId) throw new Error(`ensure did not add a rule: ${JSON.stringify(result.reason ?? result.outcome)}`);
  await until(async () =>
    (await world.oss.getBucketReplication({ bucket, region: SOURCE_REGION })).rules.some((r) => r.id === ruleId && r.status === 'doing'),
  );
  return ruleId;
}

/** What a user does: empty the bucket (OSS refuses to delete a non-empty one) and delete it. Its rule stays. */
async function deleteSource(bucket: string): Promise<void> {
  const listing = await world.oss.listObjectsV2({ bucket, region: SOURCE_REGION });
  for (const o of listing.contents) await world.oss.deleteObject({ bucket, region: SOURCE_REGION, key: o.key });
  await world.oss.deleteBucket({ bucket, region: SOURCE_REGION });
}

/** Incident messages (not digests) about a bucket. */
const messages = (channel: 'hook' | 'ding', bucket: string) =>
  inbox
    .about(channel, bucket)
    .filter((d) => (channel === 'hook' ? String(d.body['type']).startsWith('incident.') : !d.text.includes('Replication progress')));

describe('monitor: a deleted source bucket', () => {
  it('is retired with one "no longer managed" message per channel, no incident, and its documents and lease gone; later runs send nothing', async () => {
    const bucket = uniqueBucket('gone');
    await managed(bucket);
    await verify(); // the first canary is written: a pending check exists
    await monitor();
    expect(await pendingKeys(world, bucket)).not.toEqual([]);

    await deleteSource(bucket);
    world.offsetMs += MINUTE;
    expect((await verify()).failed.filter((f) => f.code === 'SourceBucketGone')).toEqual([]);
    await reconcile();
    const retired = await monitor();

    expect(retired.retired).toEqual([bucket]);
    expect(retired.findings).toEqual([]);
    expect(retired.openIncidents).toBe(0);
    for (const channel of ['hook', 'ding'] as const) {
      expect(messages(channel, bucket)).toHaveLength(1);
      expect(messages(channel, bucket)[0]!.text).toContain('no longer managed');
    }
    expect(await world.state.get(bucketStateKey(bucket))).toBeUndefined();
    expect(await pendingKeys(world, bucket)).toEqual([]);

    for (let minute = 1; minute <= 20; minute++) {
      world.offsetMs += MINUTE;
      await verify();
      if (minute % 5 === 0) expect((await monitor()).findings).toEqual([]);
    }
    expect(messages('hook', bucket)).toHaveLength(1);
    expect(messages('ding', bucket)).toHaveLength(1);
    expect((await world.state.get<{ next: Record<string, string> }>(DUE_INDEX_KEY))?.value.next[bucket]).toBeUndefined();
    expect(await world.state.list(leasePrefix(bucketLeaseName(bucket)))).toEqual([]);
    expect(await world.state.get(bucketStateKey(bucket))).toBeUndefined();
  });

  it('closes an open incident of the bucket with the "no longer managed" message, never a recovery of replication', async () => {
    const bucket = uniqueBucket('gone-open');
    const ruleId = await managed(bucket);
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300);
    const opened = await monitor();
    expect(opened.findings.map((f) => f.kind)).toEqual(['rule-gone']);

    await deleteSource(bucket);
    world.offsetMs += 5 * MINUTE;
    const retired = await monitor();

    expect(retired.retired).toEqual([bucket]);
    expect(retired.openIncidents).toBe(0);
    const hook = messages('hook', bucket);
    expect(hook.map((d) => d.body['type'])).toEqual(['incident.opened', 'incident.retired']);
    const closing = (hook[1]!.body['notifications'] as { incident: { key: string; summary: string } }[])[0]!.incident;
    expect(closing.key).toBe(opened.findings[0]!.key);
    expect(closing.summary).toContain('was deleted: no longer managed');
    expect(messages('ding', bucket)).toHaveLength(2);
    expect(messages('ding', bucket)[1]!.text).toContain('no longer managed');
    expect(messages('ding', bucket)[1]!.text).not.toContain('Recovered');
  });

  it('re-created with the same name and tag, does not inherit the parity gap the audit reported of its earlier life', async () => {
    const bucket = uniqueBucket('reborn-gap');
    const ruleId = await managed(bucket);
    // What an audit run leaves: a document with a gap, and its status in the bucket's parity shard.
    const tally = new PassTally(newPass(world.now(), ['']));
    tally.add('lost/1', { class: 'missing' }, true);
    const doc = { ...emptyAuditDocument(bucket, ruleId, world.now()), lastFullPass: tally.pass({ endedAt: world.now() }, 0) };
    await saveAuditDocument(world.state, doc, world.now());
    const ledger = new ParityLedger();
    ledger.bucket(bucket, (await bucketState(world, bucket)).rules);
    ledger.document(doc);
    await ledger.save(world.state);
    expect((await monitor()).findings.map((f) => f.kind)).toEqual(['parity']);

    await deleteSource(bucket);
    expect((await monitor()).retired).toEqual([bucket]);
    world.offsetMs += MINUTE;
    expect(await managed(bucket)).toBe(ruleId); // the same rule id: it is made from the policy and the rule
    const again = await monitor();
    expect([again.rules, again.findings]).toEqual([1, []]);
  });

  it('re-created with the same name and tag, is managed again normally, and a second deletion is announced again', async () => {
    const bucket = uniqueBucket('reborn');
    await managed(bucket);
    await deleteSource(bucket);
    expect((await monitor()).retired).toEqual([bucket]);

    world.offsetMs += MINUTE;
    const ruleId = await managed(bucket);
    expect((await bucketState(world, bucket)).rules.map((r) => r.ruleId)).toEqual([ruleId]);
    await verify();
    await until(
      async () =>
        (await world.oss.listObjectsV2({ bucket: `${bucket}-dr`, region: 'cn-beijing', prefix: '.replication-canary/' })).contents.length >
        0,
    );
    world.offsetMs += MINUTE;
    await verify();
    const again = await monitor();
    expect(again.retired).toEqual([]);
    expect(again.findings).toEqual([]);
    expect(again.rules).toBe(1);

    await deleteSource(bucket);
    world.offsetMs += 5 * MINUTE;
    expect((await monitor()).retired).toEqual([bucket]);
    expect(messages('hook', bucket)).toHaveLength(2);
    expect(messages('ding', bucket)).toHaveLength(2);
  });
});
