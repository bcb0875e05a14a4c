/**
 * The CLI in-process (runCli with captured I/O) against the real emulator over HTTP: plan, apply,
 * status, verify and policy check, with the repository's config/policy.yaml.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../cli/run';
import { captureIo, type CapturedIo, type CaptureOptions } from '../../../cli/io';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';

const STATE_BUCKET = 'autopilot-state-cli';
let emulator: RunningEmulator;
let oss: OssClient;
let env: Record<string, string>;
let counter = 0;

function emulatorFlag(): string {
  return Object.entries(emulator.endpoints)
    .map(([region, url]) => `${region}=${url}`)
    .join(',');
}

async function cli(
  argv: string[],
  options: CaptureOptions & { env?: Record<string, string> } = {},
): Promise<{ code: number; io: CapturedIo; out: string; err: string }> {
  const io = captureIo(options.env ?? env, options);
  const code = await runCli([...argv, '--emulator', emulatorFlag(), '--state-bucket', STATE_BUCKET], io);
  return { code, io, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function taggedBucket(policy = 'dr-beijing'): Promise<string> {
  const bucket = `cli-src-${(counter += 1)}-${Math.random().toString(36).slice(2, 6)}`;
  await oss.putBucket({ bucket });
  await oss.putBucketTags({ bucket }, [{ key: 'replication-policy', value: policy }]);
  return bucket;
}

// Position in the request log, not a timestamp: a setup write in the same millisecond must not count.
const mark = (): number => emulator.admin.requests().length;
const writes = (since: number) =>
  emulator.admin
    .requests()
    .slice(since)
    .filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { 'cn-hangzhou': 0, 'cn-beijing': 0, 'cn-shanghai': 0 },
    ruleStartingMs: 100,
    ruleClosingMs: 100,
    replicationDelayMs: 50,
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

describe('cli plan', () => {
  it('shows the create for a tagged bucket and sends no write request', async () => {
    const bucket = await taggedBucket();
    const since = mark();
    const { code, out } = await cli(['plan', '--bucket', bucket]);
    expect(code).toBe(0);
    expect(out).toContain(`${bucket} (cn-hangzhou): create`);
    expect(out).toMatch(new RegExp(`\\+ add rule autopilot-dr-beijing-[0-9a-f]{8}-[0-9a-f]{8} \\[dr-beijing\\] -> ${bucket}-dr`));
    expect(writes(since)).toEqual([]);
    expect((await oss.getBucketReplication({ bucket })).rules).toEqual([]);
  });

  it('prints the plan as JSON with --json', async () => {
    const bucket = await taggedBucket();
    const { code, out } = await cli(['plan', '--bucket', bucket, '--json']);
    const parsed = JSON.parse(out) as { results: Array<{ bucket: string; plan: { outcome: string } }> };
    expect(code).toBe(0);
    expect(parsed.results[0]).toMatchObject({ bucket, plan: { outcome: 'create' } });
  });

  it('plans every listed bucket when no --bucket is given', async () => {
    const bucket = await taggedBucket();
    const { out } = await cli(['plan']);
    expect(out).toContain(`${bucket} (cn-hangzhou): create`);
    expect(out).toContain(`${STATE_BUCKET} (cn-hangzhou): skip (StateBucket)`);
  });
});

describe('cli apply', () => {
  it('creates the owned rule with --yes', async () => {
    const bucket = await taggedBucket();
    const { code, out } = await cli(['apply', '--bucket', bucket, '--yes']);
    const rules = (await oss.getBucketReplication({ bucket })).rules;
    expect(code).toBe(0);
    expect(out).toContain(`${bucket} (cn-hangzhou): created`);
    expect(rules.map((r) => r.id)).toEqual([expect.stringMatching(/^autopilot-dr-beijing-/)]);
  });

  it('refuses without --yes when stdin is not a terminal (exit 2) and changes nothing', async () => {
    const bucket = await taggedBucket();
    const since = mark();
    const { code, err } = await cli(['apply', '--bucket', bucket]);
    expect(code).toBe(2);
    expect(err).toContain('--yes');
    expect(writes(since)).toEqual([]);
  });

  it('changes nothing when the person at the terminal declines', async () => {
    const bucket = await taggedBucket();
    const since = mark();
    const { code } = await cli(['apply', '--bucket', bucket], { interactive: true, answer: false });
    expect(code).toBe(1);
    expect(writes(since)).toEqual([]);
  });

  it('reports no changes on a second apply', async () => {
    const bucket = await taggedBucket();
    await cli(['apply', '--bucket', bucket, '--yes']);
    const { code, out } = await cli(['apply', '--bucket', bucket, '--yes']);
    expect(code).toBe(0);
    expect(out).toContain('No changes.');
  });
});

describe('cli status', () => {
  it('shows the owned rule of an applied bucket as a row of the status table', async () => {
    const bucket = await taggedBucket();
    await cli(['apply', '--bucket', bucket, '--yes']);
    const { code, out } = await cli(['status', '--bucket', bucket]);
    const [header, row] = out.split('\n');
    expect(code).toBe(0);
    expect(header).toMatch(/^BUCKET +RULE +DESTINATION +STATUS +BACKFILL +LAG +LAST CANARY +AUDIT +INCIDENTS$/);
    const rule = 'autopilot-dr-beijing-[0-9a-f]{8}-[0-9a-f]{8}';
    const canary = 'pending, next step (due now|in \\d+ s)';
    expect(row).toMatch(new RegExp(`^${bucket} +${rule} +${bucket}-dr \\(cn-beijing\\) +not sampled yet +- +- +${canary} +- +-$`));
  });

  it('gives machines the whole view with --json, the source size from GetBucketStat included', async () => {
    const bucket = await taggedBucket();
    await oss.putObject({ bucket, key: 'a.txt', body: 'x'.repeat(1000) });
    await cli(['apply', '--bucket', bucket, '--yes']);
    const { out } = await cli(['status', '--bucket', bucket, '--json']);
    const view = JSON.parse(out) as unknown;
    const size = { storageBytes: 1000, objectCount: 1 };
    expect(view).toMatchObject({ command: 'status', buckets: [{ size, rules: [{ history: [], canaries: [] }] }] });
  });

  it('redraws the table on every --watch interval until stopped', async () => {
    const bucket = await taggedBucket();
    await cli(['apply', '--bucket', bucket, '--yes']);
    const stop = new AbortController();
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      if (waits.length === 3) stop.abort();
    };
    const { code, io } = await cli(['status', '--bucket', bucket, '--watch', '--interval', '500'], { stop: stop.signal, sleep });
    expect([code, waits, io.stdout.length]).toEqual([0, [500, 500, 500], 3]);
    const screens = io.stdout.filter((s) => s.startsWith('Every 500 ms: status at ') && s.includes(`${bucket}-dr (cn-beijing)`));
    expect(screens).toHaveLength(3);
  });

  it('exits 1 for a bucket that was never managed', async () => {
    const { code, err } = await cli(['status', '--bucket', 'never-managed-bucket']);
    expect(code).toBe(1);
    expect(err).toContain('never managed');
  });

  it('prints only the error for a bucket that was never managed, with what to run instead', async () => {
    const { out, err } = await cli(['status', '--bucket', 'never-managed-bucket']);
    expect(out).toBe('');
    const what = 'See what ensure would do with: oss-replication plan --bucket never-managed-bucket';
    expect(err).toBe(`error: never-managed-bucket has no state: it was never managed. ${what}`);
  });
});

describe('cli plan and apply: what a person sees', () => {
  const policyFile = (prefixes: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(
      file,
      `version: 1
selector: { tagKey: replication-policy }
policies:
  dr-beijing:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    prefixes: ${prefixes}
channels: {}
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"], maxChangesPerRun: 50 }
`,
    );
    return file;
  };

  it('shows every field of a rule it would add', async () => {
    const bucket = await taggedBucket();
    const { out } = await cli(['plan', '--bucket', bucket]);
    const fields = [`+ destination: ${bucket}-dr (oss-cn-beijing)`, '+ prefixes: (whole bucket)', '+ actions: ALL'];
    expect(out).toContain(fields.map((f) => `      ${f}`).join('\n'));
  });

  it('shows a policy change as the fields that change between the rule in place and its replacement', async () => {
    const bucket = await taggedBucket();
    await cli(['apply', '--bucket', bucket, '--yes', '--policy', policyFile('[logs/]')]);
    const { code, out } = await cli(['plan', '--bucket', bucket, '--policy', policyFile('[logs/, audit/]')]);
    expect(code).toBe(0);
    expect(out).toMatch(/- delete rule autopilot-dr-beijing-\S+ \(replaced by autopilot-dr-beijing-\S+\)/);
    expect(out).toContain('      ~ prefixes: logs/ -> audit/, logs/');
    expect(out).not.toContain('~ actions');
  });

  it('draws a progress bar on stderr over many buckets when stderr is a terminal', async () => {
    await taggedBucket();
    const { io } = await cli(['plan'], { errIsTerminal: true });
    const buckets = (await oss.listBuckets()).length;
    expect(io.drawn.filter((d) => new RegExp(` *\\d+/${buckets} planning  `).test(d))).toHaveLength(buckets);
    expect(io.drawn.at(-1)).toBe('\r\u001b[K');
  });

  it('draws no progress bar with --json, nor when stderr is not a terminal', async () => {
    await taggedBucket();
    const [json, piped] = [await cli(['plan', '--json'], { errIsTerminal: true }), await cli(['plan'])];
    expect([json.io.drawn, piped.io.drawn]).toEqual([[], []]);
  });
});

describe('cli verify', () => {
  it('proves an applied rule with a canary and prints its latency', async () => {
    const bucket = await taggedBucket();
    await cli(['apply', '--bucket', bucket, '--yes']);
    const { code, out } = await cli(['verify', '--bucket', bucket, '--interval', '100', '--timeout', '10']);
    expect(code).toBe(0);
    expect(out).toMatch(/verified: replication latency \d+ ms/);
  });

  it('fails with a diagnosis when replication is paused', async () => {
    const bucket = await taggedBucket();
    await cli(['apply', '--bucket', bucket, '--yes']);
    const [rule] = (await oss.getBucketReplication({ bucket })).rules;
    emulator.admin.pauseReplication(bucket, rule!.id!);
    const { code, out } = await cli(['verify', '--bucket', bucket, '--interval', '100', '--timeout', '1']);
    expect(code).toBe(1);
    expect(out).toMatch(/FAILED: \w+: /);
  });

  it('exits 1 when the bucket has no owned rule', async () => {
    const bucket = await taggedBucket();
    const { code, err } = await cli(['verify', '--bucket', bucket]);
    expect(code).toBe(1);
    expect(err).toContain('no active replication rule owned by this deployment');
  });
});

describe('cli policy check and usage', () => {
  it('accepts the shipped policy file', async () => {
    const { code, out } = await cli(['policy', 'check', '--file', 'config/policy.yaml']);
    expect(code).toBe(0);
    expect(out).toContain('ok, 2 policies');
  });

  it('lists the issues of an invalid policy file and exits 1', async () => {
    const { code, err } = await cli(['policy', 'check', '--file', 'test/fixtures/policy/invalid.yaml']);
    expect(code).toBe(1);
    expect(err).toMatch(/issue\(s\)/);
  });

  it("lists an invalid policy file's issues in line order", async () => {
    const { err } = await cli(['policy', 'check', '--file', 'test/fixtures/policy/invalid.yaml']);
    const lines = [...err.matchAll(/^ {2}line (\d+):/gm)].map((m) => Number(m[1]));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("prints one command's own help with <command> --help", async () => {
    for (const command of ['plan', 'apply', 'status', 'verify']) {
      const { code, out } = await cli([command, '--help']);
      expect([code, out.split('\n')[0]]).toEqual([0, expect.stringMatching(new RegExp(`^usage: oss-replication ${command} `))]);
    }
    expect((await cli(['policy', 'check', '--help'])).out).toMatch(/^usage: oss-replication policy check /);
  });

  it('says what to do when OSS does not answer', async () => {
    const io = captureIo(env);
    const code = await runCli(['status', '--emulator', 'cn-hangzhou=http://127.0.0.1:9', '--state-bucket', STATE_BUCKET], io);
    const hint = 'OSS did not answer at http://127.0.0.1:9: is the emulator running';
    expect([code, io.stderr.join('\n')]).toEqual([1, expect.stringContaining(hint)]);
  });

  it('exits 2 for --interval on status without --watch', async () => {
    expect((await cli(['status', '--interval', '100'])).code).toBe(2);
  });

  it('exits 2 on an unknown command', async () => {
    expect((await cli(['deploy'])).code).toBe(2);
  });

  it('exits 2 when verify has no --bucket', async () => {
    expect((await cli(['verify'])).code).toBe(2);
  });

  it('runs status and resync without reading a policy file, so a missing one is no error there', async () => {
    const status = await cli(['status', '--policy', '/nonexistent/policy.yaml']);
    const resync = await cli(['resync', '--bucket', await taggedBucket(), '--policy', '/nonexistent/policy.yaml']);
    expect([status.code, status.err]).toEqual([0, '']);
    expect(resync.err).not.toContain('policy');
  });

  it('says to pass --policy FILE, exit 2, when a command that reads the policy finds no file', async () => {
    for (const command of [['plan'], ['apply', '--yes'], ['verify', '--bucket', 'b'], ['audit', '--bucket', 'b']]) {
      const { code, err } = await cli([...command, '--policy', '/nonexistent/policy.yaml']);
      const hint = 'this command reads the policy: name the YAML this deployment was built with with --policy FILE';
      expect([command[0], code, err]).toEqual([
        command[0],
        2,
        `error: no policy file at /nonexistent/policy.yaml\n${hint} (config/policy.example.yaml documents every field).`,
      ]);
    }
  });

  it('says to pass --file F when policy check finds no file', async () => {
    const { code, err } = await cli(['policy', 'check', '--file', '/nonexistent/policy.yaml']);
    expect([code, err]).toEqual([2, expect.stringContaining('name the file to check with --file FILE')]);
  });

  it('exits 1 without credentials and names the variables, not values', async () => {
    const { code, err } = await cli(['plan'], { env: {} });
    expect(code).toBe(1);
    expect(err).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('never prints the access key secret, even on errors', async () => {
    const bucket = await taggedBucket();
    emulator.admin.addFault({ operation: 'GetBucketTags', bucket, errorCode: 'AccessDenied', errorStatus: 403 });
    const runs = [await cli(['plan', '--bucket', bucket]), await cli(['apply', '--bucket', bucket, '--yes', '--json'])];
    emulator.admin.clearFaults();
    for (const { out, err } of runs) expect(`${out}\n${err}`).not.toContain(env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  });
});
