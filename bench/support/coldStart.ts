/**
 * Cold start, side by side: in each repeat, every bundle (the functions, the floor, the naive baseline)
 * starts in a fresh process, in an order rotated from one repeat to the next, and is timed from the start
 * of `require` to the end of one no-op invocation (and to the end of `require` alone). A ratio is taken
 * within a repeat, between bundles measured seconds apart, and reported with its spread over the repeats.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { coldStartOnce, type FcLikeContext } from './functionProcess';

export interface ColdStartSubject {
  readonly name: string;
  readonly kind: 'function' | 'floor' | 'floor-request' | 'baseline';
  readonly bundle: string;
  /** The no-op invocation's event. */
  readonly event: string;
  readonly env: Readonly<Record<string, string>>;
  readonly context: () => FcLikeContext;
}

export interface ColdStartSeries {
  readonly name: string;
  readonly kind: ColdStartSubject['kind'];
  /** Per repeat: `require` of the bundle. */
  readonly requireMs: number[];
  /** Per repeat: `require` plus the no-op invocation. */
  readonly totalMs: number[];
  /** Per repeat: requests the no-op invocation made (the emulator's request log). */
  readonly requests: number[];
  /** Invocations that threw or answered `{ ok: false }` (a function's no-op must succeed to count). */
  readonly failures: string[];
}

/** Clears the emulator's request log, and counts what it logged since. */
export interface RequestCounter {
  clear(): Promise<unknown>;
  count(): Promise<number>;
}

/** The floors and the naive baseline, bundled like the functions (minified CommonJS for node20). */
export async function buildReferenceBundles(
  outDir: string,
  benchDir: string,
): Promise<{ floor: string; floorRequest: string; baseline: string }> {
  const bundle = async (entry: string, name: string): Promise<string> => {
    const outfile = join(outDir, name, 'index.js');
    // urllib (under ali-oss) probes for an optional proxy-agent at run time.
    await build({
      entryPoints: [join(benchDir, 'baseline', entry)],
      outfile,
      external: ['proxy-agent'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      logLevel: 'error',
    });
    return outfile;
  };
  return {
    floor: await bundle('floor.ts', 'floor'),
    floorRequest: await bundle('floor-request.ts', 'floor-request'),
    baseline: await bundle('naive-handler.ts', 'baseline'),
  };
}

export async function measureColdStarts(
  runner: string,
  subjects: readonly ColdStartSubject[],
  repeats: number,
  logFile: string,
  requests: RequestCounter,
  progress: (line: string) => void,
): Promise<ColdStartSeries[]> {
  const series = subjects.map((s) => ({
    name: s.name,
    kind: s.kind,
    requireMs: [] as number[],
    totalMs: [] as number[],
    requests: [] as number[],
    failures: [] as string[],
  }));
  for (let r = 0; r < repeats; r++) {
    for (let i = 0; i < subjects.length; i++) {
      const index = (i + r) % subjects.length;
      const subject = subjects[index]!;
      await requests.clear();
      const done = await coldStartOnce(runner, subject.bundle, subject.env, logFile, subject.event, subject.context());
      const answered = (done.response as { ok?: unknown } | undefined)?.ok === true;
      const ok = done.thrown === undefined && (subject.kind !== 'function' || answered);
      const out = series[index]!;
      out.requireMs.push(done.requireMs);
      out.totalMs.push(done.sinceLoadMs);
      out.requests.push(await requests.count());
      if (!ok) out.failures.push(done.thrown ?? JSON.stringify(done.response).slice(0, 200));
    }
    progress(`  cold start: repeat ${r + 1} of ${repeats}`);
  }
  return series;
}

export interface BundleSize {
  readonly name: string;
  /** index.js: what every cold start loads. */
  readonly bytes: number;
  /** Files next to it that are required lazily (source maps left out). */
  readonly sidecars: ReadonlyArray<{ readonly file: string; readonly bytes: number }>;
}

export function bundleSize(name: string, folder: string): BundleSize {
  const sidecars = readdirSync(folder)
    .filter((f) => f.endsWith('.js') && f !== 'index.js')
    .sort()
    .map((file) => ({ file, bytes: statSync(join(folder, file)).size }));
  return { name, bytes: statSync(join(folder, 'index.js')).size, sidecars };
}
