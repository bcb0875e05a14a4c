import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USAGE } from '../../../cli/args';

// The newcomer's maps (shared/README.md, functions/README.md, cli/README.md) name what the tree holds;
// these keep them from drifting when a module, a function, a command or a flag is added or renamed.

const root = join(__dirname, '../../..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const folders = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

describe('shared/README.md', () => {
  it('has a line in the module map for every module', () => {
    const map = read('shared/README.md');
    expect(folders('shared').filter((m) => !map.includes(`| \`${m}/\` |`))).toEqual([]);
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
    expect(commands).toEqual(['plan', 'apply', 'status', 'verify', 'policy check']);
    expect([...commands.map((c) => `\`${c}\``), ...options].filter((word) => !doc.includes(word))).toEqual([]);
  });
});
