/**
 * Command-line parsing for `npm run emulator`. Pure, so it is unit-tested without a process. Every
 * option is documented in local/emulator/README.md.
 */
import type { ReplicationLocationTable } from './replication/locations';
import type { EmulatorOptions } from './types';

export const USAGE = `usage: npm run emulator -- --region cn-hangzhou=9100 [--region cn-beijing=9101 ...]
  [--access-key-id ID --access-key-secret SECRET [--security-token TOKEN]] [--account-id DIGITS]
  [--data-dir DIR] [--host 127.0.0.1] [--request-log-size N] [--max-body-bytes N]
  [--replication-delay-ms N] [--rule-starting-ms N] [--rule-closing-ms N] [--tick-ms N] [--historical-per-tick N]
  [--replication-locations JSON] [--enforce-bucket-region true|false]`;

export class CliError extends Error {}

const NUMERIC: Readonly<Record<string, keyof EmulatorOptions>> = {
  '--replication-delay-ms': 'replicationDelayMs',
  '--rule-starting-ms': 'ruleStartingMs',
  '--rule-closing-ms': 'ruleClosingMs',
  '--tick-ms': 'tickMs',
  '--historical-per-tick': 'historicalPerTick',
  '--request-log-size': 'requestLogSize',
  '--max-body-bytes': 'maxBodyBytes',
};

/** Flags whose value must be a positive integer (0 would stall the engine or refuse every body). */
const POSITIVE: ReadonlySet<string> = new Set(['--tick-ms', '--historical-per-tick', '--max-body-bytes']);

function parseRegion(value: string, regions: Record<string, number>): void {
  const m = value.match(/^([a-z0-9-]+)=(\d+)$/);
  if (!m) throw new CliError(`--region wants NAME=PORT, got ${value}`);
  regions[m[1] as string] = Number(m[2]);
}

function number(flag: string, value: string): number {
  const n = Number(value);
  const min = POSITIVE.has(flag) ? 1 : 0;
  if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} wants an integer >= ${min}, got ${value}`);
  return n;
}

function accountId(value: string): string {
  if (!/^\d{1,32}$/.test(value)) throw new CliError(`--account-id wants digits (an account UID), got ${value}`);
  return value;
}

function bool(flag: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new CliError(`${flag} wants true or false, got ${value}`);
  return value === 'true';
}

const regionList = (value: unknown): value is string[] => Array.isArray(value) && value.every((r) => typeof r === 'string');

/** `{"cn-hangzhou":{"locations":["cn-beijing"],"transferAcceleration":[],"rtc":["cn-beijing"]}}` */
function locationTable(value: string): ReplicationLocationTable {
  const bad = (why: string) => new CliError(`--replication-locations: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw bad('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw bad('wants an object of source region -> {locations, transferAcceleration?, rtc?}');
  for (const [source, entry] of Object.entries(parsed)) {
    const e = entry as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || !regionList(e.locations)) throw bad(`${source}.locations must be a list of region names`);
    for (const name of ['transferAcceleration', 'rtc']) {
      if (e[name] !== undefined && !regionList(e[name])) throw bad(`${source}.${name} must be a list of region names`);
    }
  }
  return parsed as ReplicationLocationTable;
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
    else if (flag === '--account-id') out.accountId = accountId(value);
    else if (flag === '--replication-locations') out.replicationLocations = locationTable(value);
    else if (flag === '--enforce-bucket-region') out.enforceBucketRegion = bool(flag, value);
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
