/**
 * Builds what a CLI command needs from the parsed options: the runtime config (through
 * shared/runtime readConfig, the one env reader), the policy, one OssClient and, when a state
 * bucket is known, the same document store and leases the functions use.
 */
import { OssClient, type UnrecognisedInfo } from '../shared/oss';
import { loadPolicyFile, type PolicyDocument } from '../shared/policy';
import { LocationCache } from '../shared/replication';
import { readConfig, type RuntimeConfig } from '../shared/runtime';
import { DocumentLeaseManager, type DocumentStore, type LeaseManager, OssDocumentStore, type QuarantineReport } from '../shared/state';
import type { GlobalOptions } from './args';
import { CliFailure } from './errors';
import type { CliIo } from './io';

export const DEFAULT_REGION = 'cn-hangzhou';

export interface CliServices {
  readonly config: RuntimeConfig;
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

/** `readOnly` (plan, status): a state document the CLI cannot use is left for the functions to move aside. */
export function buildCliServices(options: GlobalOptions, io: CliIo, access: { readonly readOnly?: boolean } = {}): CliServices {
  const config = cliConfig(options, io.env);
  const credentials = config.envCredentials();
  if (!credentials) {
    throw new CliFailure(
      'no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS keys)',
    );
  }
  const policy = loadPolicyFile(options.policyFile);
  const region = config.region ?? config.stateRegion ?? DEFAULT_REGION;
  const onUnrecognised = (info: UnrecognisedInfo): void =>
    io.err(
      `warning: ${info.operation} on ${info.bucket ?? '-'}${info.ruleId ? ` (rule ${info.ruleId})` : ''} answered ${info.values.map((v) => `${v.field} "${v.value}"`).join(', ')}, which this version does not know: kept as sent, not judged`,
    );
  const oss = new OssClient({ region, credentials, endpoint: config.endpoint, signatureVersion: config.signatureVersion, onUnrecognised });
  const stateBucket = config.stateBucket;
  const onQuarantine = (r: QuarantineReport): void =>
    io.err(`warning: state document ${r.key} could not be used (${r.reason}); it was moved to ${r.movedTo}`);
  const state = stateBucket
    ? new OssDocumentStore({ oss, bucket: stateBucket, region: config.stateRegion ?? region, onQuarantine, moveAside: !access.readOnly })
    : undefined;
  return {
    config,
    policy,
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
    throw new CliFailure('this command needs the state bucket: pass --state-bucket B or set STATE_BUCKET');
  }
  return { state: services.state, leases: services.leases, stateBucket: services.stateBucket };
}
