/** Command-line parsing: argv in, a typed command out. Pure, no I/O. */
import { DEFAULT_POLICY_FILE } from '../shared/policy';
import { UsageError } from './errors';

/** Keys one resync looks at unless --max says otherwise. */
export const DEFAULT_RESYNC_MAX = 1000;

export const USAGE = `usage: oss-replication <command> [options]      (in this repository also: npm run cli -- <command>)

commands:
  plan   [--bucket B]            what ensure would change (dry run), per bucket, as a diff of the rule's fields
  apply  [--bucket B] [--yes]    run ensure for real (asks first on a terminal; needs --yes otherwise)
  status [--bucket B] [--watch]  a table per owned rule: status, backfill and ETA, lag, last canary, audit, open incidents
  verify --bucket B [--timeout S] [--interval MS]
                                 write a canary per owned rule and wait for it in the destination
  audit --bucket B [--rule R]    one parity-audit run now (the policy's budget): source against destination
  resync --bucket B [--rule R] [--max N] [--yes]
                                 copy what the last audit found missing or different onto itself so OSS
                                 replicates it again (dry run without --yes; at most N keys, default ${DEFAULT_RESYNC_MAX})
  policy check [--file F]        compile and validate a policy file
  oss-replication <command> --help  shows one command's options and an example

options:
  --policy FILE          policy YAML (default ${DEFAULT_POLICY_FILE}), read by plan, apply, verify and audit
  --region R             region for service calls (default FC_REGION, then cn-hangzhou)
  --endpoints JSON       region -> base URL map, e.g. '{"cn-hangzhou":"http://127.0.0.1:9100"}'
  --emulator MAP         the same as cn-hangzhou=http://127.0.0.1:9100,cn-beijing=http://127.0.0.1:9101
  --state-bucket B       state bucket (default STATE_BUCKET); also the deployment's identity in rule ids
  --state-region R       region of the state bucket (default STATE_REGION, then --region)
  --json                 machine-readable output (no progress bar)
credentials come only from ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN.
exit codes: 0 ok, 1 failures, 2 usage.`;

export type CommandName = 'plan' | 'apply' | 'status' | 'verify' | 'audit' | 'resync' | 'policy-check';

export interface GlobalOptions {
  readonly policyFile: string;
  readonly region?: string;
  /** Region -> base URL, from --endpoints or --emulator. */
  readonly endpoints?: Readonly<Record<string, string>>;
  readonly stateBucket?: string;
  readonly stateRegion?: string;
  readonly json: boolean;
}

export interface ParsedCommand {
  readonly command: CommandName | 'help';
  /** With `help`: the command whose help was asked for (`status --help`). */
  readonly helpFor?: CommandName;
  readonly options: GlobalOptions;
  readonly bucket?: string;
  readonly yes: boolean;
  /** `status --watch`: redraw until interrupted. */
  readonly watch?: boolean;
  readonly timeoutSeconds?: number;
  readonly intervalMs?: number;
  /** audit, resync: only this owned rule. */
  readonly rule?: string;
  /** resync: keys to look at, at most. */
  readonly max?: number;
}

const VALUE_FLAGS = new Set([
  ...['--policy', '--file', '--region', '--endpoints', '--emulator', '--state-bucket', '--state-region'],
  ...['--bucket', '--timeout', '--interval', '--rule', '--max'],
]);
const BOOLEAN_FLAGS = new Set(['--json', '--yes', '-y', '--help', '-h', '--watch']);

/** Flags each command accepts besides the global ones; anything else is a usage error. */
const COMMAND_FLAGS: Readonly<Record<CommandName, readonly string[]>> = {
  plan: ['--bucket'],
  apply: ['--bucket', '--yes'],
  status: ['--bucket', '--watch', '--interval'],
  verify: ['--bucket', '--timeout', '--interval'],
  audit: ['--bucket', '--rule'],
  resync: ['--bucket', '--rule', '--max', '--yes'],
  'policy-check': ['--file'],
};
const GLOBAL_FLAGS = ['--policy', '--region', '--endpoints', '--emulator', '--state-bucket', '--state-region', '--json', '--help'];

interface Tokens {
  readonly positional: string[];
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
}

