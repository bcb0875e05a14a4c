/**
 * The policy compiler command (scripts/compile-policy.ts is its shim): validate the policy file
 * and write the compiled JSON the function bundles embed. Build time only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadPolicyFile } from './compile';
import { formatIssue, PolicyValidationError } from './errors';

export const DEFAULT_POLICY_FILE = 'config/policy.yaml';
export const DEFAULT_POLICY_OUT = 'build/policy.json';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface CompileArgs {
  readonly input: string;
  readonly output: string;
}

/** `--in FILE` / `--out FILE` (or `--in=FILE`); the input defaults to env POLICY_FILE. */
export function parseCompileArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CompileArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    if (flag !== '--in' && flag !== '--out') throw new Error(`unknown argument ${argv[i]}; usage: compile-policy [--in FILE] [--out FILE]`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`${flag} needs a file path`);
    flags.set(flag, value);
  }
  return { input: flags.get('--in') ?? env.POLICY_FILE ?? DEFAULT_POLICY_FILE, output: flags.get('--out') ?? DEFAULT_POLICY_OUT };
}

/** Runs the compiler; returns the process exit code (0 written, 1 invalid or unreadable). */
export function runCompilePolicy(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): number {
  let args: CompileArgs | undefined;
  try {
    args = parseCompileArgs(argv, env);
    const doc = loadPolicyFile(args.input);
    mkdirSync(dirname(args.output), { recursive: true });
    writeFileSync(args.output, `${JSON.stringify(doc, null, 2)}\n`);
    io.err(`policy: ${Object.keys(doc.policies).length} policies from ${args.input} -> ${args.output}`);
    return 0;
  } catch (err) {
    if (!(err instanceof PolicyValidationError)) {
      io.err(`policy: ${(err as Error).message}`);
      return 1;
    }
    for (const issue of err.issues)
      io.out(issue.line === undefined ? formatIssue(issue) : `${formatIssue(issue)} (${args?.input}:${issue.line})`);
    io.err(`policy: ${args?.input} has ${err.issues.length} problem(s); nothing written`);
    return 1;
  }
}
