import type { PolicyDocument } from '../../shared/policy/types';
import { createHandler, type FcHandler, type HandlerOptions } from '../../shared/runtime/handler';
import { buildServices, type Services } from '../../shared/runtime/services';
import { runVerify, type VerifyInput } from './job';
import type { VerifySummary } from './types';

export interface VerifyHandlerOptions extends HandlerOptions {
  /** Test seam: replaces the services built from the invocation (e.g. another state store). */
  readonly services?: (built: Services) => Services;
  readonly concurrency?: number;
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
    async (input, deps) => {
      const built = buildServices(deps, policy);
      const services = options.services ? options.services(built) : built;
      return runVerify(parseInput(input), services, {
        now: deps.now(),
        deadline: deps.deadline,
        log: deps.log,
        invocationId: deps.requestId,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      });
    },
    options,
  );
}
