/**
 * `npm run bench` runs the whole benchmark (bench/suite.ts, options after `--`);
 * `npm run bench -- readme` rewrites the README's Measured table from bench/results.json;
 * `npm run bench -- <name> [args]` runs one part alone (bench/<name>.ts). Benchmarks print their
 * figures and the command that produced them; they are never part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2);
  const parts = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'suite.ts')
    .map((f) => f.replace(/\.ts$/, ''));
  const [file, args] = first === undefined || first.startsWith('-') ? ['suite', process.argv.slice(2)] : [first, rest];
  if (file !== 'suite' && !parts.includes(file)) {
    console.error(`usage: npm run bench [-- options] | npm run bench -- <${parts.join('|')}> [args]`);
    process.exit(2);
  }
  const mod = (await import(join(__dirname, `${file}.ts`))) as { main?: (args: string[]) => Promise<void> };
  if (typeof mod.main === 'function') await mod.main(args);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
