/**
 * The `oss-replication` command as a packed package carries it: `npm pack` (its prepack bundles the
 * CLI), the tarball unpacked in a folder with no node_modules at all, and installed with `npm install
 * <tarball>` in an empty folder (from npm's cache: `npm ci` put its dependencies there), run against
 * the emulator from where an operator would run it: no config/policy.yaml around.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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
  mkdirSync(join(dir, 'app'));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: join(dir, 'app') });
  emulator = await startEmulator({ regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 } });
  const oss = new OssClient({
    region: 'cn-hangzhou',
    credentials: emulator.credentials[0]!,
    endpoint: { kind: 'map', endpoints: emulator.endpoints },
  });
  await oss.putBucket({ bucket: 'packed-state' });
  oss.destroy();
}, 90_000);

function connection(): string[] {
  const map = Object.entries(emulator.endpoints)
    .map(([r, u]) => `${r}=${u}`)
    .join(',');
  return ['--emulator', map, '--state-bucket', 'packed-state'];
}

function credentialsEnv(): NodeJS.ProcessEnv {
  const credentials = emulator.credentials[0]!;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
  };
}

/** `npx oss-replication …` in the folder the package was installed in; the exit code and both streams. */
async function installed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no', 'oss-replication', ...args], { cwd: join(dir, 'app'), env: credentialsEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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
    const argv = ['package/bin/oss-replication.js', 'status', ...connection(), '--policy', 'package/config/policy.example.yaml'];
    const { stdout } = await run(process.execPath, argv, { cwd: dir, env: credentialsEnv() });
    expect(stdout).toContain('No managed buckets in the state bucket yet.');
  });

  it('runs status installed with npm install, without --policy: status reads no policy', async () => {
    const { code, stdout } = await installed(['status', ...connection()]);
    expect([code, stdout]).toEqual([0, expect.stringContaining('No managed buckets in the state bucket yet.')]);
  });

  it('says to pass --policy FILE, as a usage error, when plan runs installed without a policy file', async () => {
    const { code, stdout, stderr } = await installed(['plan', ...connection()]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('error: no policy file at config/policy.yaml');
    expect(stderr).toContain('--policy FILE');
  });
});
