/**
 * `audit` and `resync` in-process against the emulator with the repository's config/policy.yaml: the
 * run lease they share with the audit function, what they refuse, and that a dry run writes nothing.
 */
import { captureIo } from '../../../cli/io';
import { runCli } from '../../../cli/run';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss';
import { AUDIT_LEASE, auditDocumentKey, DocumentLeaseManager, OssDocumentStore, QUARANTINE_PREFIX } from '../../../shared/state';

const STATE_BUCKET = 'autopilot-state-cli-audit';
let emulator: RunningEmulator;
let oss: OssClient;
let env: Record<string, string>;
let n = 0;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(env);
  const map = Object.entries(emulator.endpoints)
    .map(([region, url]) => `${region}=${url}`)
    .join(',');
  const code = await runCli([...argv, '--emulator', map, '--state-bucket', STATE_BUCKET], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** A tagged bucket with a few objects, configured by `apply`, its rule in `doing`. */
async function appliedBucket(): Promise<string> {
  const bucket = `cli-audit-${(n += 1)}-${Math.random().toString(36).slice(2, 6)}`;
  await oss.putBucket({ bucket });
  for (const key of ['a', 'b']) await oss.putObject({ bucket, key, body: key });
  await oss.putBucketTags({ bucket }, [{ key: 'replication-policy', value: 'dr-beijing' }]);
  expect((await cli(['apply', '--bucket', bucket, '--yes'])).code).toBe(0);
  const end = Date.now() + 5000;
  while (!(await oss.getBucketReplication({ bucket })).rules.every((r) => r.status === 'doing')) {
    if (Date.now() > end) throw new Error('rule not doing');
    await new Promise((r) => setTimeout(r, 20));
  }
  return bucket;
}

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { 'cn-hangzhou': 0, 'cn-beijing': 0, 'cn-shanghai': 0 },
    ruleStartingMs: 50,
    replicationDelayMs: 20,
    tickMs: 10,
  });
  const credentials = emulator.credentials[0]!;
  env = { ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret };
  oss = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
  await oss.putBucket({ bucket: STATE_BUCKET });
});
afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

it('audit refuses to run beside another audit run holding the lease, says so and exits 1', async () => {
  const bucket = await appliedBucket();
  const leases = new DocumentLeaseManager(new OssDocumentStore({ oss, bucket: STATE_BUCKET }));
  const held = await leases.acquire(AUDIT_LEASE, 'audit-function', 60_000);
  try {
    const { code, err } = await cli(['audit', '--bucket', bucket]);
    expect(code).toBe(1);
    expect(err).toContain('an audit run is in progress');
  } finally {
    await held?.release();
  }
});

it('resync before any audit says to run one first and copies nothing', async () => {
  const bucket = await appliedBucket();
  const { code, out } = await cli(['resync', '--bucket', bucket, '--yes']);
  expect(code).toBe(1);
  expect(out).toContain(`no audit has run yet: run \`audit --bucket ${bucket}\` first`);
  expect(emulator.admin.requests({ operation: 'CopyObject' })).toEqual([]);
});

it('resync with a rule the bucket does not own is a usage error', async () => {
  const bucket = await appliedBucket();
  const { code, err } = await cli(['resync', '--bucket', bucket, '--rule', 'someone-elses-rule']);
  expect(code).toBe(2);
  expect(err).toContain('someone-elses-rule is not a rule this deployment owns');
});

it('audit of a healthy bucket reports its objects matched; a dry resync then has nothing to copy', async () => {
  const bucket = await appliedBucket();
  await new Promise((r) => setTimeout(r, 1100)); // the watermark must pass the objects' second
  const audit = await cli(['audit', '--bucket', bucket, '--json']);
  expect(audit.code).toBe(0);
  const rules = (
    JSON.parse(audit.out) as { rules: Array<{ outcome: { outcome: string }; audit: { lastFullPass: { counts: Record<string, number> } } }> }
  ).rules;
  expect(rules[0]!.outcome.outcome).toBe('passEnded');
  expect(rules[0]!.audit.lastFullPass.counts).toMatchObject({ matched: 2, missing: 0, different: 0 });
  const resync = await cli(['resync', '--bucket', bucket]);
  expect(resync.code).toBe(0);
  expect(resync.out).toContain('nothing missing or different');
  expect(resync.out).toContain('Dry run: 0 object(s) would be copied');
  expect(resync.out).not.toContain('--yes');
});

it('resync --yes that copies nothing does not promise a re-check', async () => {
  const bucket = await appliedBucket();
  await new Promise((r) => setTimeout(r, 1100)); // the watermark must pass the objects' second
  expect((await cli(['audit', '--bucket', bucket])).code).toBe(0);
  const { code, out } = await cli(['resync', '--bucket', bucket, '--yes']);
  expect(code).toBe(0);
  expect(out).toContain('Resync: 0 copied, 0 skipped, 0 failed.');
  expect(out).not.toContain('re-checks');
});

it('status leaves an audit document it cannot use where it is, for the audit function to move aside and report', async () => {
  const bucket = await appliedBucket();
  const ruleId = (await oss.getBucketReplication({ bucket })).rules[0]!.id!;
  const key = auditDocumentKey(bucket, ruleId);
  await oss.putObject({ bucket: STATE_BUCKET, key, body: 'not json' });
  const { code, out } = await cli(['status', '--bucket', bucket]);
  expect([code, out]).toEqual([0, expect.stringContaining(ruleId)]);
  expect((await oss.getObject({ bucket: STATE_BUCKET, key })).body.toString()).toBe('not json');
  expect((await oss.listObjectsV2({ bucket: STATE_BUCKET, prefix: `${QUARANTINE_PREFIX}audit/${bucket}/` })).contents).toEqual([]);
});

it('refuses resync without --bucket and a --max that is not a whole positive number', async () => {
  expect((await cli(['resync'])).code).toBe(2);
  expect((await cli(['resync', '--bucket', 'b', '--max', '0'])).err).toContain('--max wants a positive number');
  expect((await cli(['resync', '--bucket', 'b', '--max', '2.5'])).err).toContain('--max wants a whole number');
  expect((await cli(['audit', '--bucket', 'b', '--max', '3'])).err).toContain('--max does not apply to audit');
});
