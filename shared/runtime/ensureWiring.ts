import { makeAlerter, type Alerter, type AlerterOptions } from '../alerts/alerter';
import type { BlockedMemoryDeps } from '../alerts/blockedMemory';
import type { PolicyDocument } from '../policy/types';
import type { EnsureDeps } from '../replication/ensure';
import type { HandlerDeps, HandlerOptions } from './handler';
import type { Logger } from '../log';
import type { Services } from './services';

/**
 * The wiring bucket-events and reconcile share: both run ensure and alert blocked buckets. Only
 * plumbing lives here; what each function does with it stays in its job.
 */

/** Options of a handler that runs ensure: test seams for ensure's waits and for alert delivery. */
export interface EnsureHandlerOptions extends HandlerOptions {
  /** Short closing waits and leases (tests, local stack). */
  readonly ensure?: Partial<EnsureDeps>;
  readonly alerts?: AlerterOptions;
}

/** What a job that runs ensure needs from its invocation. */
export interface EnsureJobContext {
  readonly log: Logger;
  readonly now: () => Date;
  /** Lease owner of the ensures this invocation runs. */
  readonly requestId: string;
  readonly alert: Alerter;
  readonly ensureOverrides?: Partial<EnsureDeps>;
}

export function ensureJobContext(deps: HandlerDeps, policy: PolicyDocument, options: EnsureHandlerOptions): EnsureJobContext {
  return {
    log: deps.log,
    now: deps.now,
    requestId: deps.requestId,
    alert: makeAlerter(policy, deps.config, deps.log, { now: deps.now, ...options.alerts }),
    ...(options.ensure ? { ensureOverrides: options.ensure } : {}),
  };
}

/** EnsureDeps of one invocation: the services, the invocation's logger, clock and id, then the seams. */
export function ensureDepsOf(services: Services, ctx: EnsureJobContext): EnsureDeps {
  const { oss, policy, state, leases, account, ownerPrefix, stateBucket, locationCache } = services;
  return { oss, policy, state, leases, account, ownerPrefix, stateBucket, locationCache, logger: ctx.log, now: ctx.now, invocationId: ctx.requestId, ...ctx.ensureOverrides };
}

/** The shared blocked-incident memory (`alerts/blocked.json`) as seen by one invocation. */
export function blockedMemoryOf(services: Services, ctx: EnsureJobContext): BlockedMemoryDeps {
  const sleep = ctx.ensureOverrides?.sleep;
  return { state: services.state, leases: services.leases, policy: services.policy, alert: ctx.alert, log: ctx.log, now: ctx.now, owner: ctx.requestId, ...(sleep ? { sleep } : {}) };
}
