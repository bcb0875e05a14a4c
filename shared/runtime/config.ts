import type { Credentials, SignatureVersion } from '../signing';
import { type EndpointConfig, isValidBucketName, isValidRegion } from '../oss';
import { DEFAULT_OWNER_PREFIX } from '../replication';
import { regionOf } from '../xml';
import { ConfigError } from './errors';
import { endpointMap, integerInRange, matching, oneOf, optionalString, type Env } from './envParsers';
import { LOG_LEVELS, type LogLevel } from '../log';

/**
 * Typed view of the environment. This module is the only reader of `process.env` in the project:
 * everything is parsed once, at cold start, so a bad value fails the first invocation loudly
 * instead of surfacing deep inside a job.
 */
export interface RuntimeConfig {
  /** Bucket holding durable state. Undefined outside functions; use `requireStateBucket()` there. */
  readonly stateBucket?: string;
  /** Region of the state bucket; falls back to the function's region. */
  readonly stateRegion?: string;
  /** Region the function runs in (FC_REGION). */
  readonly region?: string;
  /** True when running inside Function Compute (FC_FUNCTION_NAME is set). */
  readonly inFunctionCompute: boolean;
  readonly functionName?: string;
  readonly endpoint: EndpointConfig;
  readonly signatureVersion: SignatureVersion;
  // No policy path at run time: the policy is compiled and validated at build time (POLICY_FILE,
  // `npm run policy:compile`) and bundled as `autopilot:policy`, so a function never starts with an
  // unvalidated file. Changing the policy means rebuilding and redeploying.
  readonly logLevel: LogLevel;
  /** Fallback when context.accountId is absent. */
  readonly accountId?: string;
  /** Prefix of replication rule ids this system owns. */
  readonly ownerPrefix: string;
  /** Buckets (reconcile, monitor) or canary documents and buckets (verify) worked on in parallel. */
  readonly reconcileConcurrency: number;
  readonly monitorConcurrency: number;
  readonly verifyConcurrency: number;
  /** Throws ConfigError when STATE_BUCKET is unset. */
  requireStateBucket(): string;
  /**
   * Static keys from ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN. A method, not a field,
   * so that serialising or logging the config never prints a secret.
   */
  envCredentials(): Credentials | undefined;
  /** Any other variable, e.g. one a policy file references with `${env:NAME}`. */
  envVar(name: string): string | undefined;
}

/**
 * Buckets or documents a job works on in parallel, unless told otherwise (RECONCILE_CONCURRENCY,
 * MONITOR_CONCURRENCY, VERIFY_CONCURRENCY). A job's time is almost all waiting on OSS: at 16 calls in
 * flight a steady reconcile of 10,000 buckets (one call per tagged bucket) or a monitor run over
 * 10,000 rules (one call each) takes seconds at real OSS latencies, far inside their FC timeouts,
 * and stays well under OSS's per-account request rates.
 */
export const DEFAULT_CONCURRENCY = 16;
const MAX_CONCURRENCY = 64;

let cache: { env: Env; config: RuntimeConfig } | undefined;

/**
 * Parses the environment once per env object (cached for `process.env`).
 * @example const config = readConfig(); const bucket = config.requireStateBucket();
 */
export function readConfig(env: Env = process.env): RuntimeConfig {
  if (cache?.env === env) return cache.config;
  const config = parseConfig(env);
  cache = { env, config };
  return config;
}

/** Forget the cached config (tests that change process.env). */
export function resetConfigCache(): void {
  cache = undefined;
}

function parseConfig(env: Env): RuntimeConfig {
  const functionName = optionalString(env, 'FC_FUNCTION_NAME');
  const inFunctionCompute = functionName !== undefined;
  const region = regionVar(env, 'FC_REGION');
  const stateBucket = optionalString(env, 'STATE_BUCKET');
  if (stateBucket !== undefined && !isValidBucketName(stateBucket)) {
    throw new ConfigError('STATE_BUCKET', `"${stateBucket}" is not a valid OSS bucket name`);
  }
  const snapshot = { ...env };
  return {
    stateBucket,
    stateRegion: regionVar(env, 'STATE_REGION') ?? region,
    region,
    inFunctionCompute,
    functionName,
    endpoint: endpointConfig(env, inFunctionCompute),
    signatureVersion: oneOf(env, 'OSS_SIGNATURE_VERSION', ['v1', 'v4'] as const, 'v4'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    accountId: matching(env, 'ACCOUNT_ID', /^[0-9*]{1,32}$/, 'a numeric account id'),
    ownerPrefix: matching(env, 'OWNER_PREFIX', /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'a short rule id prefix') ?? DEFAULT_OWNER_PREFIX,
    reconcileConcurrency: integerInRange(env, 'RECONCILE_CONCURRENCY', 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
    monitorConcurrency: integerInRange(env, 'MONITOR_CONCURRENCY', 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
    verifyConcurrency: integerInRange(env, 'VERIFY_CONCURRENCY', 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
    requireStateBucket: () => {
      if (stateBucket === undefined) throw new ConfigError('STATE_BUCKET', 'is required: the bucket that holds the autopilot state');
      return stateBucket;
    },
    envCredentials: () => credentialsFromEnv(snapshot),
    envVar: (name) => optionalString(snapshot, name),
  };
}

function regionVar(env: Env, name: string): string | undefined {
  const raw = optionalString(env, name);
  const value = raw === undefined ? undefined : regionOf(raw);
  if (value !== undefined && !isValidRegion(value)) throw new ConfigError(name, `"${value}" is not a region id like cn-hangzhou`);
  return value;
}

function endpointConfig(env: Env, inFunctionCompute: boolean): EndpointConfig {
  const endpoints = endpointMap(env, 'OSS_ENDPOINTS');
  const fallback = endpoints !== undefined ? 'map' : inFunctionCompute ? 'internal' : 'public';
  const mode = oneOf(env, 'OSS_ENDPOINT_MODE', ['public', 'internal', 'map'] as const, fallback);
  if (mode !== 'map') return { kind: mode };
  if (endpoints === undefined) throw new ConfigError('OSS_ENDPOINTS', 'is required when OSS_ENDPOINT_MODE=map');
  return { kind: 'map', endpoints };
}

function credentialsFromEnv(env: Env): Credentials | undefined {
  const accessKeyId = optionalString(env, 'ALIBABA_CLOUD_ACCESS_KEY_ID');
  const accessKeySecret = optionalString(env, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  if (accessKeyId === undefined || accessKeySecret === undefined) return undefined;
  const securityToken = optionalString(env, 'ALIBABA_CLOUD_SECURITY_TOKEN');
  return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
}
