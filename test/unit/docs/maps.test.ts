import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { USAGE } from '../../../cli/args';

// The newcomer's maps (shared/README.md, functions/README.md, cli/README.md) name what the tree holds;
// these keep them from drifting when a module, a function, a command or a flag is added or renamed.

const root = join(__dirname, '../../..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
const folders = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

describe('shared/README.md', () => {
  it('has a line in the module map for every module', () => {
    const map = read('shared/README.md');
    expect(folders('shared').filter((m) => !map.includes(`| \`${m}/\` |`))).toEqual([]);
  });

  it('draws the arrows between modules the code has', () => {
    const imported = new Map<string, Set<string>>(folders('shared').map((m) => [m, new Set<string>()]));
    for (const file of filesUnder('shared')) {
      const from = file.split('/')[1] as string;
      for (const m of read(file).matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)) {
        const to = relative(join(root, 'shared'), resolve(dirname(join(root, file)), m[1] as string)).split('/')[0] as string;
        if (to !== from && imported.has(to)) imported.get(from)?.add(to);
      }
    }
    const block = /## Direction of dependencies[\s\S]*?```\n([\s\S]*?)```/.exec(read('shared/README.md'))?.[1] ?? '';
    const drawn = new Map<string, string[]>();
    for (const line of block.trim().split('\n')) {
      const [left = '', right = ''] = line.split('->').map((side) => side.trim());
      const targets = right === 'nothing in shared/' ? [] : right.split(/,\s*/).map((t) => t.split(' ')[0] as string);
      for (const m of left.split(/,\s*/)) drawn.set(m, targets.sort());
    }
    expect(Object.fromEntries(drawn)).toEqual(Object.fromEntries([...imported].map(([m, to]) => [m, [...to].sort()])));
  });

  it('points only at files that exist', () => {
    const paths = [...read('shared/README.md').matchAll(/`((?:[\w-]+\/)+[\w.-]+\.ts)`/g)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !existsSync(join(root, 'shared', p)) && !existsSync(join(root, p)))).toEqual([]);
  });
});

describe('functions/README.md', () => {
  it('has a row for every function', () => {
    const doc = read('functions/README.md');
    expect(folders('functions').filter((f) => !doc.includes(`| \`${f}\` |`))).toEqual([]);
  });
});

describe('cli/README.md', () => {
  it('names every command and option of the usage text', () => {
    const doc = read('cli/README.md');
    const commands = [...USAGE.matchAll(/^ {2}(\w+(?: check)?)\s/gm)].map((m) => m[1] as string);
    const options = [...new Set([...USAGE.matchAll(/--[a-z-]+/g)].map((m) => m[0]))];
    expect(commands).toEqual(['plan', 'apply', 'status', 'verify', 'audit', 'resync', 'policy check']);
    expect([...commands.map((c) => `\`${c}\``), ...options].filter((word) => !doc.includes(word))).toEqual([]);
  });
});
