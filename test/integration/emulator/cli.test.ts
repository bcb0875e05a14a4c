/**
 * `npm run emulator` as a process: prints the default credentials and one ready line per region,
 * and a restart on the same --data-dir keeps what was written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OssClient } from '../../../shared/oss/client';

const ROOT = resolve(__dirname, '../../..');

interface Running {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly endpoints: Record<string, string>;
}

/** Starts the CLI and resolves once every region printed its ready line. */
function startCli(args: string[], regions: number): Promise<Running> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'local/emulator/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const endpoints: Record<string, string> = {};
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI not ready: ${lines.join(' | ')}`)), 8000);
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const m = line.match(/^(\S+) ready at (http:\/\/127\.0\.0\.1:\d+)$/);
        if (m) endpoints[m[1] as string] = m[2] as string;
      }
      if (Object.keys(endpoints).length === regions) {
        clearTimeout(timer);
        resolvePromise({ child, lines, endpoints });
      }
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${lines.join(' | ')}`)));
  });
}

function stopCli(running: Running): Promise<void> {
  return new Promise((resolvePromise) => {
    if (running.child.exitCode !== null) return resolvePromise();
    running.child.removeAllListeners('exit');
    running.child.once('exit', () => resolvePromise());
    running.child.kill('SIGTERM');
  });
}

describe('emulator CLI', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the default credentials and a ready line per region', async () => {
    const running = await startCli(['--region', 'cn-hangzhou=0', '--region', 'cn-beijing=0'], 2);
    await stopCli(running);
    expect(running.lines[0]).toMatch(/^default credentials: access key id \S+ secret \S+$/);
    expect(running.lines.filter((line) => / ready at /.test(line))).toHaveLength(2);
    expect(Object.keys(running.endpoints).sort()).toEqual(['cn-beijing', 'cn-hangzhou']);
  });

  it('accepts the default credentials it printed, on every region', async () => {
    const running = await startCli(['--region', 'cn-hangzhou=0', '--region', 'cn-beijing=0'], 2);
    const [, accessKeyId, accessKeySecret] = running.lines[0]?.match(/access key id (\S+) secret (\S+)$/) ?? [];
    const client = new OssClient({
      region: 'cn-hangzhou',
      credentials: { accessKeyId: accessKeyId!, accessKeySecret: accessKeySecret! },
      endpoint: { kind: 'map', endpoints: running.endpoints },
    });
    try {
      await client.putBucket({ bucket: 'cli-default-hz', region: 'cn-hangzhou' });
      await client.putBucket({ bucket: 'cli-default-bj', region: 'cn-beijing' });
      expect((await client.listBuckets()).map((b) => b.name)).toEqual(['cli-default-bj', 'cli-default-hz']);
    } finally {
      client.destroy();
      await stopCli(running);
    }
  });

  it('keeps buckets and objects across a restart on the same --data-dir', async () => {
    const credentials = { accessKeyId: 'cli-key', accessKeySecret: 'cli-secret' };
    const args = [
      '--region',
      'cn-hangzhou=0',
      '--access-key-id',
      credentials.accessKeyId,
      '--access-key-secret',
      credentials.accessKeySecret,
      '--data-dir',
      dir,
    ];
    const first = await startCli(args, 1);
    const a = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: first.endpoints } });
    await a.putBucket({ bucket: 'cli-kept' });
    await a.putObject({ bucket: 'cli-kept', key: 'k', body: 'still here' });
    a.destroy();
    await stopCli(first);

    const second = await startCli(args, 1);
    const b = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: second.endpoints } });
    const body = (await b.getObject({ bucket: 'cli-kept', key: 'k' })).body.toString();
    b.destroy();
    await stopCli(second);
    expect(body).toBe('still here');
  });
});
