import { makeVerifyHandler } from '../../../functions/verify/handler';
import type { VerifySummary } from '../../../functions/verify/types';
import type { HandlerResponse } from '../../../shared/runtime/handler';
import { bucketStateKey, pendingCanaryDueAt } from '../../../shared/state/keys';
import {
  bucketState,
  canaryObjects,
  DEST_REGION,
  holdsNoVersions,
  managedBucket,
  pendingKeys,
  SOURCE_REGION,
  sleep,
  startWorld,
  TIMER_EVENT,
  until,
  type World,
} from './harness';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.stop();
});
beforeEach(() => {
  world.offsetMs = 0;
});

async function verify(): Promise<VerifySummary> {
  const handler = makeVerifyHandler(world.policy, { config: world.config(), now: () => world.now() });
  const response = (await handler(TIMER_EVENT('verify-every-minute'), world.context())) as HandlerResponse<VerifySummary>;
  if (!response.ok) throw new Error(`verify failed: ${response.reason} ${response.message}`);
  return response.result;
}

async function lastRecord(bucket: string) {
  const state = await bucketState(world, bucket);
  return state.canaries[state.canaries.length - 1];
}

/** Runs verify with the clock past the canary deadline (policy timeoutSeconds 120). */
async function verifyAfterDeadline(): Promise<VerifySummary> {
  world.offsetMs += 121_000;
  return verify();
}