function tokenize(argv: readonly string[]): Tokens {
  const tokens: Tokens = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      if (tokens.values.has(name)) throw new UsageError(`${name} given twice`);
      tokens.values.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) {
      tokens.flags.add(name === '-y' ? '--yes' : name === '-h' ? '--help' : name);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${name}`);
    } else {
      tokens.positional.push(arg);
    }
  }
  return tokens;
}

function commandOf(positional: readonly string[]): CommandName {
  const [first, second, ...rest] = positional;
  if (first === 'policy') {
    if (second !== 'check' || rest.length > 0) throw new UsageError('the policy command is `policy check [--file F]`');
    return 'policy-check';
  }
  if (first === 'plan' || first === 'apply' || first === 'status' || first === 'verify' || first === 'audit' || first === 'resync') {
    if (second !== undefined) throw new UsageError(`unexpected argument ${second}`);
    return first;
  }
  throw new UsageError(first === undefined ? 'a command is needed' : `unknown command ${first}`);
}

/** `status --help` asks for the status command's help; an unknown word still gets the general usage. */
function helpTopic(positional: readonly string[]): { helpFor?: CommandName } {
  try {
    return positional.length > 0 ? { helpFor: commandOf(positional) } : {};
  } catch {
    return {};
  }
}

/** `--emulator cn-hangzhou=http://127.0.0.1:9100,cn-beijing=http://127.0.0.1:9101` */
function parseEndpointList(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const m = /^([a-z0-9-]+)=(https?:\/\/\S+)$/.exec(pair.trim());
    if (!m) throw new UsageError(`--emulator wants REGION=URL[,REGION=URL], got "${pair}"`);
    map[m[1] as string] = (m[2] as string).replace(/\/+$/, '');
  }
  return map;
}

function parseEndpointJson(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--endpoints must be a JSON object of region -> URL');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError('--endpoints must be a JSON object of region -> URL');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([, url]) => typeof url !== 'string' || !/^https?:\/\//.test(url))) {
    throw new UsageError('--endpoints: every value must be an http(s) URL');
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} wants a positive number, got ${text}`);
  return n;
}

function positiveInteger(flag: string, text: string | undefined): number | undefined {
  const n = positiveNumber(flag, text);
  if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`${flag} wants a whole number, got ${text}`);
  return n;
}

function endpointsOf(values: Map<string, string>): Record<string, string> | undefined {
  const json = values.get('--endpoints');
  const list = values.get('--emulator');
  if (json !== undefined && list !== undefined) throw new UsageError('give --endpoints or --emulator, not both');
  if (json !== undefined) return parseEndpointJson(json);
  return list !== undefined ? parseEndpointList(list) : undefined;
}

/**
 * @example parseArgs(['plan', '--bucket', 'photos', '--json'])
 * @throws UsageError for anything the usage text does not allow.
 */
export function parseArgs(argv: readonly string[]): ParsedCommand {
  const tokens = tokenize(argv);
  const json = tokens.flags.has('--json');
  const baseOptions = { policyFile: DEFAULT_POLICY_FILE, json };
  if (tokens.flags.has('--help')) return { command: 'help', ...helpTopic(tokens.positional), options: baseOptions, yes: false };
  const command = commandOf(tokens.positional);
  const allowed = new Set([...GLOBAL_FLAGS, ...COMMAND_FLAGS[command]]);
  for (const flag of [...tokens.values.keys(), ...tokens.flags]) {
    if (!allowed.has(flag)) throw new UsageError(`${flag} does not apply to ${command === 'policy-check' ? 'policy check' : command}`);
  }
  const v = tokens.values;
  const bucket = v.get('--bucket');
  const needsBucket = command === 'verify' || command === 'audit' || command === 'resync';
  if (needsBucket && bucket === undefined) throw new UsageError(`${command} needs --bucket B`);
  const endpoints = endpointsOf(v);
  const options: GlobalOptions = {
    policyFile: v.get('--file') ?? v.get('--policy') ?? DEFAULT_POLICY_FILE,
    json,
    ...(v.has('--region') ? { region: v.get('--region') } : {}),
    ...(endpoints ? { endpoints } : {}),
    ...(v.has('--state-bucket') ? { stateBucket: v.get('--state-bucket') } : {}),
    ...(v.has('--state-region') ? { stateRegion: v.get('--state-region') } : {}),
  };
  const timeoutSeconds = positiveNumber('--timeout', v.get('--timeout'));
  const intervalMs = positiveNumber('--interval', v.get('--interval'));
  if (command === 'status' && intervalMs !== undefined && !tokens.flags.has('--watch')) {
    throw new UsageError('--interval applies to status --watch');
  }
  const max = positiveInteger('--max', v.get('--max'));
  return {
    command,
    options,
    yes: tokens.flags.has('--yes'),
    ...(tokens.flags.has('--watch') ? { watch: true } : {}),
    ...(bucket !== undefined ? { bucket } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    ...(v.has('--rule') ? { rule: v.get('--rule') } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}
