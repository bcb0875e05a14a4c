import type { Alerter, BlockedMemoryDeps } from '../alerts';
import type { PolicyDocument } from '../policy/runtime';
import type { EnsureDeps } from '../replication';
import { type HandlerDeps, jobContext, type JobContext, type JobContextOptions } from '../runtime';
import { invocationAlerter, type JobHandlerOptions, type Services } from './services';

/**
 * The wiring bucket-events and reconcile share: both run ensure and alert blocked buckets. Only
 * plumbing lives here; what each function does with it stays in its job.
 */

/** Options of a handler that runs ensure: test seams for ensure's waits and for alert delivery. */
export interface EnsureHandlerOptions extends JobHandlerOptions {
  /** Short closing waits and leases (tests, local stack); its `sleep` is the job's too. */
  readonly ensure?: Partial<EnsureDeps>;
}

/** What a job that runs ensure needs from its invocation. */
export interface EnsureJobContext extends JobContext {
  readonly alert: Alerter;
  readonly ensureOverrides?: Partial<EnsureDeps>;
}

export function ensureJobContext(
  deps: HandlerDeps,
  policy: PolicyDocument,
  options: EnsureHandlerOptions,
  job: JobContextOptions = {},
): EnsureJobContext {
  const sleep = options.ensure?.sleep;
  return {
    ...jobContext(deps, { ...job, ...(sleep ? { sleep } : {}) }),
    alert: invocationAlerter(deps, policy, options),
    ...(options.ensure ? { ensureOverrides: options.ensure } : {}),
  };
}

/** EnsureDeps of one invocation: the services, the invocation's logger, clock, id and waits, then the seams. */
export function ensureDepsOf(services: Services, ctx: EnsureJobContext): EnsureDeps {
  const { oss, policy, state, leases, account, ownerPrefix, stateBucket, locationCache } = services;
  return {
    oss,
    policy,
    state,
    leases,
    account,
    ownerPrefix,
    stateBucket,
    locationCache,
    logger: ctx.log,
    now: ctx.now,
    sleep: ctx.sleep,
    invocationId: ctx.invocationId,
    ...ctx.ensureOverrides,
  };
}

/** The shared blocked-incident memory (`alerts/blocked.json`) as seen by one invocation. */
export function blockedMemoryOf(services: Services, ctx: EnsureJobContext): BlockedMemoryDeps {
  return {
    state: services.state,
    leases: services.leases,
    policy: services.policy,
    alert: ctx.alert,
    log: ctx.log,
    now: ctx.now,
    owner: ctx.invocationId,
    sleep: ctx.sleep,
  };
}
