/**
 * The parity audit end to end on the emulator: a bucket of 3,000 objects backfilled by a real rule
 * while the engine silently drops chosen objects (the skip fault), audit runs with a small budget that
 * find exactly the dropped keys over several runs (built handler and CLI alike), the parity incident
 * the monitor opens, resync through the CLI (dry run, then --yes), and the next pass that re-checks the
 * copied keys first, matches, and lets the incident resolve.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAuditHandler } from '../../../functions/audit/handler';
import type { AuditSummary } from '../../../functions/audit/job';
import { captureIo } from '../../../cli/io';
import { runCli } from '../../../cli/run';
import { readAuditDocument, readFound, type AuditDocument } from '../../../shared/audit';
import { ensure, LocationCache } from '../../../shared/replication';
import { DocumentLeaseManager } from '../../../shared/state';
import { Inbox } from '../monitor/inbox';
import { invokeTimer, timerJobs } from '../monitor/jobs';
import { ACCOUNT, CREDENTIALS, DEST_REGION, SOURCE_REGION, startWorld, uniqueBucket, until, type World } from '../verify/harness';

const POLICY_YAML = `
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [ALL]
    verify: { delaySeconds: 0, timeoutSeconds: 120, everyHours: 6 }
    audit: { everyHours: 24, pagesPerRun: 2, headsPerRun: 8 }
    alerts: { channels: [hook], maxLagSeconds: 300, stalledAfterMinutes: 10 }
channels:
  hook: { type: webhook, url: "\${env:HOOK_URL}", secret: "\${env:HOOK_SECRET}" }
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"] }
`;
const OBJECTS = 3000;
const MINUTE = 60_000;
const key = (i: number): string => `data/${String(i).padStart(4, '0')}`;

let world: World;
let inbox: Inbox;
let dir: string;

beforeAll(async () => {
  [world, inbox] = await Promise.all([startWorld(POLICY_YAML), new Inbox().start()]);
  dir = mkdtempSync(join(tmpdir(), 'audit-e2e-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY_YAML);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([world.stop(), inbox.close()]);
});

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const audit = (): Promise<AuditSummary> =>
  invokeTimer(world, makeAuditHandler(world.policy, { config: world.config(inbox.env()), now: () => world.now() }));
const monitor = () => timerJobs(world, inbox).monitor();
const cli = async (argv: string[]) => {
  const io = captureIo({
    ALIBABA_CLOUD_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CREDENTIALS.accessKeySecret,
  });
  const emulator = Object.entries(world.emu.endpoints)
    .map(([r, u]) => `${r}=${u}`)
    .join(',');
  const code = await runCli(
    [...argv, '--policy', join(dir, 'policy.yaml'), '--emulator', emulator, '--state-bucket', world.stateBucket, '--region', SOURCE_REGION],
    io,
  );
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};
const messages = (bucket: string, type: string, kind: string) =>
  inbox.about('hook', bucket).filter((d) => d.body['type'] === type && d.text.includes(`"kind":"${kind}"`));
const parityMessages = (bucket: string, type: string) => messages(bucket, type, 'parity');

/** The source filled before its rule exists, so that the rule's backfill carries (or drops) every object. */
async function filledSource(objects = OBJECTS): Promise<{ bucket: string; destination: string; ruleId: string }> {
  const bucket = uniqueBucket('parity');
  const ref = { bucket, region: SOURCE_REGION };
  await world.oss.putBucket(ref);
  await world.oss.putBucketVersioning(ref, 'Enabled');
  await inParallel(
    Array.from({ length: objects }, (_, i) => i),
    (i) => world.oss.putObject({ ...ref, key: key(i), body: `object ${i}`, contentType: 'text/csv', metadata: { n: String(i) } }),
  );
  for (const k of ['secret/a', 'secret/b'])
    await world.oss.putObject({ ...ref, key: k, body: k, encryption: { algorithm: 'KMS', keyId: 'key-1' } });
  // The engine silently drops the backfill of data/0700..0709 (progress still reaches 100%).
  world.emu.admin.skipReplication({ bucket, prefix: 'data/070' });
  await world.oss.putBucketTags(ref, [{ key: 'replication-policy', value: 'dr' }]);
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
  const ruleId = (await ensure(bucket, deps, { region: SOURCE_REGION })).ruleIds[0]!;
  return { bucket, destination: `${bucket}-dr`, ruleId };
}

