/**
 * What a monitor run costs, from the emulator's request log: one GetBucketReplicationProgress per
 * owned rule, plus documents only the monitor writes (its shards, alerts/state.json, its run lease)
 * and one listing of buckets/; a bucket document is read again only when ensure or verify changed it,
 * and none is written nor leased.
 */
import { makeAuditHandler } from '../../../functions/audit/handler';
import type { AuditSummary } from '../../../functions/audit/job';
import { makeMonitorHandler } from '../../../functions/monitor/handler';
import { makeVerifyHandler } from '../../../functions/verify/handler';
import { emptyAuditDocument, newPass, PassTally, saveAuditDocument } from '../../../shared/audit';
import { putBucketState } from '../../../shared/state/bucketState';
import { auditDocumentKey, bucketStateKey, parityShardKey } from '../../../shared/state/keys';
import { bucketState, managedBucket, monitoredSamples, startWorld, type World } from '../verify/harness';
import { Inbox } from './inbox';
import { invokeTimer, timerJobs } from './jobs';

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

describe("the audit's parity", () => {
  const audit = (): Promise<AuditSummary> =>
    invokeTimer(world, makeAuditHandler(world.policy, { config: world.config(inbox.env()), now: () => world.now() }));
  const onAuditDocuments = () => stateCalls().filter((r) => r.key?.startsWith('audit/'));
  const parityShardReads = () =>
    stateCalls()
      .filter((r) => r.operation === 'GetObject' && r.key?.startsWith('monitor/parity/'))
      .map((r) => r.key);

  it('costs the monitor one read per parity shard an audit run changed, and nothing per rule: none when no audit changed one', async () => {
    await Promise.all(['par-cost1', 'par-cost2', 'par-cost3'].map((stem) => managedBucket(world, stem)));
    await monitor();
    // The first audit run ends every rule's pass (the sources are empty): the next one has nothing due.
    expect((await audit()).rules.map((r) => r.outcome)).toEqual(['passEnded', 'passEnded', 'passEnded']);
    world.emu.admin.clearRequests();
    expect([(await monitor()).rules, onAuditDocuments()]).toEqual([3, []]);
    expect((await audit()).parityShards).toEqual([]);

    world.emu.admin.clearRequests();
    const summary = await monitor();
    expect([summary.rules, onAuditDocuments(), parityShardReads()]).toEqual([3, [], []]);
    const all = world.emu.admin.requests();
    const shards = new Set(
      stateCalls()
        .filter((r) => /^monitor\/[0-9a-f]\.json$/.test(r.key ?? ''))
        .map((r) => r.key),
    ).size;
    expect(all.length).toBeLessThanOrEqual(3 + 2 + 2 * shards + 2 + 2);
  });

  it('reads each parity shard an audit run changed exactly once, and no audit document', async () => {
    await Promise.all(['par-read1', 'par-read2', 'par-read3', 'par-read4'].map((stem) => managedBucket(world, stem)));
    await monitor();
    const changed = (await audit()).parityShards;
    expect(changed.length).toBeGreaterThan(0);
    world.emu.admin.clearRequests();
    await monitor();
    expect(parityShardReads().sort()).toEqual(changed.map(parityShardKey).sort());
    expect(onAuditDocuments()).toEqual([]);
  });

  it('reads the audit documents of a bucket no audit run has described once (the first runs after an upgrade), and judges from them', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'upgraded');
    // What an audit of the version before left: a document with a gap, and no parity shard.
    const tally = new PassTally(newPass(world.now(), ['']));
    tally.add('lost/1', { class: 'missing' }, true);
    const doc = { ...emptyAuditDocument(bucket, ruleId, world.now()), lastFullPass: tally.pass({ endedAt: world.now() }, 0) };
    await saveAuditDocument(world.state, doc, world.now());
    world.emu.admin.clearRequests();
    const first = await monitor();
    expect(first.findings.map((f) => f.kind)).toEqual(['parity']);
    expect(onAuditDocuments().map((r) => [r.operation, r.key])).toEqual([['GetObject', auditDocumentKey(bucket, ruleId)]]);
    world.emu.admin.clearRequests();
    const second = await monitor();
    expect([second.findings.map((f) => f.kind), onAuditDocuments()]).toEqual([['parity'], []]);
  });
});

describe('concurrency from the environment', () => {
  /** The most requests of `operation` (not on the state bucket) the emulator was answering at once, from each one's arrival and duration. */
  function mostAtOnce(operation: string): number {
    const spans = world.emu.admin
      .requests({ operation })
      .filter((r) => r.bucket !== world.stateBucket)
      .map((r) => [Date.parse(r.time), Date.parse(r.time) + r.durationMs] as const);
    return Math.max(0, ...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length));
  }

  async function withLatency(run: () => Promise<unknown>): Promise<void> {
    world.emu.admin.addFault({ latencyMs: 100 });
    world.emu.admin.clearRequests();
    try {
      await run();
    } finally {
      world.emu.admin.clearFaults();
    }
  }

  it.each([1, 3])('the monitor reads progress of MONITOR_CONCURRENCY=%i buckets at once', async (concurrency) => {
    for (const stem of ['par1', 'par2', 'par3', 'par4']) await managedBucket(world, stem);
    const handler = makeMonitorHandler(world.policy, {
      config: world.config({ ...inbox.env(), MONITOR_CONCURRENCY: String(concurrency) }),
      now: () => world.now(),
    });
    await withLatency(() => invokeTimer(world, handler));
    expect(mostAtOnce('GetBucketReplicationProgress')).toBe(concurrency);
  });

  it.each([1, 3])('verify writes the canaries of VERIFY_CONCURRENCY=%i buckets at once', async (concurrency) => {
    for (const stem of ['vpar1', 'vpar2', 'vpar3', 'vpar4']) await managedBucket(world, stem);
    const handler = makeVerifyHandler(world.policy, {
      config: world.config({ VERIFY_CONCURRENCY: String(concurrency) }),
      now: () => world.now(),
    });
    await withLatency(() => invokeTimer(world, handler));
    expect(mostAtOnce('PutObject')).toBe(concurrency);
  });
});
