import type { PolicyDocument } from '../../shared/policy/types';
import type { EnsureDeps } from '../../shared/replication';
import { createHandler, type FcHandler, type HandlerOptions } from '../../shared/runtime/handler';
import { buildServices } from '../../shared/runtime/services';
import { makeAlerter, type AlerterOptions } from '../../shared/alerts/alerter';
import { runReconcile, type ReconcileSummary } from './job';

export interface ReconcileHandlerOptions extends HandlerOptions {
  /** Test seams: short closing waits and leases; a smaller end-of-invocation reserve. */
  readonly ensure?: Partial<EnsureDeps>;
  readonly alerts?: AlerterOptions;
  readonly reserveMs?: number;
}

/**
 * The reconcile FC handler (timer trigger): sweeps every bucket and returns the run summary.
 * @example export const handler = makeReconcileHandler(parsePolicyDocument(compiled));
 */
export function makeReconcileHandler(policy: PolicyDocument, options: ReconcileHandlerOptions = {}): FcHandler<ReconcileSummary> {
  return createHandler(
    'reconcile',
    async (input, deps) =>
      runReconcile(input, buildServices(deps, policy), {
        log: deps.log,
        now: deps.now,
        requestId: deps.requestId,
        deadline: deps.deadline,
        concurrency: deps.config.reconcileConcurrency,
        alert: makeAlerter(policy, deps.config, deps.log, { now: deps.now, ...options.alerts }),
        ...(options.reserveMs !== undefined ? { reserveMs: options.reserveMs } : {}),
        ...(options.ensure ? { ensureOverrides: options.ensure } : {}),
      }),
    options,
  );
}