async function replicated(bucket: string, ruleId: string): Promise<void> {
  await until(async () => {
    const rule = world.emu.admin
      .state()
      .buckets.find((b) => b.name === bucket)
      ?.rules.find((r) => r.id === ruleId);
    return rule?.status === 'doing' && rule.queued === 0 && rule.historicalPending === 0;
  }, 15_000);
  // Listings give times to the second: let the watermark pass the newest write by a whole second.
  world.offsetMs += 2_000;
  world.emu.admin.tick();
}

async function auditUntilPassEnds(bucket: string, ruleId: string): Promise<{ runs: number; doc: AuditDocument }> {
  for (let runs = 1; runs <= 40; runs++) {
    const summary = await audit();
    const mine = summary.rules.find((r) => r.bucket === bucket && r.ruleId === ruleId);
    if (mine?.outcome === 'failed') throw new Error(`audit failed: ${mine.error}`);
    if (mine?.outcome === 'passEnded') return { runs, doc: (await readAuditDocument(world.state, bucket, ruleId))! };
  }
  throw new Error('the pass did not end in 40 runs');
}

async function foundKeys(doc: AuditDocument, pass: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const found of readFound(world.state, doc.bucket, doc.ruleId, pass)) keys.push(`${found.class}:${found.key}`);
  return keys.sort();
}

it('finds exactly the dropped objects over budgeted runs, alerts once, resyncs them, and resolves after a matching pass', async () => {
  const { bucket, destination, ruleId } = await filledSource();
  await replicated(bucket, ruleId);
  // After the backfill, the next three new writes of the rule are dropped too, and one extra object
  // appears only in the destination.
  world.emu.admin.skipReplication({ bucket, ruleId, count: 3 });
  for (const k of ['new/1', 'new/2', 'new/3', 'new/4']) await world.oss.putObject({ bucket, region: SOURCE_REGION, key: k, body: k });
  await world.oss.putObject({ bucket: destination, region: DEST_REGION, key: 'data/zz-only-here', body: 'extra' });
  await replicated(bucket, ruleId);
  const dropped = world.emu.admin
    .replicationSkips()
    .flatMap((f) => f.skipped.map((s) => `missing:${s.key}`))
    .sort();
  expect(dropped).toHaveLength(13);
  world.emu.admin.clearReplicationSkips();

  // The first run through the CLI, the others through the built handler, each within 2 pages and 8 HEADs.
  const first = await cli(['audit', '--bucket', bucket]);
  expect(first.code).toBe(0);
  expect(first.out).toContain(`rule ${ruleId}: walked`);
  const { runs, doc } = await auditUntilPassEnds(bucket, ruleId);
  expect(runs).toBeGreaterThan(2);
  const pass = doc.lastFullPass!;
  expect(await foundKeys(doc, pass.startedAt)).toEqual(dropped);
  expect(pass.counts).toMatchObject({
    matched: OBJECTS - 10 + 1,
    missing: 13,
    different: 0,
    extra: 1,
    unreplicable: 2,
    inFlight: 0,
    outOfScope: 0,
  });
  expect(pass.unreplicable).toEqual({ 'sse-kms': 2 });
  expect(pass.samples.extra?.map((s) => s.key)).toEqual(['data/zz-only-here']);
  expect(pass.runs).toBe(runs + 1);
  expect(pass.pages / pass.runs).toBeLessThanOrEqual(2);

  const opened = await monitor();
  expect(opened.findings.map((f) => f.kind)).toEqual(['parity']);
  expect(parityMessages(bucket, 'incident.opened')).toHaveLength(1);
  const status = await cli(['status', '--bucket', bucket]);
  expect(status.out).toContain('audit: 13 missing, 0 different (last full pass)');

  // Dry run: lists the 13 keys, writes nothing.
  const before = world.emu.admin.requests({ operation: 'CopyObject' }).length;
  const dry = await cli(['resync', '--bucket', bucket]);
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('Dry run: 13 object(s) would be copied onto themselves, 0 skipped.\nRun again with --yes.');
  expect(dry.out).toContain('is versioned: each copy makes a new version');
  expect(world.emu.admin.requests({ operation: 'CopyObject' })).toHaveLength(before);

  const done = await cli(['resync', '--bucket', bucket, '--rule', ruleId, '--yes']);
  expect(done.out).toContain('Resync: 13 copied, 0 skipped, 0 failed.\nThe next audit re-checks them first.');
  expect(world.emu.admin.requests({ operation: 'CopyObject' })).toHaveLength(before + 13);
  await replicated(bucket, ruleId);
  expect(await world.oss.headObject({ bucket: destination, region: DEST_REGION, key: 'data/0704' })).toMatchObject({
    contentType: 'text/csv',
    metadata: { n: '704' },
  });

  // The resync starts a pass at once; its first run re-checks the copied keys before walking on.
  const again = await auditUntilPassEnds(bucket, ruleId);
  expect(again.doc.lastRecheck).toMatchObject({ matched: 13, stillWrong: 0, waiting: 0 });
  expect(again.doc.lastFullPass!.counts).toMatchObject({ missing: 0, different: 0, unreplicable: 2, extra: 1 });
  expect(await foundKeys(again.doc, pass.startedAt)).toEqual([]); // the older pass's found keys are gone

  expect((await monitor()).findings).toEqual([]); // clearing: held for the quiet period
  world.offsetMs += 11 * MINUTE;
  expect((await monitor()).notifications).toMatchObject({ resolved: 1 });
  expect(parityMessages(bucket, 'incident.resolved')).toHaveLength(1);
  expect(parityMessages(bucket, 'incident.opened')).toHaveLength(1);
}, 60_000);

