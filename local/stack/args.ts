/** Command-line parsing for `npm start -- [options]`. Pure. */
import { DEFAULT_INTERVALS, DEFAULT_PORT, DEFAULT_REGIONS, type StackOptions } from './types';

export const USAGE = `usage: npm start -- [options]
  --demo                     create a tagged demo bucket (demo-photos) right away
  --port N                   dashboard, webhook inbox and event endpoint (default ${DEFAULT_PORT})
  --region NAME=PORT         emulator region (repeatable; default ${Object.entries(DEFAULT_REGIONS)
    .map(([r, p]) => `${r}=${p}`)
    .join(' ')})
  --data-dir DIR             keep the emulator's buckets and objects across restarts
  --policy FILE              policy YAML (default config/policy.yaml)
  --reconcile-every S        seconds between reconcile runs (default ${DEFAULT_INTERVALS.reconcileMs / 1000})
  --verify-every S           seconds between verify runs (default ${DEFAULT_INTERVALS.verifyMs / 1000})
  --monitor-every S          seconds between monitor runs (default ${DEFAULT_INTERVALS.monitorMs / 1000}; 10 with --demo)
  --audit-every S            seconds between audit runs (default ${DEFAULT_INTERVALS.auditMs / 1000}; each spends the policy's budget)
  --verify-delay S           local only: check first canaries after S seconds instead of the policy's delay
                             (default 5 with --demo)
  --max-lag S                local only: every policy's alerts.maxLagSeconds (default 20 with --demo)
  --incident-quiet S         local only: an incident resolves once its finding stayed clear S seconds
                             (the monitor's 30 min otherwise; default 0 with --demo)
  --log-level LEVEL          functions' log level: debug|info|warn|error|silent (default warn)`;

export class StackUsageError extends Error {}

export interface StackCliOptions extends StackOptions {
  readonly help?: boolean;
}

function port(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new StackUsageError(`${flag} wants a port number (0-65535; 0 picks a free one), got ${value}`);
  return n;
}

const VALUE_FLAGS = [
  '--port',
  '--region',
  '--data-dir',
  '--policy',
  '--reconcile-every',
  '--verify-every',
  '--monitor-every',
  '--audit-every',
  '--verify-delay',
  '--max-lag',
  '--incident-quiet',
  '--log-level',
];

/**
 * `--demo` is for watching the system work: canaries checked after 5 s, the monitor every 10 s, an
 * incident after 20 s of lag that resolves as soon as the lag is gone, so the dashboard's pause and
 * resume buttons show an incident open and resolve within a minute.
 */
const DEMO_DEFAULTS = { verifyDelaySeconds: 5, maxLagSeconds: 20, incidentQuietSeconds: 0, monitorMs: 10_000 } as const;

function seconds(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new StackUsageError(`${flag} wants a number of seconds >= 0, got ${value}`);
  return n;
}

/** A lag limit of 0 would make every sample an incident. */
function positiveSeconds(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new StackUsageError(`${flag} wants a whole number of seconds >= 1, got ${value}`);
  return n;
}

export function parseStackArgs(argv: readonly string[]): StackCliOptions {
  const out: Record<string, unknown> = { logLevel: 'warn' };
  const regions: Record<string, number> = {};
  const intervals: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--demo') out.demo = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else if (!VALUE_FLAGS.includes(flag)) throw new StackUsageError(`unknown option ${flag}`);
    else {
      const value = argv[++i];
      if (value === undefined) throw new StackUsageError(`${flag} needs a value`);
      if (flag === '--port') out.port = port(flag, value);
      else if (flag === '--region') {
        const m = /^([a-z0-9-]+)=(\d+)$/.exec(value);
        if (!m) throw new StackUsageError(`--region wants NAME=PORT, got ${value}`);
        regions[m[1] as string] = port(flag, m[2] as string);
      } else if (flag === '--data-dir') out.dataDir = value;
      else if (flag === '--policy') out.policyFile = value;
      else if (flag === '--reconcile-every') intervals.reconcileMs = seconds(flag, value) * 1000;
      else if (flag === '--verify-every') intervals.verifyMs = seconds(flag, value) * 1000;
      else if (flag === '--monitor-every') intervals.monitorMs = seconds(flag, value) * 1000;
      else if (flag === '--audit-every') intervals.auditMs = seconds(flag, value) * 1000;
      else if (flag === '--verify-delay') out.verifyDelaySeconds = seconds(flag, value);
      else if (flag === '--max-lag') out.maxLagSeconds = positiveSeconds(flag, value);
      else if (flag === '--incident-quiet') out.incidentQuietSeconds = seconds(flag, value);
      else if (flag === '--log-level') {
        if (!['debug', 'info', 'warn', 'error', 'silent'].includes(value)) throw new StackUsageError(`--log-level: unknown level ${value}`);
        out.logLevel = value;
      } else throw new StackUsageError(`unknown option ${flag}`);
    }
  }
  if (out.demo) {
    out.verifyDelaySeconds ??= DEMO_DEFAULTS.verifyDelaySeconds;
    out.maxLagSeconds ??= DEMO_DEFAULTS.maxLagSeconds;
    out.incidentQuietSeconds ??= DEMO_DEFAULTS.incidentQuietSeconds;
    intervals.monitorMs ??= DEMO_DEFAULTS.monitorMs;
  }
  return {
    ...out,
    ...(Object.keys(regions).length > 0 ? { regions } : {}),
    ...(Object.keys(intervals).length > 0 ? { intervals } : {}),
  } as StackCliOptions;
}
