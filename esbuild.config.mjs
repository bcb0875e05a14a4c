// Bundles each function under functions/<name>/index.ts into dist/<name>/index.js (CommonJS, node20,
// minified, with a source map) and prints a size report from the metafile.
//
// The policy file is compiled and validated before bundling (scripts/compile-policy.ts writes
// build/policy.json) and enters each bundle as the virtual module `autopilot:policy`, so no YAML
// parser or schema library ships in a function.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

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

/**
 * Rarely used heavy SDKs stay out of the function bundle: `require('@alicloud/pop-core')` (CloudMonitor,
 * loaded lazily inside the channel) becomes `require('./pop-core.js')`, a sidecar bundle next to
 * index.js that is only read when a CloudMonitor channel sends. Its dependencies (bignumber.js, xml2js,
 * sax) are most of the weight the alerting code would otherwise add to every cold start.
 */
const SIDECARS = { '@alicloud/pop-core': 'pop-core.js' };

const sidecarPlugin = {
  name: 'autopilot-sidecars',
  setup(b) {
    for (const [pkg, file] of Object.entries(SIDECARS)) {
      const filter = new RegExp(`^${pkg.replace(/[/@.-]/g, (c) => `\\${c}`)}$`);
      b.onResolve({ filter }, () => ({ path: `./${file}`, external: true }));
    }
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

async function bundleSidecars(metafile, outDir) {
  const imported = new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
  const built = [];
  for (const [pkg, file] of Object.entries(SIDECARS)) {
    if (!imported.has(`./${file}`)) continue;
    const result = await build({
      ...common,
      entryPoints: [createRequire(import.meta.url).resolve(pkg)],
      outfile: join(outDir, file),
      metafile: true,
    });
    built.push({ file, bytes: Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0) });
  }
  return built;
}

export function functionEntries(dir = join(root, 'functions')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => ({ name: d.name, entry: join(dir, d.name, 'index.ts') }));
}

export async function bundleFunction({ name, entry }, outRoot = join(root, 'dist')) {
  const outfile = join(outRoot, name, 'index.js');
  const result = await build({
    ...common,
    entryPoints: [entry],
    outfile,
    sourcemap: true,
    metafile: true,
    plugins: [policyPlugin, sidecarPlugin],
  });
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith('index.js'))].bytes;
  const sidecars = await bundleSidecars(result.metafile, join(outRoot, name));
  return { name, outfile, bytes, sidecars, metafile: result.metafile };
}

async function main() {
  const entries = functionEntries();
  const report = [];
  for (const e of entries) report.push(await bundleFunction(e));
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(
    join(root, 'dist', 'size-report.json'),
    JSON.stringify(
      report.map(({ name, bytes, sidecars }) => ({ name, bytes, sidecars })),
      null,
      2,
    ),
  );
  for (const r of report) {
    const top = Object.entries(r.metafile.inputs)
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, 3)
      .map(([path, i]) => `${path.replace(/^node_modules\//, '')} ${(i.bytes / 1024).toFixed(0)} KB`)
      .join(', ');
    const lazy = r.sidecars.map((c) => ` + lazy ${c.file} ${(c.bytes / 1024).toFixed(0)} KB`).join('');
    console.log(`${r.name.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB${lazy}   largest inputs: ${top}`);
  }
  if (entries.length === 0) console.log('no functions to bundle yet');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
