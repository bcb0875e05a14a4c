// Bundles the CLI (cli/main.ts) into dist/cli/oss-replication.js: one CommonJS file with everything it
// uses (the policy compiler's yaml and zod included), so the `oss-replication` command of a packed or
// installed copy runs without the repository's dev dependencies. Run by `npm pack` (prepack).
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outfile = join(root, 'dist', 'cli', 'oss-replication.js');

await build({
  entryPoints: [join(root, 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`dist/cli/oss-replication.js ${(statSync(outfile).size / 1024).toFixed(0)} KB`);
