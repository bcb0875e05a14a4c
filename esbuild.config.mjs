// Bundles each function under functions/<name>/index.ts into dist/<name>/index.js (CommonJS, node20,
// minified, with a source map) and prints a size report from the metafile.
//
// The policy file is compiled and validated before bundling (scripts/compile-policy.ts writes
// build/policy.json) and enters each bundle as the virtual module `autopilot:policy`, so no YAML
// parser or schema library ships in a function.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname);
const compiledPolicy = resolve(root, process.env.POLICY_JSON ?? 'build/policy.json');

/** Resolves `autopilot:policy` to the compiled policy JSON. */
const policyPlugin = {
  name: 'autopilot-policy',
  setup(b) {
    b.onResolve({ filter: /^autopilot:policy$/ }, () => ({ path: compiledPolicy, namespace: 'autopilot-policy' }));
    b.onLoad({ filter: /.*/, namespace: 'autopilot-policy' }, () => {
      if (!existsSync(compiledPolicy)) {
        throw new Error(`${compiledPolicy} is missing: run the policy compiler first (npm run build does)`);
      }
      return { contents: readFileSync(compiledPolicy, 'utf8'), loader: 'json' };
    });
  },
};

export function functionEntries(dir = join(root, 'functions')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => ({ name: d.name, entry: join(dir, d.name, 'index.ts') }));
}

export async function bundleFunction({ name, entry }, outRoot = join(root, 'dist')) {
  const outfile = join(outRoot, name, 'index.js');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [policyPlugin],
  });
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('index.js'))].bytes;
  return { name, outfile, bytes, metafile: result.metafile };
}

async function main() {
  const entries = functionEntries();
  const report = [];
  for (const e of entries) report.push(await bundleFunction(e));
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'size-report.json'), JSON.stringify(report.map(({ name, bytes }) => ({ name, bytes })), null, 2));
  for (const r of report) {
    const top = Object.entries(r.metafile.inputs)
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, 3)
      .map(([path, i]) => `${path.replace(/^node_modules\//, '')} ${(i.bytes / 1024).toFixed(0)} KB`)
      .join(', ');
    console.log(`${r.name.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB   largest inputs: ${top}`);
  }
  if (entries.length === 0) console.log('no functions to bundle yet');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
