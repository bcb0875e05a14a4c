import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPolicyFile } from '../../../shared/policy/compile';

const root = resolve(__dirname, '../../..');
const FUNCTIONS = ['bucket-events', 'reconcile', 'verify', 'monitor', 'audit'];

interface Built {
  name: string;
  outfile: string;
  bytes: number;
  sidecars: Array<{ file: string }>;
  inputs: string[];
}

let out: string;
let built: Built[];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'bundles-'));
  const policyJson = join(out, 'policy.json');
  writeFileSync(policyJson, JSON.stringify(loadPolicyFile(join(root, 'config/policy.yaml'))));
  // esbuild.config.mjs is an ES module: bundle in a child process, as `npm run build` does.
  const script = `
    const { functionEntries, bundleFunction } = await import(${JSON.stringify(join(root, 'esbuild.config.mjs'))});
    const report = [];
    for (const e of functionEntries()) {
      const r = await bundleFunction(e, ${JSON.stringify(out)});
      report.push({ name: r.name, outfile: r.outfile, bytes: r.bytes, sidecars: r.sidecars, inputs: Object.keys(r.metafile.inputs) });
    }
    process.stdout.write(JSON.stringify(report));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, POLICY_JSON: policyJson },
    encoding: 'utf8',
  });
  built = JSON.parse(stdout) as Built[];
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('function bundles', () => {
  it('bundles every function into its own folder', () => {
    expect(built.map((b) => b.name).sort()).toEqual([...FUNCTIONS].sort());
  });

  it.each(FUNCTIONS)('%s exports an FC handler that loads in a plain node process', (name) => {
    const file = join(out, name, 'index.js');
    const kind = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(file)}).handler)`], {
      encoding: 'utf8',
    });
    expect(kind).toBe('function');
  });

  it('keeps yaml, zod and ali-oss out of every bundle', () => {
    for (const b of built) {
      expect(b.inputs.filter((i) => /node_modules\/(yaml|zod|ali-oss)\//.test(i))).toEqual([]);
    }
  });

  it('ships pop-core as a lazily required sidecar instead of inside the bundle', () => {
    for (const b of built) {
      expect(b.inputs.filter((i) => i.includes('node_modules/@alicloud/pop-core/'))).toEqual([]);
      if (readFileSync(b.outfile, 'utf8').includes('./pop-core.js')) {
        expect(b.sidecars.map((s) => s.file)).toEqual(['pop-core.js']);
      }
    }
    expect(built.find((b) => b.name === 'monitor')?.sidecars.map((s) => s.file)).toEqual(['pop-core.js']);
  });

  it('the pop-core sidecar exposes the RPC client the CloudMonitor channel constructs', () => {
    const sidecar = join(out, 'monitor', 'pop-core.js');
    expect(existsSync(sidecar)).toBe(true);
    const kind = execFileSync(
      process.execPath,
      ['-e', `const m=require(${JSON.stringify(sidecar)});process.stdout.write(typeof m + ' ' + typeof m.RPCClient)`],
      { encoding: 'utf8' },
    );
    expect(kind).toBe('function function');
  });
});
