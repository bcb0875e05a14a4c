import type { AlerterOptions } from '../../shared/alerts/alerter';
import type { PolicyDocument } from '../../shared/policy/types';
import { createHandler, type FcHandler, type HandlerOptions } from '../../shared/runtime/handler';
import { openServices } from '../../shared/runtime/services';
import { runVerify, type VerifyInput } from './job';
import type { VerifySummary } from './types';

export interface VerifyHandlerOptions extends HandlerOptions {
  readonly concurrency?: number;
  /** Delivery of the alerts about the state itself (a quarantined document, an unusable state bucket). */
  readonly alerts?: AlerterOptions;
}

/** A timer event (or anything, for a manual run): verify always works on the whole pending queue. */
function parseInput(input: unknown): VerifyInput {
  const triggerTime = (input as { triggerTime?: unknown } | null)?.triggerTime;
  return typeof triggerTime === 'string' ? { triggerTime } : {};
}

/** The verify function: checks due canaries and writes new ones (timer, every minute). */
export function makeVerifyHandler(policy: PolicyDocument, options: VerifyHandlerOptions = {}): FcHandler<VerifySummary> {
  return createHandler(
    'verify',
    async (input, deps) =>
      runVerify(parseInput(input), await openServices(deps, policy, options), {
        now: deps.now(),
        deadline: deps.deadline,
        log: deps.log,
        invocationId: deps.requestId,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      }),
    options,
  );
}
