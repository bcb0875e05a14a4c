import { type Alerter, type AlerterOptions, makeAlerter } from '../alerts';
import { createNodeTransport, DEFAULT_TIMEOUT_MS, type OssApi, OssClient, type Transport } from '../oss';
import type { PolicyDocument } from '../policy/runtime';
import { LocationCache } from '../replication';
import { DocumentLeaseManager, type DocumentStore, type LeaseManager, OssDocumentStore } from '../state';
import { ConfigError, type HandlerDeps, type HandlerOptions, retryWithinDeadline } from '../runtime';
import { reportQuarantine } from './reportQuarantine';
import { guardStateBucket } from './stateGuard';

/** Everything a job needs to talk to OSS and to its state, built once per invocation. */
export interface Services {
  readonly oss: OssApi;
  readonly state: DocumentStore;
  readonly leases: LeaseManager;
  readonly policy: PolicyDocument;
  readonly account: string;
  readonly ownerPrefix: string;
  readonly stateBucket: string;
  /** The state bucket's region. */
  readonly stateRegion: string;
  readonly locationCache: LocationCache;
}

export interface ServicesOptions {
  /** Delivery of every alert the invocation sends (test seams: short timeouts, no backoff sleeps, a local CloudMonitor). */
  readonly alerts?: AlerterOptions;
}

/** The options every job's handler takes: the wrapper's seams, alert delivery, parallelism. */
export interface JobHandlerOptions extends HandlerOptions, ServicesOptions {
  /** Buckets or documents worked on in parallel; the function's *_CONCURRENCY variable otherwise (see readConfig). */
  readonly concurrency?: number;
}

/**
 * Kept across warm invocations of one instance: sockets (keep-alive) and the replication-location
 * answers, which change rarely. Credentials are not kept: FC hands out fresh ones per invocation.
 */
let shared: { transport: Transport; locationCache: LocationCache } | undefined;

function warm(): { transport: Transport; locationCache: LocationCache } {
  shared ??= { transport: createNodeTransport(), locationCache: new LocationCache() };
  return shared;
}

/**
 * The alerter of one invocation, for whatever it alerts about (the state itself, blocked buckets):
 * channel secrets from the runtime config, the invocation's clock, and its credentials for cloudmonitor
 * channels.
 */
export function invocationAlerter(deps: HandlerDeps, policy: PolicyDocument, options: ServicesOptions = {}): Alerter {
  return makeAlerter(policy, deps.config, deps.log, invocationAlerterOptions(deps, options));
}

/** The delivery options of the invocation's alerts (the monitor sends through sendAlerts with these, plus its memory). */
export function invocationAlerterOptions(deps: HandlerDeps, options: ServicesOptions = {}): AlerterOptions {
  return { now: deps.now, cloudMonitorCredentials: deps.credentials, ...options.alerts };
}

/**
 * Builds the services of one invocation from the handler's deps and the compiled policy. A state
 * document a reader cannot use is moved aside by the store, logged and alerted once (reportQuarantine).
 */
export function buildServices(deps: HandlerDeps, policy: PolicyDocument, options: ServicesOptions = {}): Services {
  const { config, context } = deps;
  const stateBucket = config.requireStateBucket();
  const region = config.region ?? context.region ?? config.stateRegion;
  if (!region) throw new ConfigError('FC_REGION', 'the function region is unknown: set FC_REGION or STATE_REGION');
  const { transport, locationCache } = warm();
  const oss = new OssClient(
    {
      region,
      credentials: deps.credentials,
      endpoint: config.endpoint,
      signatureVersion: config.signatureVersion,
      shouldRetry: retryWithinDeadline(deps.deadline, DEFAULT_TIMEOUT_MS),
      // The invocation's clock signs requests too, so an injected clock (tests, local stack) and
      // the server agree on the request time.
      now: deps.now,
      onRequest: (info) => deps.log.debug('oss request', { ...info }),
      onUnrecognised: (info) =>
        deps.log.warn('OSS answered with a value this version does not know: kept as sent, not judged', { ...info }),
    },
    { transport },
  );
  const stateRegion = config.stateRegion ?? region;
  const onQuarantine = reportQuarantine({
    stateBucket,
    region: stateRegion,
    log: deps.log,
    alert: invocationAlerter(deps, policy, options),
    now: deps.now,
  });
  const state = new OssDocumentStore({ oss, bucket: stateBucket, region: stateRegion, onQuarantine, now: deps.now });
  const account = context.accountId ?? config.accountId ?? 'local';
  return {
    oss,
    state,
    leases: new DocumentLeaseManager(state, { now: deps.now }),
    policy,
    account,
    ownerPrefix: config.ownerPrefix,
    stateBucket,
    stateRegion,
    locationCache,
  };
}

/**
 * The services of one invocation, once the state bucket is known to be usable (checked once per warm
 * instance). Every handler starts with this.
 * @throws StateBucketError (permanent: logged, alerted once, never retried by FC)
 */
export async function openServices(deps: HandlerDeps, policy: PolicyDocument, options: ServicesOptions = {}): Promise<Services> {
  const services = buildServices(deps, policy, options);
  await guardStateBucket({
    oss: services.oss,
    state: services.state,
    stateBucket: services.stateBucket,
    region: services.stateRegion,
    endpointKey: JSON.stringify(deps.config.endpoint),
    log: deps.log,
    alert: invocationAlerter(deps, policy, options),
    now: deps.now,
  });
  return services;
}
