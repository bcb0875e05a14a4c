/**
 * What a monitor run costs, from the emulator's request log: one GetBucketReplicationProgress per
 * owned rule, plus documents only the monitor writes (its shards, alerts/state.json, its run lease)
 * and one listing of buckets/; a bucket document is read again only when ensure or verify changed it,
 * and none is written nor leased.
 */
import { putBucketState } from '../../../shared/state/bucketState';
import { bucketStateKey } from '../../../shared/state/keys';
import { bucketState, managedBucket, monitoredSamples, startWorld, type World } from '../verify/harness';
import { Inbox } from './inbox';
import { timerJobs } from './jobs';

let world: World;
let inbox: Inbox;
const monitor = () => timerJobs(world, inbox).monitor();

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(), new Inbox().start()]);
});
afterAll(async () => {
  await Promise.all([world.stop(), inbox.close()]);
});
beforeEach(async () => {
  await world.freshState();
});

const stateCalls = () => world.emu.admin.requests({ bucket: world.stateBucket });
const onBucketDocuments = () => stateCalls().filter((r) => r.key?.startsWith('buckets/'));
const onBucketLeases = () => stateCalls().filter((r) => r.key?.startsWith('leases/bucket'));

describe('monitor requests', () => {
  it('costs one progress read per owned rule and a few documents of its own, and neither reads, writes nor leases a bucket document that did not change', async () => {
    const buckets = [await managedBucket(world, 'cost1'), await managedBucket(world, 'cost2'), await managedBucket(world, 'cost3')];
    await monitor();
    world.emu.admin.clearRequests();
    const summary = await monitor();
    const all = world.emu.admin.requests();
    expect(summary.rules).toBe(3);
    expect(
      all
        .filter((r) => r.operation === 'GetBucketReplicationProgress')
        .map((r) => r.bucket)
        .sort(),
    ).toEqual(buckets.map((b) => b.bucket).sort());
    expect([onBucketDocuments(), onBucketLeases()]).toEqual([[], []]);
    // The rest: listings of buckets/ and monitor/; per shard, its document read and written (the bucket
    // index's is not read: nothing changed); alerts/state.json read and written; the run lease taken and released.
    const shards = new Set(
      stateCalls()
        .filter((r) => r.key?.startsWith('monitor/'))
        .map((r) => r.key),
    ).size;
    expect(all.length).toBeLessThanOrEqual(3 + 2 + 2 * shards + 2 + 2);
  });

  it('reads a bucket document again once ensure or verify changed it, and only that one', async () => {
    const [a, b] = [await managedBucket(world, 'changed'), await managedBucket(world, 'unchanged')];
    await monitor();
    const state = await bucketState(world, a.bucket);
    await putBucketState(world.state, {
      ...state,
      canaries: [{ ruleId: a.ruleId, key: 'k', writtenAt: world.now().toISOString(), outcome: 'pending' }],
    });
    world.emu.admin.clearRequests();
    await monitor();
    expect(onBucketDocuments().map((r) => [r.operation, r.key])).toEqual([['GetObject', bucketStateKey(a.bucket)]]);
    expect(world.emu.admin.requests({ operation: 'GetBucketReplicationProgress', bucket: b.bucket })).toHaveLength(1);
  });

  it('takes the buckets it has not seen yet from the bucket index reconcile keeps, reading none of their documents', async () => {
    await managedBucket(world, 'indexed1');
    await managedBucket(world, 'indexed2');
    await timerJobs(world, inbox).reconcile();
    world.emu.admin.clearRequests();
    const summary = await monitor();
    expect([summary.rules, onBucketDocuments()]).toEqual([2, []]);
  });

  it('keeps the samples an earlier version left in a bucket document, and adds its own', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'upgrade');
    const earlier = { ruleId, at: new Date(world.now().getTime() - 300_000).toISOString(), status: 'doing' as const, historical: 0.25 };
    await putBucketState(world.state, { ...(await bucketState(world, bucket)), progress: [earlier] });
    await monitor();
    const samples = await monitoredSamples(world, bucket);
    expect([samples.length, samples[0]]).toEqual([2, earlier]);
  });
});
