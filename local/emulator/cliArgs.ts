/** Command-line parsing for `npm run emulator`. Pure, so it is unit-tested without a process. */
import type { EmulatorOptions } from './types';

export const USAGE = `usage: npm run emulator -- --region cn-hangzhou=9100 [--region cn-beijing=9101 ...]
  [--access-key-id ID --access-key-secret SECRET [--security-token TOKEN]]
  [--data-dir DIR] [--replication-delay-ms N] [--rule-starting-ms N] [--rule-closing-ms N] [--tick-ms N] [--host 127.0.0.1]`;

export class CliError extends Error {}

const NUMERIC: Readonly<Record<string, keyof EmulatorOptions>> = {
  '--replication-delay-ms': 'replicationDelayMs',
  '--rule-starting-ms': 'ruleStartingMs',
  '--rule-closing-ms': 'ruleClosingMs',
  '--tick-ms': 'tickMs',
};

function parseRegion(value: string, regions: Record<string, number>): void {
  const m = value.match(/^([a-z0-9-]+)=(\d+)$/);
  if (!m) throw new CliError(`--region wants NAME=PORT, got ${value}`);
  regions[m[1] as string] = Number(m[2]);
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`${flag} wants a number >= 0, got ${value}`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): EmulatorOptions {
  const regions: Record<string, number> = {};
  const out: Record<string, unknown> = {};
  const creds: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string } = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    if (value === undefined) throw new CliError(`${flag} needs a value`);
    if (flag === '--region') parseRegion(value, regions);
    else if (flag === '--access-key-id') creds.accessKeyId = value;
    else if (flag === '--access-key-secret') creds.accessKeySecret = value;
    else if (flag === '--security-token') creds.securityToken = value;
    else if (flag === '--data-dir') out.dataDir = value;
    else if (flag === '--host') out.host = value;
    else if (NUMERIC[flag]) out[NUMERIC[flag] as string] = number(flag, value);
    else throw new CliError(`unknown option ${flag}`);
  }
  if (Object.keys(regions).length === 0) throw new CliError('at least one --region NAME=PORT is needed');
  if ((creds.accessKeyId === undefined) !== (creds.accessKeySecret === undefined)) {
    throw new CliError('--access-key-id and --access-key-secret go together');
  }
  const credentials = creds.accessKeyId ? [creds as { accessKeyId: string; accessKeySecret: string; securityToken?: string }] : undefined;
  return { ...out, regions, ...(credentials ? { credentials } : {}) } as EmulatorOptions;
}
