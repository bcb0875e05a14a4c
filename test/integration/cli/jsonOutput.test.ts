/**
 * With --json every command prints exactly one JSON document on stdout, success or failure
 * (`{"command", "ok", ...}`; a failure without a result of its own carries `error: {code, message,
 * hint}`), and human text only on stderr. In-process against the emulator.
 */
import { captureIo } from '../../../cli/io';
import { runCli } from '../../../cli/run';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss';

const STATE_BUCKET = 'autopilot-state-cli-json';
let emulator: RunningEmulator;
let oss: OssClient;
let env: Record<string, string>;
let connection: string[];

interface Run {
  readonly code: number;
  readonly stdout: string[];
  readonly err: string;
  readonly doc: { command: string | null; ok: boolean; error?: { code: string; message: string; hint?: string } };
}

async function cli(argv: string[], options: { env?: Record<string, string>; connect?: boolean } = {}): Promise<Run> {
  const io = captureIo(options.env ?? env);
  const code = await runCli([...argv, ...(options.connect === false ? [] : connection)], io);
  expect(io.stdout).toHaveLength(1);
  return { code, stdout: io.stdout, err: io.stderr.join('\n'), doc: JSON.parse(io.stdout[0]!) as Run['doc'] };
}

beforeAll(async () => {
  emulator = await startEmulator({ regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 } });
  const credentials = emulator.credentials[0]!;
  env = { ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret };
  oss = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
  await oss.putBucket({ bucket: STATE_BUCKET });
  await oss.putBucket({ bucket: 'json-untagged' });
  const map = Object.entries(emulator.endpoints)
    .map(([region, url]) => `${region}=${url}`)
    .join(',');
  connection = ['--emulator', map, '--state-bucket', STATE_BUCKET];
});

afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

describe('a --json failure is one JSON document on stdout, the words on stderr', () => {
  it.each([
    ['status', ['status', '--bucket', 'never-managed', '--json'], 'CLI_NOT_MANAGED'],
    ['resync', ['resync', '--bucket', 'json-untagged', '--json'], 'CLI_FAILURE'],
    ['resync', ['resync', '--bucket', 'json-untagged', '--rule', 'not-ours', '--json'], 'CLI_USAGE'],
    ['audit', ['audit', '--bucket', 'json-untagged', '--json'], undefined],
    ['verify', ['verify', '--bucket', 'json-untagged', '--json'], undefined],
    ['plan', ['plan', '--policy', '/nonexistent/policy.yaml', '--json'], 'CLI_NO_POLICY'],
    ['policy check', ['policy', 'check', '--file', '/nonexistent/policy.yaml', '--json'], 'CLI_NO_POLICY'],
  ])('%s (%j)', async (command, argv, code) => {
    const run = await cli(argv);
    expect(run.code).not.toBe(0);
    expect(run.doc).toMatchObject({ command, ok: false, ...(code ? { error: { code } } : {}) });
    expect(Object.keys(run.doc).slice(0, 2)).toEqual(['command', 'ok']);
    expect(run.err).not.toBe('');
  });

  it('names the missing credentials with a code of their own and a hint naming the ALIBABA_CLOUD_* variables', async () => {
    const run = await cli(['status', '--json'], { env: {} });
    expect(run.code).toBe(1);
    expect(run.doc).toEqual({
      command: 'status',
      ok: false,
      error: {
        code: 'CLI_NO_CREDENTIALS',
        message: 'no credentials in the environment',
        hint: expect.stringContaining('ALIBABA_CLOUD_ACCESS_KEY_ID'),
      },
    });
    expect(run.doc.error?.hint).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(run.err).toContain('error: no credentials in the environment\nset ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it("carries OSS's error code and the hint when OSS does not answer", async () => {
    const run = await cli(['status', '--json', '--emulator', 'cn-hangzhou=http://127.0.0.1:9', '--state-bucket', 'unreachable-state'], {
      connect: false,
    });
    expect(run.doc).toMatchObject({ command: 'status', ok: false, error: { hint: expect.stringContaining('OSS did not answer') } });
    expect(run.doc.error?.code).toMatch(/^[A-Z]/);
  });

  it('is a usage failure document when the command line does not parse', async () => {
    const run = await cli(['status', '--frobnicate', '--json'], { connect: false });
    expect([run.code, run.doc]).toEqual([
      2,
      { command: 'status', ok: false, error: { code: 'CLI_USAGE', message: 'unknown option --frobnicate' } },
    ]);
  });
});

describe('a --json success', () => {
  it('is the command\'s document with "ok": true after its name', async () => {
    const run = await cli(['status', '--json']);
    expect(run.code).toBe(0);
    expect(Object.keys(run.doc).slice(0, 2)).toEqual(['command', 'ok']);
    expect(run.doc).toMatchObject({ command: 'status', ok: true });
  });
});

describe('without --json', () => {
  it('says no credentials without an internal code in front, and what to set', async () => {
    const io = captureIo({});
    expect(await runCli(['status', ...connection], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/^error: no credentials in the environment\nset ALIBABA_CLOUD_ACCESS_KEY_ID/);
  });
});
