/**
 * What a platform engineer meets on a fresh machine: the `npm start` lines are run exactly as
 * printed (the ali-oss snippet as a node script, the CLI lines in a shell) against a real stack on
 * ephemeral ports, the default log level stays quiet on expected lease contention, and start-up
 * failures read as one cause and what to do.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseStackArgs } from '../../../local/stack/args';
import { startFailureMessage } from '../../../local/stack/messages';
import { aliOssSnippet, cliHints } from '../../../local/stack/snippets';
import { startStack } from '../../../local/stack/startStack';
import type { RunningStack } from '../../../local/stack/types';
import { OssClient } from '../../../shared/oss/client';
import { compilePolicy } from '../../../shared/policy/compile';
import { PolicyValidationError } from '../../../shared/policy/errors';

const run = promisify(execFile);
const REPO = resolve(__dirname, '../../..');

let stack: RunningStack;
let oss: OssClient;
let dir: string;
const logLines: string[] = [];

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'first-run-'));
  // The shipped policy, as `npm start` loads it; the default (warn) log level of `npm start`.
  stack = await startStack({
    port: 0,
    regions: { 'cn-hangzhou': 0, 'cn-beijing': 0, 'cn-shanghai': 0 },
    intervals: { reconcileMs: 600_000, verifyMs: 600_000, monitorMs: 600_000 },
    ruleStartingMs: 100,
    ruleClosingMs: 100,
    logLevel: 'warn',
    logSink: (line) => logLines.push(line),
  });
  oss = new OssClient({
    region: 'cn-hangzhou',
    credentials: stack.emulator.credentials[0]!,
    endpoint: { kind: 'map', endpoints: stack.endpoints },
  });
});

afterAll(async () => {
  oss?.destroy();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start: the printed lines work as printed', () => {
  it('runs the ali-oss snippet as a node script, and its bucket gets the rule', async () => {
    const script = join(dir, 'try-it.js');
    writeFileSync(script, aliOssSnippet(stack.endpoints, stack.emulator.credentials[0]!, stack.region));
    // As if saved in the repository: ali-oss resolves from its node_modules.
    const { stdout } = await run(process.execPath, [script], { env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') } });
    expect(stdout).toContain('my-photos created and tagged');
    const rule = await waitFor('owned rule on my-photos', async () =>
      (await oss.getBucketReplication({ bucket: 'my-photos' })).rules.find((r) => r.id?.startsWith('autopilot-dr-beijing-')),
    );
    expect(rule.destination).toEqual(expect.objectContaining({ bucket: 'my-photos-dr' }));
  });

  it("shows the new rule's canary as pending, with its next verify step, in /api/status and cli status", async () => {
    const rule = await waitFor(
      'my-photos rule in /api/status',
      async () => (await stack.status()).buckets.find((b) => b.bucket === 'my-photos')?.rules[0],
    );
    // The first canary is due at once (written by the next verify run, checked verify.delaySeconds later).
    expect(Math.abs(Date.parse(rule.canaryDueAt!) - Date.parse(rule.createdAt))).toBeLessThan(2_000);
    expect(rule.lastCanary).toBeUndefined();
  });

  it("logs no warning for the lease contention between a new bucket's PutBucket and PutBucketTags events", async () => {
    await oss.putBucket({ bucket: 'contended' });
    await oss.putBucketTags({ bucket: 'contended' }, [{ key: 'replication-policy', value: 'dr-beijing' }]);
    await waitFor('rule on contended', async () => (await oss.getBucketReplication({ bucket: 'contended' })).rules[0]);
    await stack.emulator.admin.flushEvents();
    expect(logLines.filter((l) => l.includes('BucketBusy'))).toEqual([]);
  });

  it('runs the printed CLI lines in a shell: export, then npx oss-replication status shows the bucket', async () => {
    const [exportLine, , statusLine] = cliHints(stack.endpoints, stack.stateBucket, stack.emulator.credentials[0]!);
    // One screen of the printed --watch line (it redraws until Ctrl-C).
    const once = statusLine!.replace(' --watch', '');
    const env = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' };
    const { stdout } = await run('sh', ['-c', `${exportLine!} && ${once}`], { cwd: REPO, env });
    expect(stdout).toMatch(/^my-photos +autopilot-dr-beijing-\S+ +my-photos-dr \(cn-beijing\) /m);
    expect(stdout).toMatch(/^my-photos .* pending, next step (in \d+ (s|min)|due now) /m);
  }, 30_000);
});

describe('npm start: options and start-up failures', () => {
  it('names an unknown option as unknown', () => {
    expect(() => parseStackArgs(['--bogus'])).toThrow('unknown option --bogus');
  });

  it('asks for a port number, not seconds, for --port', () => {
    expect(() => parseStackArgs(['--port', 'abc'])).toThrow(/--port wants a port number/);
    expect(() => parseStackArgs(['--region', 'cn-hangzhou=70000'])).toThrow(/--region wants a port number/);
  });

  it("lists an invalid policy's problems with the file name and line numbers", () => {
    let error: unknown;
    try {
      compilePolicy(
        'version: 1\nselector: { tagKey: t }\npolicies: {}\nchannels: {}\nguardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"] }\nonUntag: maybe\n',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyValidationError);
    const message = startFailureMessage(error, 'config/my.yaml');
    expect(message).toMatch(/^stack: config\/my\.yaml has \d+ problem\(s\):\n {2}line 6: onUntag: /);
    expect(message).toContain('npm run cli -- policy check --file config/my.yaml');
  });

  it('says which port is busy and how to choose others', async () => {
    const busy: Server = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const port = (busy.address() as { port: number }).port;
    try {
      const error = await startStack({ port: 0, regions: { 'cn-hangzhou': port }, logSink: () => undefined }).then(
        async (s) => {
          await s.stop();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(startFailureMessage(error)).toBe(
        `stack: 127.0.0.1:${port} is already in use (another npm start or emulator?). Stop it, or choose other ports: npm start -- --port N --region cn-hangzhou=N --region cn-beijing=N --region cn-shanghai=N`,
      );
    } finally {
      await new Promise((done) => busy.close(done));
    }
  });

  it('says a missing policy file is missing', () => {
    const error = Object.assign(new Error("ENOENT: no such file or directory, open 'nope.yaml'"), { code: 'ENOENT' });
    expect(startFailureMessage(error, 'nope.yaml')).toBe('stack: policy file nope.yaml not found (--policy FILE)');
  });
});
