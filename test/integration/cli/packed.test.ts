/**
 * The `oss-replication` command as a packed package carries it: `npm pack` (its prepack bundles the
 * CLI) and the tarball unpacked in a folder with no node_modules at all, run against the emulator. What
 * `npm install <tarball>` adds on top (a link in node_modules/.bin) is npm's own work.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
let dir: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'packed-cli-'));
  await run('npm', ['pack', '--pack-destination', dir], { cwd: root });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  await run('tar', ['-xzf', tarball], { cwd: dir });
  emulator = await startEmulator({ regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 } });
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the packed oss-replication command', () => {
  it('declares the command in package.json and ships the bundle, not the TypeScript sources', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin).toEqual({ 'oss-replication': 'bin/oss-replication.js' });
    expect([existsSync(join(dir, 'package', 'dist', 'cli', 'oss-replication.js')), existsSync(join(dir, 'package', 'cli'))]).toEqual([
      true,
      false,
    ]);
  });

  it('runs status against OSS from a folder without node_modules', async () => {
    const credentials = emulator.credentials[0]!;
    const oss = new OssClient({ region: 'cn-hangzhou', credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
    await oss.putBucket({ bucket: 'packed-state' });
    oss.destroy();
    const map = Object.entries(emulator.endpoints)
      .map(([r, u]) => `${r}=${u}`)
      .join(',');
    const argv = [
      'package/bin/oss-replication.js',
      'status',
      '--emulator',
      map,
      '--state-bucket',
      'packed-state',
      '--policy',
      'package/config/policy.example.yaml',
    ];
    const env = {
      PATH: process.env.PATH,
      ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    };
    const { stdout } = await run(process.execPath, argv, { cwd: dir, env });
    expect(stdout).toContain('No managed buckets in the state bucket yet.');
  });
});