it('an audit that keeps failing says so in status and, after three failed runs in a row, opens an audit-failing incident that resolves once a run succeeds', async () => {
  const { bucket, destination, ruleId } = await filledSource(20);
  await replicated(bucket, ruleId);
  const mine = (findings: ReadonlyArray<{ key: string; kind: string }>) =>
    findings.filter((f) => f.key.startsWith(`${bucket}/`)).map((f) => f.kind);
  // Someone took the audit's right to list the destination.
  world.emu.admin.addFault({ operation: 'ListObjectsV2', bucket: destination, errorCode: 'AccessDenied', errorStatus: 403 });
  for (let run = 1; run <= 3; run++) {
    const outcome = (await audit()).rules.find((r) => r.ruleId === ruleId);
    expect(outcome).toMatchObject({ outcome: 'failed', error: expect.stringContaining('AccessDenied') });
    expect(mine((await monitor()).findings)).toEqual(run < 3 ? [] : ['audit-failing']);
  }
  expect(messages(bucket, 'incident.opened', 'audit-failing')).toHaveLength(1);
  const status = await cli(['status', '--bucket', bucket]);
  expect(status.out).toContain('3 runs failed (ListObjectsV2: AccessDenied); no gap');
  expect(status.out).toMatch(/last run FAILED at [^,]+, 3 in a row since [^:]+:\d\d:\d\d\.\d{3}Z: ListObjectsV2: AccessDenied \(403\)/);

  world.emu.admin.clearFaults();
  expect((await auditUntilPassEnds(bucket, ruleId)).doc.failing).toBeUndefined();
  expect(mine((await monitor()).findings)).toEqual([]);
  world.offsetMs += 11 * MINUTE;
  await monitor();
  expect(messages(bucket, 'incident.resolved', 'audit-failing')).toHaveLength(1);
}, 60_000);
