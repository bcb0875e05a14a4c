/** `npm run bench -- [options]`: the options of the whole bench. Pure, so it is unit-tested. */
export interface SuiteArgs {
  readonly buckets: number;
  /** The growth run's size; absent unless `--large` is given. */
  readonly large?: number;
  readonly repeats: number;
  readonly latencyMs: number;
  /** Concurrency of the "default" runs; absent: each function's own default. */
  readonly concurrency?: number;
  readonly newBuckets: number;
  /** Run `npm run build` first (dist/ is what the size and cold-start rows measure). */
  readonly build: boolean;
}

export const SUITE_USAGE = `usage: npm run bench [-- options]
  --buckets N        buckets in the account (default 1000; a third tagged)
  --large [N]        also run N buckets (default 10000) for the growth, RSS and timeout rows
  --repeats N        cold starts per bundle, side by side (default 21)
  --latency-ms N     latency the emulator adds to every request in the timed runs (default 5)
  --concurrency N    set the functions' concurrency variables for the default runs (default: unset)
  --new-buckets N    new buckets delivered to bucket-events (default 5)
  --no-build         use dist/ as it is instead of running npm run build`;

export const DEFAULT_LARGE = 10_000;
/** Cold starts are noisy on a shared machine: enough repeats for a median that holds still. */
export const DEFAULT_REPEATS = 21;

function positive(flag: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min)
    throw new Error(`${flag} wants an integer >= ${min}, got ${value ?? 'nothing'}`);
  return n;
}

export function parseSuiteArgs(argv: readonly string[]): SuiteArgs {
  const out: { -readonly [K in keyof SuiteArgs]: SuiteArgs[K] } = {
    buckets: 1000,
    repeats: DEFAULT_REPEATS,
    latencyMs: 5,
    newBuckets: 5,
    build: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2) as [string, string | undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--buckets':
        out.buckets = positive(flag, value(), 3);
        break;
      case '--large': {
        const next = inline ?? argv[i + 1];
        const hasValue = next !== undefined && /^\d+$/.test(next);
        out.large = hasValue ? positive(flag, inline ?? argv[++i], 3) : DEFAULT_LARGE;
        break;
      }
      case '--repeats':
        out.repeats = positive(flag, value());
        break;
      case '--latency-ms':
        out.latencyMs = positive(flag, value(), 0);
        break;
      case '--concurrency':
        out.concurrency = positive(flag, value());
        break;
      case '--new-buckets':
        out.newBuckets = positive(flag, value());
        break;
      case '--no-build':
        out.build = false;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n${SUITE_USAGE}`);
    }
  }
  if (out.large !== undefined && out.large <= out.buckets)
    throw new Error(`--large (${out.large}) must be more than --buckets (${out.buckets})`);
  return out;
}

/** The command line that reproduces a run, for the table's header. */
export function commandOf(args: SuiteArgs): string {
  const flags: string[] = [];
  if (args.buckets !== 1000) flags.push(`--buckets ${args.buckets}`);
  if (args.large !== undefined) flags.push(args.large === DEFAULT_LARGE ? '--large' : `--large ${args.large}`);
  if (args.repeats !== DEFAULT_REPEATS) flags.push(`--repeats ${args.repeats}`);
  if (args.latencyMs !== 5) flags.push(`--latency-ms ${args.latencyMs}`);
  if (args.concurrency !== undefined) flags.push(`--concurrency ${args.concurrency}`);
  if (args.newBuckets !== 5) flags.push(`--new-buckets ${args.newBuckets}`);
  if (!args.build) flags.push('--no-build');
  return flags.length > 0 ? `npm run bench -- ${flags.join(' ')}` : 'npm run bench';
}
