/**
 * Bundle sizes and cold starts alone, the rows `npm run bench` prints for them:
 *
 *   npm run bench -- coldstart [repeats=21]
 *
 * Measures dist/ as it is (run `npm run build` first), side by side with the floor and the naive
 * baseline (bench/support/coldStart.ts). Prints; writes nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_REPEATS } from './support/args';
import { distBundles, functionNames } from './support/build';
import { bundleSize, measureColdStarts } from './support/coldStart';
import { ROOT } from './support/emulatorProcess';
import { buildRunner } from './support/functionProcess';
import { bundleRows, coldStartRows } from './support/report';
import { renderTable } from './support/table';
import { coldStartSubjects, OUT, requestCounter, seedStateBucket, startBenchEmulator } from './suite';

export async function main(args: string[]): Promise<void> {
  const repeats = Number(args[0] ?? DEFAULT_REPEATS);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('usage: npm run bench -- coldstart [repeats]');
  const names = await functionNames();
  distBundles(names);
  mkdirSync(join(OUT, 'logs'), { recursive: true });
  const runner = await buildRunner(OUT);
  const emulator = await startBenchEmulator(0);
  try {
    await seedStateBucket(emulator);
    const subjects = await coldStartSubjects(emulator, names);
    const series = await measureColdStarts(runner, subjects, repeats, join(OUT, 'logs', 'coldstart.log'), requestCounter(emulator), (l) =>
      process.stderr.write(`${l}\n`),
    );
    const baselineBytes = bundleSize('baseline', join(OUT, 'references', 'baseline')).bytes;
    const sizes = names.map((n) => bundleSize(n, join(ROOT, 'dist', n)));
    console.log(`npm run bench -- coldstart ${repeats} (node ${process.version})\n`);
    console.log(renderTable([...bundleRows({ sizes, baselineBytes }), ...coldStartRows(series)]));
  } finally {
    await emulator.stop();
  }
}
