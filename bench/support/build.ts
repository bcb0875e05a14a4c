/** What the bench runs: dist/ from `npm run build`, and the same functions built with the bench's policy. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PolicyDocument } from '../../shared/policy';
import { ROOT } from './emulatorProcess';

export interface Deployed {
  readonly timeout: number;
  readonly memory: number;
}

/** Timeout and memory of each function as s.yaml deploys it (keyed by its folder under functions/). */
export function deployedFunctions(sYaml = join(ROOT, 's.yaml')): Record<string, Deployed> {
  const doc = parse(readFileSync(sYaml, 'utf8')) as { resources?: Record<string, { props?: { timeout?: number; memorySize?: number } }> };
  return Object.fromEntries(
    Object.entries(doc.resources ?? {}).map(([name, r]) => [
      name,
      { timeout: r.props?.timeout ?? 300, memory: r.props?.memorySize ?? 512 },
    ]),
  );
}

/** Its report goes to stderr with the bench's progress: stdout carries the table alone. */
export function npmRunBuild(): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
}

interface EsbuildConfig {
  functionEntries(): Array<{ name: string; entry: string }>;
  bundleFunction(
    e: { name: string; entry: string },
    outRoot: string,
    options: { policyJson: string },
  ): Promise<{ name: string; outfile: string }>;
}

export async function functionNames(): Promise<string[]> {
  const config = (await import(join(ROOT, 'esbuild.config.mjs'))) as EsbuildConfig;
  return config.functionEntries().map((e) => e.name);
}

/** Every function under functions/, bundled by esbuild.config.mjs with `policy` inside: name -> index.js. */
export async function bundleWithPolicy(policy: PolicyDocument, outDir: string): Promise<Record<string, string>> {
  mkdirSync(outDir, { recursive: true });
  const policyJson = join(outDir, 'bench-policy.json');
  writeFileSync(policyJson, JSON.stringify(policy));
  const config = (await import(join(ROOT, 'esbuild.config.mjs'))) as EsbuildConfig;
  const out: Record<string, string> = {};
  for (const entry of config.functionEntries()) out[entry.name] = (await config.bundleFunction(entry, outDir, { policyJson })).outfile;
  return out;
}

/** dist/<name>/index.js of each function, or a clear error naming those `npm run build` has not made yet. */
export function distBundles(names: readonly string[]): Record<string, string> {
  const bundles = Object.fromEntries(names.map((n) => [n, join(ROOT, 'dist', n, 'index.js')]));
  const missing = names.filter((n) => !existsSync(bundles[n]!));
  if (missing.length > 0) throw new Error(`dist/ lacks ${missing.join(', ')}: run npm run build first`);
  return bundles;
}
