import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicyFile } from '../../../shared/policy/compile';
import { bundleAll, root, type Built } from './bundleAll';

const FUNCTIONS = ['bucket-events', 'reconcile', 'verify', 'monitor', 'audit'];

let out: string;
let built: Built[];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'bundles-'));
  built = bundleAll(out, loadPolicyFile(join(root, 'config/policy.yaml')));
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
      expect(Object.keys(b.inputs).filter((i) => /node_modules\/(yaml|zod|ali-oss)\//.test(i))).toEqual([]);
    }
  });

  it('keeps what only some invocations need out of index.js: pop-core, the alert channels, the XML builder and the steps that change a bucket are sidecars', () => {
    // The functions that run ensure; the others never change a bucket's replication.
    const ensuring = ['bucket-events', 'reconcile'];
    for (const b of built) {
      const lazy = Object.entries(b.inputs).filter(([i]) =>
        /node_modules\/(@alicloud\/pop-core|fast-xml-builder)\/|shared\/alerts\/channels\/|shared\/replication\/apply\.ts/.test(i),
      );
      // A constant a channel module exports (a timeout) may be inlined; none of their code is.
      expect(lazy.reduce((n, [, bytes]) => n + bytes, 0)).toBeLessThan(64);
      const applySidecar = ensuring.includes(b.name) ? ['replication-apply.js'] : [];
      expect(b.sidecars.map((s) => s.file).sort()).toEqual(['alerts-outbound.js', 'pop-core.js', ...applySidecar, 'xml-builder.js'].sort());
    }
  });

  it('the apply sidecar judges no error by class: its copies of the classes are not those of index.js, which throws them', () => {
    for (const name of ['bucket-events', 'reconcile']) {
      expect(readFileSync(join(out, name, 'replication-apply.js'), 'utf8')).not.toContain('instanceof');
    }
  });

  it("replaces the XML parser's DOCTYPE reader, is-unsafe, strnum and stopNodes matching, which no function reaches, with stubs", () => {
    for (const b of built) {
      expect(
        Object.keys(b.inputs).filter((i) =>
          /node_modules\/(is-unsafe|strnum)\/|DocTypeReader|path-expression-matcher\/src\/Expression/.test(i),
        ),
      ).toEqual([]);
    }
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