describe('verify', () => {
  it('keeps the canary it writes for a schedule due this very millisecond (the canary and the schedule share a key)', async () => {
    const { bucket } = await managedBucket(world, 'same-instant');
    const [schedule] = await pendingKeys(world, bucket);
    const dueAt = pendingCanaryDueAt(schedule!)!;
    // The policy checks after 0 s: the written canary's key names the same instant as the schedule's.
    const handler = makeVerifyHandler(world.policy, { config: world.config(), now: () => new Date(dueAt) });
    try {
      const response = (await handler(TIMER_EVENT('verify-every-minute'), world.context())) as HandlerResponse<VerifySummary>;
      const kept = await pendingKeys(world, bucket);
      expect([response.ok && response.result.written, kept]).toEqual([1, [schedule]]);
      expect(await world.state.get(schedule!)).toMatchObject({ value: { phase: 'copy', dueAt: dueAt.toISOString() } });
    } finally {
      await world.freshState(); // its canary stays pending: the next tests' verify runs must not meet it
    }
  });

  it('proves a healthy rule: the canary arrives intact, its latency is recorded, and both copies are cleaned up', async () => {
    const { bucket, destination } = await managedBucket(world, 'healthy');
    const written = await verify();
    expect(written.written).toBeGreaterThanOrEqual(1);
    const [source] = await canaryObjects(world, bucket, SOURCE_REGION);
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).includes(source!));

    world.offsetMs += 1_000;
    const copied = await verify(); // copy seen and source deleted; the delete must replicate (rule is ALL)
    expect(copied).toMatchObject({ waiting: 1, verified: 0, failed: [] });
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 0);

    world.offsetMs += 31_000;
    const done = await verify();
    expect(done).toMatchObject({ verified: 1, failed: [] });
    const record = await lastRecord(bucket);
    expect(record).toMatchObject({ outcome: 'arrived', ruleId: expect.stringMatching(/^autopilot-/) });
    // An upper bound from the replica's whole-second Last-Modified: above 0, at most a second past the copy.
    expect(record!.latencyMs).toBeGreaterThan(0);
    expect(record!.latencyMs).toBeLessThanOrEqual(1_000 + 500);
    expect(await canaryObjects(world, bucket, SOURCE_REGION)).toEqual([]);
    expect(await canaryObjects(world, destination, DEST_REGION)).toEqual([]);
    expect(await pendingKeys(world, bucket)).toEqual([]);
  });

  it('leaves no version and no delete marker in either versioned bucket after proving a rule that replicates deletes', async () => {
    const { bucket, destination } = await managedBucket(world, 'vclean');
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    world.offsetMs += 1_000;
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 0);
    world.offsetMs += 31_000;
    expect(await verify()).toMatchObject({ verified: 1, failed: [] });
    await sleep(300); // anything our cleanup set off in the replication engine has landed
    expect(await holdsNoVersions(world, destination, DEST_REGION)).toBe(true);
    expect(await holdsNoVersions(world, bucket, SOURCE_REGION)).toBe(true);
  });

  it('leaves no version in either versioned bucket after proving a PUT-only rule', async () => {
    const { bucket, destination } = await managedBucket(world, 'vcleanput', 'dr-put');
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    world.offsetMs += 1_000;
    expect(await verify()).toMatchObject({ verified: 1 });
    await sleep(300);
    expect(await holdsNoVersions(world, destination, DEST_REGION)).toBe(true);
    expect(await holdsNoVersions(world, bucket, SOURCE_REGION)).toBe(true);
  });

  it('leaves no version in either versioned bucket after a canary that never arrived, even once replication resumes', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'vcleanfail');
    world.emu.admin.pauseReplication(bucket, ruleId);
    await verify();
    expect((await verifyAfterDeadline()).failed).toEqual([{ bucket, ruleId, code: 'NeverArrived' }]);
    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(300);
    expect(await holdsNoVersions(world, destination, DEST_REGION)).toBe(true);
    expect(await holdsNoVersions(world, bucket, SOURCE_REGION)).toBe(true);
  });

  it('removes the destination copy itself when the rule does not replicate deletes', async () => {
    const { bucket, destination } = await managedBucket(world, 'putonly', 'dr-put');
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    world.offsetMs += 1_000;
    expect(await verify()).toMatchObject({ verified: 1 });
    expect(await canaryObjects(world, bucket, SOURCE_REGION)).toEqual([]);
    expect(await canaryObjects(world, destination, DEST_REGION)).toEqual([]);
  });

  it('keeps an unanswered canary pending until its deadline, then fails it as NeverArrived when replication is paused', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'paused');
    world.emu.admin.pauseReplication(bucket, ruleId);
    await verify();
    world.offsetMs += 1_000;
    expect(await verify()).toMatchObject({ waiting: 1, failed: [] });
    expect(await pendingKeys(world, bucket)).toHaveLength(1);

    const failed = await verifyAfterDeadline();
    expect(failed.failed).toEqual([{ bucket, ruleId, code: 'NeverArrived' }]);
    expect((await lastRecord(bucket))!.detail).toMatch(/^NeverArrived: /);
    expect(await canaryObjects(world, bucket, SOURCE_REGION)).toEqual([]);
    expect(await pendingKeys(world, bucket)).toEqual([]);
    world.emu.admin.resumeReplication(bucket, ruleId);
  });

  it('diagnoses a rule deleted by hand as RuleMissing', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'norule');
    await world.oss.deleteBucketReplication({ bucket, region: SOURCE_REGION }, ruleId);
    await sleep(300); // closing -> gone
    await verify();
    expect((await verifyAfterDeadline()).failed).toEqual([{ bucket, ruleId, code: 'RuleMissing' }]);
  });

  it('diagnoses a deleted destination bucket as DestinationBucketGone without waiting for the deadline', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'nodest');
    await world.oss.deleteBucket({ bucket: destination, region: DEST_REGION });
    await verify();
    world.offsetMs += 1_000;
    expect((await verify()).failed).toEqual([{ bucket, ruleId, code: 'DestinationBucketGone' }]);
  });

  it('diagnoses a destination whose versioning no longer matches the source (recreated unversioned) as VersioningMismatch', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'version');
    // Versioning cannot change while a rule links the buckets, so the destination is recreated
    // unversioned. OSS stops replicating into a bucket whose versioning differs; the emulator keeps
    // copying, so pausing the rule stands in for that, and the diagnosis must still name the cause.
    await world.oss.deleteBucket({ bucket: destination, region: DEST_REGION });
    await world.oss.putBucket({ bucket: destination, region: DEST_REGION });
    world.emu.admin.pauseReplication(bucket, ruleId);
    await verify();
    expect((await verifyAfterDeadline()).failed).toEqual([{ bucket, ruleId, code: 'VersioningMismatch' }]);
    world.emu.admin.resumeReplication(bucket, ruleId);
  });

  it('does not read the state of a bucket whose next canary is hours away, and reads it again within the hour', async () => {
    const { bucket, destination } = await managedBucket(world, 'dueindex', 'dr-put');
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    world.offsetMs += 1_000;
    expect(await verify()).toMatchObject({ verified: 1 }); // recorded: the next run reads the bucket again
    const reads = (since: string) =>
      world.emu.admin.requests({ bucket: world.stateBucket, operation: 'GetObject', key: bucketStateKey(bucket), since }).length;

    world.offsetMs += 60_000;
    let since = world.now().toISOString();
    await verify();
    expect(reads(since)).toBe(1);

    for (const step of [60_000, 30 * 60_000]) {
      world.offsetMs += step;
      since = world.now().toISOString();
      await verify();
      expect(reads(since)).toBe(0);
    }
    world.offsetMs += 30 * 60_000; // an hour after the last read: read again whatever the index says
    since = world.now().toISOString();
    await verify();
    expect(reads(since)).toBe(1);
  });

  it('fails a canary whose destination copy has other content as ContentMismatch, and removes both', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'mismatch', 'dr-put');
    world.emu.admin.pauseReplication(bucket, ruleId);
    await verify();
    const [key] = await canaryObjects(world, bucket, SOURCE_REGION);
    await world.oss.putObject({ bucket: destination, region: DEST_REGION, key: key!, body: 'not the canary' });
    world.offsetMs += 1_000;
    expect((await verify()).failed).toEqual([{ bucket, ruleId, code: 'ContentMismatch' }]);
    expect((await lastRecord(bucket))!.detail).toMatch(/CRC64/);
    world.emu.admin.resumeReplication(bucket, ruleId);
    await sleep(300);
    expect(await holdsNoVersions(world, destination, DEST_REGION)).toBe(true);
    expect(await holdsNoVersions(world, bucket, SOURCE_REGION)).toBe(true);
  });

  it('fails a canary whose delete never reaches the destination (rule replicates deletes) as DeleteNotReplicated', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'nodelete');
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    world.emu.admin.pauseReplication(bucket, ruleId);
    world.offsetMs += 1_000;
    expect(await verify()).toMatchObject({ waiting: 1, failed: [] }); // copy seen, source deleted
    expect((await verifyAfterDeadline()).failed).toEqual([{ bucket, ruleId, code: 'DeleteNotReplicated' }]);
    expect(await canaryObjects(world, destination, DEST_REGION)).toEqual([]);
    world.emu.admin.resumeReplication(bucket, ruleId);
  });

  it('gives the delete its own window when the copy is seen just before the deadline', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'latecopy');
    world.emu.admin.pauseReplication(bucket, ruleId);
    await verify();
    world.offsetMs += 119_000; // the copy's deadline is at 120 s
    world.emu.admin.resumeReplication(bucket, ruleId);
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    expect(await verify()).toMatchObject({ waiting: 1, failed: [] }); // copy seen, source deleted
    world.emu.admin.pauseReplication(bucket, ruleId); // the delete waits in the queue
    world.offsetMs += 30_000;
    expect(await verify()).toMatchObject({ failed: [] });
    world.emu.admin.resumeReplication(bucket, ruleId);
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 0);
    world.offsetMs += 60_000;
    expect(await verify()).toMatchObject({ verified: 1, failed: [] });
  });

  it('diagnoses a rule that is still starting at the deadline as RuleStillStarting', async () => {
    const { bucket, ruleId } = await managedBucket(world, 'starting');
    // Rules count as starting for this long after creation, so the rule is back to starting.
    const before = world.emu.admin.setTimings({});
    world.emu.admin.setTimings({ startingMs: 3_600_000 });
    try {
      await verify();
      expect((await verifyAfterDeadline()).failed).toEqual([{ bucket, ruleId, code: 'RuleStillStarting' }]);
    } finally {
      world.emu.admin.setTimings({ startingMs: before.startingMs });
    }
  });

  it('diagnoses a destination that refuses the check as AccessDenied, without waiting for the deadline', async () => {
    const { bucket, ruleId, destination } = await managedBucket(world, 'denied');
    await verify();
    world.emu.admin.addFault({ operation: 'HeadObject', bucket: destination, errorCode: 'AccessDenied', errorStatus: 403 });
    try {
      world.offsetMs += 1_000;
      expect((await verify()).failed).toEqual([{ bucket, ruleId, code: 'AccessDenied' }]);
      expect((await lastRecord(bucket))!.detail).toMatch(/RAM policy/);
    } finally {
      world.emu.admin.clearFaults();
    }
  });

  it('writes a new canary once verify.everyHours have passed since the last one, and not before', async () => {
    const { bucket, destination } = await managedBucket(world, 'periodic', 'dr-put');
    await verify();
    await until(async () => (await canaryObjects(world, destination, DEST_REGION)).length === 1);
    world.offsetMs += 1_000;
    await verify();
    expect(await pendingKeys(world, bucket)).toEqual([]);
    world.offsetMs += 3 * 3_600_000;
    await verify();
    expect(await pendingKeys(world, bucket)).toEqual([]);
    world.offsetMs += 3 * 3_600_000;
    await verify();
    expect(await pendingKeys(world, bucket)).toHaveLength(1);
    expect(await canaryObjects(world, bucket, SOURCE_REGION)).toHaveLength(1);
  });
});
