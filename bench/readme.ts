/**
 * `npm run bench -- readme`: rewrites the README's Measured table (between its markers) from
 * bench/results.json, the file the last `npm run bench` wrote.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeSection, rewriteBetweenMarkers } from './support/readme';
import { parseResults } from './support/results';

export async function main(): Promise<void> {
  const results = parseResults(readFileSync(join(__dirname, 'results.json'), 'utf8'));
  const failures = (results.details['failures'] as unknown[] | undefined) ?? [];
  if (failures.length > 0)
    throw new Error(`bench/results.json records ${failures.length} failed invocations: fix them and run npm run bench again`);
  const readme = join(__dirname, '..', 'README.md');
  writeFileSync(readme, rewriteBetweenMarkers(readFileSync(readme, 'utf8'), readmeSection(results)));
  console.log(`README.md: Measured table rewritten from bench/results.json (${results.command}, ${results.measuredAt})`);
}
