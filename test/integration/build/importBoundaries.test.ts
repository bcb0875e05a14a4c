import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// eslint.config.mjs holds the import boundaries (shared/README.md). `npm test` lints the tree, which
// shows the tree keeps them; these cases show the rules would catch a file that does not.

const root = resolve(__dirname, '../../..');

type Case = readonly [file: string, specifier: string];

const REFUSED: readonly Case[] = [
  ['functions/monitor/job.ts', '../../shared/state/keys'],
  ['functions/monitor/job.ts', '../../shared/policy'],
  ['functions/monitor/job.ts', '../verify/job'],
  ['functions/monitor/job.ts', '../../local/stack/args'],
  ['functions/monitor/job.ts', '../../cli/args'],
  ['cli/commands/status.ts', '../../shared/policy/compile'],
  ['cli/commands/status.ts', '../../shared/state/keys'],
  ['local/stack/startStack.ts', '../../shared/oss/client'],
  ['bench/reconcile.ts', '../shared/oss/client'],
  ['scripts/compile-policy.ts', '../shared/policy/compileCli'],
  ['shared/alerts/alerter.ts', '../state/keys'],
  ['shared/alerts/alerter.ts', '../policy'],
  ['shared/alerts/alerter.ts', '../../functions/monitor/job'],
  ['shared/alerts/alerter.ts', '../../cli/args'],
  ['shared/alerts/channels/slack.ts', '../../state/keys'],
  ['shared/alerts/channels/slack.ts', '../../../local/emulator'],
  ['shared/alerts/alerter.ts', '../oss/names'],
  ['shared/policy/checks.ts', '../oss/client'],
];

const ALLOWED: readonly Case[] = [
  ['functions/monitor/job.ts', '../../shared/state'],
  ['functions/monitor/job.ts', '../../shared/policy/runtime'],
  ['functions/monitor/job.ts', './types'],
  ['cli/commands/status.ts', '../../shared/policy'],
  ['local/stack/functions.ts', '../../functions/monitor/handler'],
  ['shared/alerts/alerter.ts', '../state'],
  ['shared/alerts/alerter.ts', '../policy/runtime'],
  ['shared/alerts/alerter.ts', './routing'],
  ['shared/alerts/channels/slack.ts', '../render/markdown'],
  ['shared/policy/checks.ts', '../oss/names'],
  ['shared/policy/checkGuardrails.ts', '../xml/location'],
  ['test/unit/state/keys.test.ts', '../../../shared/state/keys'],
];

/** The rule ids ESLint reports for `import { x } from '<specifier>'` written in `file`, one list per case. */
function lint(cases: readonly Case[]): string[][] {
  // eslint.config.mjs is an ES module, which jest's CommonJS runtime cannot load: lint in a child process.
  const script = `
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
    const out = [];
    for (const [file, spec] of ${JSON.stringify(cases)}) {
      const [result] = await eslint.lintText("import { x } from '" + spec + "';\\nexport const y = x;\\n", { filePath: file });
      out.push(result.messages.map((m) => m.ruleId));
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as string[][];
}

let refused: string[][];
let allowed: string[][];

beforeAll(() => {
  const all = lint([...REFUSED, ...ALLOWED]);
  [refused, allowed] = [all.slice(0, REFUSED.length), all.slice(REFUSED.length)];
}, 30_000);

describe('import boundaries', () => {
  it.each(REFUSED.map((c, i) => [...c, i] as const))('%s may not import %s', (_file, _spec, i) => {
    expect(refused[i]).toEqual(['no-restricted-imports']);
  });

  it.each(ALLOWED.map((c, i) => [...c, i] as const))('%s may import %s', (_file, _spec, i) => {
    expect(allowed[i]).toEqual([]);
  });
});
