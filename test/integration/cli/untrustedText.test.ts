/**
 * An object key is chosen by whoever may PutObject on a source bucket. `audit`, `resync` and `status`
 * print keys (and incident summaries naming them) to the operator's terminal: there they must show as
 * text, never clear the screen, set the title or forge a line of output. In-process against the emulator.
 */
import { captureIo } from '../../../cli/io';
import { runCli } from '../../../cli/run';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { emptyAlertsState, saveAlertsState, type Incident } from '../../../shared/alerts';
import { OssClient } from '../../../shared/oss';
import { OssDocumentStore } from '../../../shared/state';

const STATE_BUCKET = 'autopilot-state-cli-untrusted';
/** Clears the screen, sets the terminal's title, then forges a line of the audit's output. */
const KEY = 'evil\x1b[2J\x1b]0;owned\x07\nFAKE LINE: 0 missing';
const SHOWN = 'evil\\x1b[2J\\x1b]0;owned\\x07\\nFAKE LINE: 0 missing';
let emulator: RunningEmulator;
let oss: OssClient;
let env: Record<string, string>;
let bucket: string;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(env);
  const map = Object.entries(emulator.endpoints)
    .map(([region, url]) => `${region}=${url}`)
    .join(',');
  const code = await runCli([...argv, '--emulator', map, '--state-bucket', STATE_BUCKET], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Nothing a terminal acts on, and no line that starts with the forged text. */
function expectInert(text: string): void {
  // eslint-disable-next-line no-control-regex -- looking for them is the point
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(text.split('\n').filter((line) => line.startsWith('FAKE LINE'))).toEqual([]);
}

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 },
    ruleStartingMs: 50,
    replicationDelayMs: 20,
    tickMs: 10,
  });
  const credentials = emulator.credentials[0]!;
  env = { ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret };
  oss = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
  await oss.putBucket({ bucket: STATE_BUCKET });
  bucket = `cli-untrusted-${Math.random().toString(36).slice(2, 8)}`;
  await oss.putBucket({ bucket });
  await oss.putBucketTags({ bucket }, [{ key: 'replication-policy', value: 'dr-beijing' }]);
  expect((await cli(['apply', '--bucket', bucket, '--yes'])).code).toBe(0);
  const end = Date.now() + 5000;
  while (!(await oss.getBucketReplication({ bucket })).rules.every((r) => r.status === 'doing')) {
    if (Date.now() > end) throw new Error('rule not doing');
    await new Promise((r) => setTimeout(r, 20));
  }
  // The replication engine drops the hostile object, so the audit finds it missing and names it.
  emulator.admin.skipReplication({ bucket, prefix: 'evil' });
  await oss.putObject({ bucket, key: KEY, body: 'x' });
  await new Promise((r) => setTimeout(r, 1100)); // the watermark must pass the object's second
}, 20_000);

afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

it('audit shows the missing key escaped, on its own line of the report', async () => {
  const { out } = await cli(['audit', '--bucket', bucket]);
  expect(out).toContain(`missing: ${SHOWN}`);
  expectInert(out);
});

it("resync's dry run shows the key escaped in its item line", async () => {
  const { out } = await cli(['resync', '--bucket', bucket]);
  expect(out).toMatch(new RegExp(`would copy ${SHOWN.replace(/[\\[\]]/g, '\\$&')} \\(missing`));
  expectInert(out);
});

it("status shows an incident summary that names the key escaped, and the table's cells stay one line", async () => {
  const [rule] = (await oss.getBucketReplication({ bucket })).rules;
  const at = new Date().toISOString();
  const incident: Incident = {
    key: `${bucket}/${rule!.id}/parity`,
    kind: 'parity',
    severity: 'critical',
    rule: { bucket, region: 'cn-hangzhou', ruleId: rule!.id!, destinationBucket: `${bucket}-dr`, destinationRegion: 'cn-beijing' },
    summary: `1 missing object(s), e.g. ${KEY}.`,
    hint: 'resync',
    facts: {},
    state: 'open',
    openedAt: at,
    lastSeenAt: at,
    lastNotifiedAt: at,
    reminders: 0,
    flaps: 0,
  };
  const store = new OssDocumentStore({ oss, bucket: STATE_BUCKET });
  await saveAlertsState(store, { ...emptyAlertsState(new Date()), incidents: [incident] }, new Date());
  const { code, out } = await cli(['status', '--bucket', bucket]);
  expect(code).toBe(0);
  expect(out).toContain(`e.g. ${SHOWN}.`);
  expectInert(out);
});

it('--json keeps the key exact, as JSON escapes it', async () => {
  const { out } = await cli(['resync', '--bucket', bucket, '--json']);
  const doc = JSON.parse(out) as { rules: Array<{ items: Array<{ key: string }> }> };
  expect(doc.rules[0]!.items.map((i) => i.key)).toEqual([KEY]);
  expectInert(out);
});
