/**
 * npm 11 blocks dependency install scripts unless package.json's `allowScripts` decides each one (and
 * warns about every undecided one on `npm ci`). A new dependency that brings an install script must
 * fail the suite until someone decides about it here, instead of turning into a warning nobody reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;

interface LockEntry {
  readonly name?: string;
  readonly hasInstallScript?: boolean;
}

/** `node_modules/a/node_modules/@s/b` is `@s/b`; an aliased entry names its package. */
const packageName = (path: string, entry: LockEntry): string => entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 13);

it('has an allowScripts decision in package.json for every locked package with an install script', () => {
  const lock = read<{ packages: Record<string, LockEntry> }>('package-lock.json');
  const allowed = Object.keys(read<{ allowScripts?: Record<string, boolean> }>('package.json').allowScripts ?? {});
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
    .map(([path, entry]) => packageName(path, entry));
  expect(withScripts.length).toBeGreaterThan(0);
  expect(withScripts.filter((name) => !allowed.some((key) => key === name || key.startsWith(`${name}@`)))).toEqual([]);
});
