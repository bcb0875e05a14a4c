/**
 * Builds what a CLI command needs from the parsed options: the runtime config (through
 * shared/runtime readConfig, the one env reader), one OssClient, the policy when the command reads
 * it and, when a state bucket is known, the same document store and leases the functions use.
 */
import { printable } from '../shared/log';
import { OssClient, type UnrecognisedInfo } from '../shared/oss';
import { loadPolicyFile, type PolicyDocument } from '../shared/policy';
import { LocationCache } from '../shared/replication';
import { readConfig, type RuntimeConfig } from '../shared/runtime';
import { DocumentLeaseManager, type DocumentStore, type LeaseManager, OssDocumentStore, type QuarantineReport } from '../shared/state';
import type { GlobalOptions } from './args';
import { CliFailure, PolicyFileMissing } from './errors';
import type { CliIo } from './io';

export const DEFAULT_REGION = 'cn-hangzhou';

export interface CliServices {
  readonly config: RuntimeConfig;
  /**
   * Loaded up front for a command that reads it (ServiceNeeds.policy), else on first use: status and
   * resync never read it, so they run anywhere, an installed package included. A missing file is
   * PolicyFileMissing (exit 2, with what to pass).
   */
  readonly policy: PolicyDocument;
  readonly oss: OssClient;
  readonly region: string;
  readonly account: string;
  readonly ownerPrefix: string;
  readonly locationCache: LocationCache;
  /** Present when --state-bucket or STATE_BUCKET names one. */
  readonly stateBucket?: string;
  readonly state?: DocumentStore;
  readonly leases?: LeaseManager;
  close(): void;
}

/** Flags win over the environment: they are spelled into the env view readConfig parses. */
export function cliConfig(options: GlobalOptions, env: CliIo['env']): RuntimeConfig {
  const overrides: Record<string, string> = {};
  if (options.region) overrides.FC_REGION = options.region;
  if (options.stateBucket) overrides.STATE_BUCKET = options.stateBucket;
  if (options.stateRegion) overrides.STATE_REGION = options.stateRegion;
  if (options.endpoints) {
    overrides.OSS_ENDPOINTS = JSON.stringify(options.endpoints);
    overrides.OSS_ENDPOINT_MODE = 'map';
  }
  return readConfig({ ...env, ...overrides });
}

/** The policy YAML compiled; PolicyFileMissing when there is no such file, whichever flag named it. */
export function loadCliPolicy(file: string, flag: PolicyFileMissing['flag'] = '--policy'): PolicyDocument {
  try {
    return loadPolicyFile(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new PolicyFileMissing(file, flag);
    throw error;
  }
}

export interface ServiceNeeds {
  /** plan, status: a state document the CLI cannot use is left for the functions to move aside. */
  readonly readOnly?: boolean;
  /** The command reads the policy: it is loaded now, so a missing file stops it before any OSS call. */
  readonly policy?: boolean;
}

export function buildCliServices(options: GlobalOptions, io: CliIo, needs: ServiceNeeds = {}): CliServices {
  const config = cliConfig(options, io.env);
  const credentials = config.envCredentials();
  if (!credentials) throw new CliFailure('no credentials in the environment', 'CLI_NO_CREDENTIALS');
  let policy = needs.policy ? loadCliPolicy(options.policyFile) : undefined;
  const region = config.region ?? config.stateRegion ?? DEFAULT_REGION;
  const onUnrecognised = (info: UnrecognisedInfo): void =>
    io.err(
      printable(
        `warning: ${info.operation} on ${info.bucket ?? '-'}${info.ruleId ? ` (rule ${info.ruleId})` : ''} answered ${info.values.map((v) => `${v.field} "${v.value}"`).join(', ')}, which this version does not know: kept as sent, not judged`,
      ),
    );
  const oss = new OssClient({ region, credentials, endpoint: config.endpoint, signatureVersion: config.signatureVersion, onUnrecognised });
  const stateBucket = config.stateBucket;
  const onQuarantine = (r: QuarantineReport): void =>
    io.err(printable(`warning: state document ${r.key} could not be used (${r.reason}); it was moved to ${r.movedTo}`));
  const state = stateBucket
    ? new OssDocumentStore({ oss, bucket: stateBucket, region: config.stateRegion ?? region, onQuarantine, moveAside: !needs.readOnly })
    : undefined;
  return {
    config,
    get policy() {
      return (policy ??= loadCliPolicy(options.policyFile));
    },
    oss,
    region,
    account: config.accountId ?? 'local',
    ownerPrefix: config.ownerPrefix,
    locationCache: new LocationCache(),
    ...(stateBucket && state ? { stateBucket, state, leases: new DocumentLeaseManager(state) } : {}),
    close: () => oss.destroy(),
  };
}

/** Commands that read or write state need the state bucket. */
export function requireState(services: CliServices): { state: DocumentStore; leases: LeaseManager; stateBucket: string } {
  if (!services.state || !services.leases || !services.stateBucket) {
    throw new CliFailure('this command needs the state bucket: pass --state-bucket B or set STATE_BUCKET', 'CLI_NO_STATE_BUCKET');
  }
  return { state: services.state, leases: services.leases, stateBucket: services.stateBucket };
}
