/**
 * Bundle size and cold-start initialisation of each function, against a baseline that uses the SDKs
 * naively (bench/baseline/naive-handler.ts: ali-oss + yaml + zod + pop-core).
 *
 *   npm run bench -- coldstart [runs]
 *
 * Initialisation = wall time of `require(bundle)` in a fresh node process (module evaluation only, which is
 * what FC's cold start adds on top of the runtime's own start), median and p90 over `runs` processes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '..');

interface Figure {
  readonly name: string;
  readonly kb: number;
  readonly medianMs: number;
  readonly p90Ms: number;
}

async function bundle(entry: string, outfile: string): Promise<void> {
  // urllib (under ali-oss) probes for an optional proxy-agent at run time.
  await build({
    entryPoints: [entry],
    outfile,
    external: ['proxy-agent'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'error',
  });
}

function initTimes(file: string, runs: number): number[] {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
}

function measure(name: string, file: string, runs: number): Figure {
  const times = initTimes(file, runs).sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { name, kb: statSync(file).size / 1024, medianMs: at(0.5), p90Ms: at(0.9) };
}

export async function main(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 15);
  const out = mkdtempSync(join(tmpdir(), 'coldstart-'));
  const figures: Figure[] = [];
  const baseline = join(out, 'baseline.js');
  await bundle(join(root, 'bench/baseline/naive-handler.ts'), baseline);
  figures.push(measure('baseline (naive SDKs)', baseline, runs));
  const { functionEntries, bundleFunction } = (await import(join(root, 'esbuild.config.mjs'))) as {
    functionEntries: () => Array<{ name: string; entry: string }>;
    bundleFunction: (e: { name: string; entry: string }, outRoot: string) => Promise<{ outfile: string }>;
  };
  for (const entry of functionEntries()) {
    const { outfile } = await bundleFunction(entry, out);
    figures.push(measure(entry.name, outfile, runs));
  }
  console.log(`cold start: require() of each bundle in a fresh node ${process.version} process, ${runs} runs`);
  console.log('bundle                     size KB   median ms   p90 ms');
  for (const f of figures) {
    console.log(
      `${f.name.padEnd(26)} ${f.kb.toFixed(0).padStart(8)} ${f.medianMs.toFixed(1).padStart(11)} ${f.p90Ms.toFixed(1).padStart(8)}`,
    );
  }
}
