#!/usr/bin/env node
// `oss-replication <command>`: the CLI as a command (`npx oss-replication status` in the repository,
// `oss-replication` wherever the package is installed). In the repository it runs the TypeScript
// sources through @swc-node/register, as `npm run cli --` does; a packed or installed copy, which has
// neither, runs the self-contained bundle that `npm pack` made (scripts/bundle-cli.mjs).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const sources = join(root, 'cli', 'main.ts');

function canRunSources() {
  if (!existsSync(sources)) return false;
  try {
    require.resolve('@swc-node/register', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

if (canRunSources()) {
  require(require.resolve('@swc-node/register', { paths: [root] }));
  require(sources);
} else {
  const bundle = join(root, 'dist', 'cli', 'oss-replication.js');
  if (!existsSync(bundle)) {
    process.stderr.write(`oss-replication: ${bundle} is missing; in the repository run npm ci, or reinstall the package\n`);
    process.exit(1);
  }
  require(bundle);
}
