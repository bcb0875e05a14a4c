import type { PolicyDocument } from '../../shared/policy/types';
import type { EnsureDeps } from '../../shared/replication';
import { createHandler, type FcHandler, type HandlerOptions } from '../../shared/runtime/handler';
import { buildServices } from '../../shared/runtime/services';
import { makeAlerter, type AlerterOptions } from '../../shared/alerts/alerter';
import { runBucketEvents, type BucketEventsSummary } from './job';

export interface BucketEventsHandlerOptions extends HandlerOptions {
  /** Test seams: short closing waits and leases. */
  readonly ensure?: Partial<EnsureDeps>;
  readonly alerts?: AlerterOptions;
}

/**
 * The bucket-events FC handler: EventBridge delivery in, per-bucket outcomes out.
 * @example export const handler = makeBucketEventsHandler(parsePolicyDocument(compiled));
 */
export function makeBucketEventsHandler(policy: PolicyDocument, options: BucketEventsHandlerOptions = {}): FcHandler<BucketEventsSummary> {
  return createHandler(
    'bucket-events',
    async (input, deps) =>
      runBucketEvents(input, buildServices(deps, policy), {
        log: deps.log,
        now: deps.now,
        requestId: deps.requestId,
        alert: makeAlerter(policy, deps.config, deps.log, { now: deps.now, ...options.alerts }),
        ...(options.ensure ? { ensureOverrides: options.ensure } : {}),
      }),
    options,
  );
}
