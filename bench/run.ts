/**
 * `npm run bench -- <name> [args]` runs bench/<name>.ts. Benchmarks print their figures and the command
 * that produced them; they are never part of `npm test`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- <${available.join('|')}> [args]`);
    process.exit(2);
  }
  const file = join(__dirname, `${name}.ts`);
  if (!existsSync(file)) throw new Error(`no benchmark ${file}`);
  process.argv = [process.argv[0] ?? 'node', file, ...rest];
  const mod = (await import(file)) as { main?: (args: string[]) => Promise<void> };
  if (typeof mod.main === 'function') await mod.main(rest);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
