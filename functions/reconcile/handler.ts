import type { PolicyDocument } from '../../shared/policy/runtime';
import { type EnsureHandlerOptions, ensureJobContext, openServices } from '../../shared/services';
import { createHandler, type FcHandler } from '../../shared/runtime';
import { runReconcile, type ReconcileSummary } from './job';

export interface ReconcileHandlerOptions extends EnsureHandlerOptions {
  /** Test seam: a smaller end-of-invocation reserve. */
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
      runReconcile(input, await openServices(deps, policy, options), {
        ...ensureJobContext(deps, policy, options, { concurrency: options.concurrency ?? deps.config.reconcileConcurrency }),
        ...(options.reserveMs !== undefined ? { reserveMs: options.reserveMs } : {}),
      }),
    options,
  );
}
