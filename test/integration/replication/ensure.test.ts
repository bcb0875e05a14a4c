import { silentLogger } from '../../../shared/log';
import type { OssClient } from '../../../shared/oss/client';
import type { Policy } from '../../../shared/policy/types';
import { applyPlan } from '../../../shared/replication/apply';
import { ChangeBudget } from '../../../shared/replication/budget';
import { ensure } from '../../../shared/replication/ensure';
import { isOwned, ruleOwnership } from '../../../shared/replication/ruleIds';
import { observeDestinations, observeSource } from '../../../shared/replication/observe';
import { planBucket } from '../../../shared/replication/plan';
import { getBucketState } from '../../../shared/state/bucketState';
import { createdDestinationKey, PENDING_CANARIES_PREFIX } from '../../../shared/state/keys';
import type { ReplicationRule } from '../../../shared/xml/types';
import { makeDoc, makePolicy } from '../../unit/replication/fixtures';
import { clientFor, startHarnessEmulator, uniqueBucket, world, type EmulatorHandle } from './harness';

const PREFIX = 'autopilot-';
/** The harness's deployment (state bucket `autopilot-state`). */
const OURS = ruleOwnership(PREFIX, 'autopilot-state', []);
const CLOSING_MS = 400;
const suite = describe;

let emu: EmulatorHandle;
let oss: OssClient;

const policy = makePolicy({ prefixes: ['logs/'], actions: ['PUT', 'DELETE'], historical: false });
const doc = makeDoc([policy]);

async function source(stem: string, tag: string | undefined = 'dr-beijing', versioned = false): Promise<string> {
  const bucket = uniqueBucket(stem);
  await oss.putBucket({ bucket, region: 'cn-hangzhou' });
  if (versioned) await oss.putBucketVersioning({ bucket, region: 'cn-hangzhou' }, 'Enabled');
  if (tag !== undefined) await oss.putBucketTags({ bucket, region: 'cn-hangzhou' }, [{ key: 'replication-policy', value: tag }]);
  return bucket;
}

async function rulesOf(bucket: string): Promise<ReplicationRule[]> {
  return (await oss.getBucketReplication({ bucket, region: 'cn-hangzhou' })).rules;
}

