/**
 * Static reachability for the RAM policy check: the source files a function bundle can reach
 * (relative imports followed from functions/<name>/index.ts), and the OSS client methods and
 * CloudMonitor actions those files call. An approximation on purpose: it reads call sites, not
 * types, so a renamed receiver still counts and the check errs towards listing a needed action.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/** Every .ts file reachable from `entry` through relative imports and re-exports. */
export function reachableFiles(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)'(\.{1,2}\/[^']+)'/g)) {
    const target = resolveImport(entry, m[1] as string);
    if (target) reachableFiles(target, seen);
  }
  return seen;
}

/** The function entries that exist now: functions/<name>/index.ts. */
export function functionEntries(): Array<{ name: string; entry: string }> {
  const dir = join(ROOT, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, entry: join(dir, d.name, 'index.ts') }))
    .filter((f) => existsSync(f.entry));
}

/** Names (of `candidates`) called as `.name(` in the files, shared/oss itself excluded (it defines them all). */
export function calledMethods(files: Iterable<string>, candidates: readonly string[]): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  for (const file of files) {
    if (file.includes(`${join('shared', 'oss')}/`)) continue;
    const source = readFileSync(file, 'utf8');
    for (const name of candidates) {
      if (new RegExp(`\\.${name}\\(`).test(source)) calls.set(name, [...(calls.get(name) ?? []), file.slice(ROOT.length + 1)]);
    }
  }
  return calls;
}

/** String literals naming an RPC action (e.g. `'PutCustomEvent'`) in the files. */
export function literalMentions(files: Iterable<string>, names: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const name of names) if (source.includes(`'${name}'`)) found.add(name);
  }
  return found;
}
