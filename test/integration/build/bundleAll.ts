/** Bundles every function with esbuild.config.mjs, as `npm run build` does, into a folder of the test's own. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '../../..');

/** Every folder under functions/ with an index.ts, as esbuild.config.mjs finds them (a new function is picked up). */
export function functionFolders(): string[] {
  const dir = join(root, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => d.name);
}

export interface Built {
  readonly name: string;
  readonly outfile: string;
  readonly bytes: number;
  readonly sidecars: ReadonlyArray<{ readonly file: string }>;
  /** Bytes each file contributes to index.js (each sidecar is a build of its own; tree-shaken inputs are left out). */
  readonly inputs: Readonly<Record<string, number>>;
}

/** `policy` is the compiled policy document the bundles embed. */
export function bundleAll(out: string, policy: unknown): Built[] {
  mkdirSync(out, { recursive: true });
  const policyJson = join(out, 'policy.json');
  writeFileSync(policyJson, JSON.stringify(policy));
  // esbuild.config.mjs is an ES module: bundle in a child process.
  const script = `
    const { functionEntries, bundleFunction } = await import(${JSON.stringify(join(root, 'esbuild.config.mjs'))});
    const report = [];
    for (const e of functionEntries()) {
      const r = await bundleFunction(e, ${JSON.stringify(out)}, { policyJson: ${JSON.stringify(policyJson)} });
      const index = Object.entries(r.metafile.outputs).find(([file]) => file.endsWith('index.js'))[1];
      const inputs = Object.fromEntries(Object.entries(index.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file, i]) => [file, i.bytesInOutput]));
      report.push({ name: r.name, outfile: r.outfile, bytes: r.bytes, sidecars: r.sidecars, inputs });
    }
    process.stdout.write(JSON.stringify(report));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as Built[];
}