async function activeOwned(bucket: string): Promise<ReplicationRule[]> {
  return (await rulesOf(bucket)).filter((r) => isOwned(r.id, OURS) && r.status !== 'closing');
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

beforeAll(async () => {
  emu = await startHarnessEmulator(CLOSING_MS);
  oss = clientFor(emu);
});
afterAll(async () => {
  oss?.destroy();
  await emu?.close();
});

suite('ensure against the emulator: configure', () => {
  it('adds a rule on a tagged bucket that matches the policy field by field', async () => {
    const bucket = await source('photos');
    const result = await ensure(bucket, world(oss, doc).deps, { region: 'cn-hangzhou' });
    const [rule] = await activeOwned(bucket);
    expect(result.outcome).toBe('created');
    expect(rule).toMatchObject({
      id: result.ruleId,
      prefixes: ['logs/'],
      actions: ['PUT', 'DELETE'],
      destination: { bucket: `${bucket}-dr`, location: 'oss-cn-beijing' },
      historicalObjectReplication: 'disabled',
    });
  });

  it('creates the missing destination in the policy region with the source versioning', async () => {
    const bucket = await source('versioned', 'dr-beijing', true);
    await ensure(bucket, world(oss, doc).deps);
    const facts = await observeDestinations(oss, [{ bucket: `${bucket}-dr`, region: 'cn-beijing' }]);
    expect(facts[`${bucket}-dr`]).toMatchObject({ exists: true, region: 'cn-beijing', versioning: 'Enabled' });
  });

  it('schedules the first canary check and records the owned rule', async () => {
    const bucket = await source('recorded');
    const { deps, state } = world(oss, doc);
    const result = await ensure(bucket, deps);
    const pending = await state.list(PENDING_CANARIES_PREFIX);
    const recorded = await getBucketState(state, bucket);
    expect(pending.filter((k) => k.includes(bucket))).toHaveLength(1);
    expect(recorded.rules.map((r) => r.ruleId)).toEqual([result.ruleId]);
  });

  it('is unchanged on a second run and applies nothing', async () => {
    const bucket = await source('again');
    const { deps } = world(oss, doc);
    await ensure(bucket, deps);
    const second = await ensure(bucket, deps);
    expect([second.outcome, second.applied]).toEqual(['unchanged', []]);
  });

  it('says a new bucket was not blocked before, and a bucket whose record said blocked was', async () => {
    const bucket = await source('wasblocked', 'no-such-policy');
    const { deps } = world(oss, doc);
    const first = await ensure(bucket, deps);
    await oss.putBucketTags({ bucket, region: 'cn-hangzhou' }, [{ key: 'replication-policy', value: 'dr-beijing' }]);
    const second = await ensure(bucket, deps);
    expect([first.outcome, first.wasBlocked, second.outcome, second.wasBlocked]).toEqual(['blocked', false, 'created', true]);
  });

  it('changes nothing in dry-run', async () => {
    const bucket = await source('dry');
    const result = await ensure(bucket, world(oss, doc).deps, { dryRun: true });
    expect([result.outcome, (await rulesOf(bucket)).length]).toEqual(['created', 0]);
  });

  it('skips a change with ChangeBudgetExhausted once the run budget is spent', async () => {
    const bucket = await source('budget');
    const result = await ensure(bucket, world(oss, doc).deps, { budget: new ChangeBudget(0) });
    expect([result.outcome, result.reason?.code, (await rulesOf(bucket)).length]).toEqual(['skipped', 'ChangeBudgetExhausted', 0]);
  });

  it('blocks an adopted unversioned destination of a versioned source when the policy does not enable versioning', async () => {
    const adopting = makeDoc([makePolicy({ destination: { ...policy.destination, existing: 'adopt' } })]);
    const bucket = await source('mismatch', 'dr-beijing', true);
    await oss.putBucket({ bucket: `${bucket}-dr`, region: 'cn-beijing' });
    const result = await ensure(bucket, world(oss, adopting).deps);
    const versioning = await oss.getBucketVersioning({ bucket: `${bucket}-dr`, region: 'cn-beijing' });
    expect([result.outcome, result.reason?.code, (await rulesOf(bucket)).length, versioning]).toEqual([
      'blocked',
      'VersioningMismatch',
      0,
      undefined,
    ]);
  });
});

suite('ensure against the emulator: concurrency and ownership', () => {
  it('leaves exactly one owned rule after 20 concurrent ensures of one bucket', async () => {
    const bucket = await source('twenty');
    const { deps } = world(oss, doc);
    const results = await Promise.all(Array.from({ length: 20 }, () => ensure(bucket, deps)));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(await activeOwned(bucket)).toHaveLength(1);
  });

  it('treats BucketReplicationAlreadyExist as success when 20 unserialised ensures race', async () => {
    const bucket = await source('race');
    const noLease = { acquire: async (name: string, owner: string) => ({ name, owner, expiresAt: '', release: async () => undefined }) };
    const { deps } = world(oss, doc, { leases: noLease });
    const results = await Promise.all(Array.from({ length: 20 }, () => ensure(bucket, deps)));
    expect(results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(await activeOwned(bucket)).toHaveLength(1);
  });

  it('never modifies or deletes a foreign rule', async () => {
    const bucket = await source('foreign');
    await oss.putBucket({ bucket: `${bucket}-other`, region: 'cn-shanghai' });
    const foreign: ReplicationRule = {
      id: 'hand-made',
      prefixes: [],
      actions: ['ALL'],
      destination: { bucket: `${bucket}-other`, location: 'oss-cn-shanghai' },
      historicalObjectReplication: 'enabled',
    };
    await oss.putBucketReplication({ bucket, region: 'cn-hangzhou' }, foreign);
    const { deps } = world(oss, makeDoc([policy], { onUntag: 'remove' }));
    await ensure(bucket, deps);
    await oss.deleteBucketTags({ bucket, region: 'cn-hangzhou' });
    await ensure(bucket, deps);
    const kept = (await rulesOf(bucket)).find((r) => r.id === 'hand-made');
    expect(kept).toMatchObject({ destination: foreign.destination, status: expect.not.stringMatching('closing') });
  });

  it('reports a foreign rule to the desired destination instead of adding a duplicate', async () => {
    const bucket = await source('dup');
    await oss.putBucket({ bucket: `${bucket}-dr`, region: 'cn-beijing' });
    await oss.putBucketReplication(
      { bucket, region: 'cn-hangzhou' },
      {
        id: 'theirs',
        prefixes: [],
        actions: ['ALL'],
        destination: { bucket: `${bucket}-dr`, location: 'oss-cn-beijing' },
        historicalObjectReplication: 'enabled',
      },
    );
    const result = await ensure(bucket, world(oss, doc).deps);
    expect([result.outcome, result.plan?.notes[0]?.code, (await rulesOf(bucket)).length]).toEqual([
      'unchanged',
      'ForeignRuleToDestination',
      1,
    ]);
  });

  it('removes only owned rules when the tag goes and onUntag is remove', async () => {
    const bucket = await source('untag');
    const { deps } = world(oss, makeDoc([policy], { onUntag: 'remove' }));
    await ensure(bucket, deps);
    await oss.deleteBucketTags({ bucket, region: 'cn-hangzhou' });
    const result = await ensure(bucket, deps);
    expect([result.outcome, (await activeOwned(bucket)).length]).toEqual(['removed', 0]);
  });

  it('keeps owned rules when the tag goes and onUntag is keep', async () => {
    const bucket = await source('keep');
    const { deps } = world(oss, doc);
    await ensure(bucket, deps);
    await oss.deleteBucketTags({ bucket, region: 'cn-hangzhou' });
    const result = await ensure(bucket, deps);
    expect([result.outcome, (await activeOwned(bucket)).length]).toEqual(['skipped', 1]);
  });
});

suite('ensure against the emulator: policy changes and crashes', () => {
  const changed: Policy = { ...policy, prefixes: ['logs/', 'img/'] };

  it('replaces the rule across runs: delete, wait while closing, then add', async () => {
    const bucket = await source('replace');
    const { deps } = world(oss, doc);
    const first = await ensure(bucket, deps);
    const pending = await ensure(bucket, { ...deps, policy: makeDoc([changed]) });
    expect([pending.outcome, pending.reason?.code]).toEqual(['replaced', 'ClosingInProgress']);
    await sleep(CLOSING_MS + 100);
    const done = await ensure(bucket, { ...deps, policy: makeDoc([changed]) });
    const owned = await activeOwned(bucket);
    expect(owned.map((r) => r.id)).toEqual([done.ruleId]);
    expect(done.ruleId).not.toBe(first.ruleId);
  });

  it('finishes a replacement that crashed between delete and add on the next run', async () => {
    const bucket = await source('crash');
    const base = world(oss, doc).deps;
    await ensure(bucket, base);
    const deps = { ...base, policy: makeDoc([changed]) };
    const src = await observeSource(oss, bucket, 'cn-hangzhou');
    // The destination the first run created, as ensure's own observation marks it.
    const facts = { exists: true as const, region: 'cn-beijing', versioning: 'unversioned' as const, createdHere: true };
    const obs = { ...src!, destinations: { [`${bucket}-dr`]: facts } };
    const ownership = ruleOwnership(
      PREFIX,
      'autopilot-state',
      (await getBucketState(deps.state, bucket)).rules.map((r) => r.ruleId),
    );
    const plan = planBucket(obs, makeDoc([changed]), {
      ownership,
      account: deps.account,
      replicationLocation: await oss.getBucketReplicationLocation({ bucket, region: 'cn-hangzhou' }),
    });
    // The "crash": only the delete runs.
    await applyPlan(
      { ...plan, steps: plan.steps.slice(0, 1) },
      {
        oss,
        state: deps.state,
        policy: deps.policy,
        now: () => new Date(),
        sleep,
        closingPolls: 1,
        closingPollMs: 1,
        logger: silentLogger(),
      },
    );
    await sleep(CLOSING_MS + 100);
    const next = await ensure(bucket, deps);
    expect([next.outcome, (await activeOwned(bucket)).map((r) => r.id)]).toEqual(['created', [next.ruleId]]);
  });
});

suite('ensure against the emulator: crash while creating the destination', () => {
  const strict = makeDoc([makePolicy({ destination: { ...policy.destination, enableVersioning: false } })]);
  const dr = (bucket: string) => ({ bucket: `${bucket}-dr`, region: 'cn-beijing' });

  it('aligns the versioning of a destination it created when the run failed between PutBucket and PutBucketVersioning', async () => {
    const bucket = await source('halfmade', 'dr-beijing', true);
    const { deps } = world(oss, strict);
    await emu.fault({ operation: 'PutBucketVersioning', bucket: `${bucket}-dr`, count: 4, kind: '503' });
    const crashed = await ensure(bucket, deps);
    await emu.clearFaults();
    const between = (await observeDestinations(oss, [{ bucket: `${bucket}-dr`, region: 'cn-beijing' }]))[`${bucket}-dr`];
    const next = await ensure(bucket, deps);
    const after = (await observeDestinations(oss, [{ bucket: `${bucket}-dr`, region: 'cn-beijing' }]))[`${bucket}-dr`];
    expect([crashed.outcome, between]).toEqual([
      'failed',
      expect.objectContaining({ exists: true, region: 'cn-beijing', versioning: 'unversioned' }),
    ]);
    expect([next.outcome, after, (await activeOwned(bucket)).length]).toEqual([
      'created',
      expect.objectContaining({ exists: true, region: 'cn-beijing', versioning: 'Enabled' }),
      1,
    ]);
  });

  it('records the destination it created in destinations/<bucket>.json', async () => {
    const bucket = await source('marker');
    const { deps, state } = world(oss, doc);
    await ensure(bucket, deps);
    expect((await state.get(createdDestinationKey(`${bucket}-dr`)))?.value).toMatchObject({
      bucket: `${bucket}-dr`,
      source: bucket,
      region: 'cn-beijing',
    });
  });

  it('records the creation date of the destination it created, as GetBucketInfo reports it', async () => {
    const bucket = await source('dated');
    const { deps, state } = world(oss, doc);
    await ensure(bucket, deps);
    const { creationDate } = await oss.getBucketInfo(dr(bucket));
    expect((await state.get(createdDestinationKey(`${bucket}-dr`)))?.value).toMatchObject({ creationDate });
  });

  it('never versions, nor records, a bucket that PutBucket found already there (a race with another creator)', async () => {
    const bucket = await source('raced', 'dr-beijing', true);
    await oss.putBucket(dr(bucket)); // someone else's, made well before this deployment asked (see `later`)
    const { state } = world(oss, doc);
    const later = () => new Date(Date.now() + 600_000);
    const plan = {
      bucket,
      region: 'cn-hangzhou',
      outcome: 'create' as const,
      notes: [],
      policies: [],
      steps: [{ kind: 'createDestination' as const, ...dr(bucket), versioning: 'Enabled' as const }],
    };
    const report = await applyPlan(plan, {
      oss,
      state,
      policy: doc,
      now: later,
      sleep,
      closingPolls: 1,
      closingPollMs: 1,
      logger: silentLogger(),
    });
    expect([
      (report.error as { code?: string }).code,
      await state.get(createdDestinationKey(`${bucket}-dr`)),
      await oss.getBucketVersioning(dr(bucket)),
    ]).toEqual(['DestinationNotOwned', undefined, undefined]);
  });

  it('keeps no record of a destination whose creation failed', async () => {
    const bucket = await source('nomarker');
    const { deps, state } = world(oss, doc);
    await emu.fault({ operation: 'PutBucket', bucket: `${bucket}-dr`, count: 4, kind: '503' });
    const result = await ensure(bucket, deps);
    await emu.clearFaults();
    expect([result.outcome, await state.get(createdDestinationKey(`${bucket}-dr`))]).toEqual(['failed', undefined]);
  });

  it('refuses a destination someone else created, changing neither its versioning nor its rules', async () => {
    const bucket = await source('theirs', 'dr-beijing', true);
    await oss.putBucket(dr(bucket));
    const result = await ensure(bucket, world(oss, doc).deps);
    expect([result.outcome, result.reason?.code, await oss.getBucketVersioning(dr(bucket)), (await rulesOf(bucket)).length]).toEqual([
      'blocked',
      'DestinationNotOwned',
      undefined,
      0,
    ]);
  });

  it('refuses a destination it created once that was deleted and re-created by someone else since', async () => {
    const bucket = await source('recreated');
    const { deps } = world(oss, doc);
    const first = await ensure(bucket, deps);
    await oss.deleteBucketReplication({ bucket, region: 'cn-hangzhou' }, first.ruleId!);
    await sleep(CLOSING_MS + 100);
    await oss.deleteBucket(dr(bucket));
    await sleep(1100); // OSS dates buckets to the second: the new bucket must be born in a later one
    await oss.putBucket(dr(bucket));
    const again = await ensure(bucket, deps);
    expect([first.outcome, again.outcome, again.reason?.code]).toEqual(['created', 'blocked', 'DestinationNotOwned']);
  });
});

suite('ensure against the emulator: faults', () => {
  it('survives 503 answers on reads through the client retries', async () => {
    const bucket = await source('flaky');
    await emu.fault({ operation: 'GetBucketReplication', bucket, count: 2, kind: '503' });
    const result = await ensure(bucket, world(oss, doc).deps);
    expect([result.outcome, (await activeOwned(bucket)).length, emu.faultedRequests('GetBucketReplication')]).toEqual(['created', 1, 2]);
  });

  it('adds the rule on the next run after a connection reset on the add', async () => {
    const bucket = await source('reset');
    const { deps } = world(oss, doc);
    await emu.fault({ operation: 'PutBucketReplication', bucket, count: 4, kind: 'reset' });
    const first = await ensure(bucket, deps);
    await emu.clearFaults();
    const second = await ensure(bucket, deps);
    expect([first.outcome, first.retryable]).toEqual(['failed', true]);
    expect([second.outcome, (await activeOwned(bucket)).length]).toEqual(['created', 1]);
  });
});
