import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const fixture = (name: string): string => join(root, 'test/fixtures/policy', name);

function runScript(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/compile-policy.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/compile-policy.ts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and prints every issue on its own stdout line for an invalid file', () => {
    const out = join(dir, 'invalid.json');
    const run = runScript(['--in', fixture('invalid.yaml'), '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `channels.ops.url: must be an \${env:NAME} reference, not a literal secret (${fixture('invalid.yaml')}:14)`,
      `policies.dr-beijing.prefixes[1]: overlaps "logs/" (${fixture('invalid.yaml')}:10)`,
      `policies.dr-beijing.destination.bucket: uses unknown placeholder {owner}; only {bucket}, {region} and {account} exist (${fixture('invalid.yaml')}:7)`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('is a step of npm run build, before bundling, so an invalid file fails the build', () => {
    const build =
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build'] ?? '';
    expect(build.indexOf('npm run policy:compile')).toBeGreaterThanOrEqual(0);
    expect(build.indexOf('npm run policy:compile')).toBeLessThan(build.indexOf('esbuild'));
  });

  it('never prints the literal secret it rejects', () => {
    const run = runScript(['--in', fixture('invalid.yaml'), '--out', join(dir, 'x.json')]);
    expect(run.stdout + run.stderr).not.toContain('literal-token-123');
  });

  it('writes the compiled JSON for a valid file named by POLICY_FILE', () => {
    const out = join(dir, 'nested', 'policy.json');
    const run = runScript([`--out=${out}`], { POLICY_FILE: fixture('minimal.yaml') });
    expect(run.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { policies: Record<string, { name: string }> };
    expect(doc.policies['dr-beijing']?.name).toBe('dr-beijing');
  });
});
