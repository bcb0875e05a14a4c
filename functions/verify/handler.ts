import type { PolicyDocument } from '../../shared/policy/runtime';
import { createHandler, type FcHandler, jobContext, timerInput } from '../../shared/runtime';
import { type JobHandlerOptions, openServices } from '../../shared/services';
import { runVerify } from './job';
import type { VerifySummary } from './types';

export type VerifyHandlerOptions = JobHandlerOptions;

/** The verify function: checks due canaries and writes new ones (timer, every minute); any event starts a whole run. */
export function makeVerifyHandler(policy: PolicyDocument, options: VerifyHandlerOptions = {}): FcHandler<VerifySummary> {
  return createHandler(
    'verify',
    async (input, deps) =>
      runVerify(
        timerInput(input),
        await openServices(deps, policy, options),
        jobContext(deps, { ...options, concurrency: options.concurrency ?? deps.config.verifyConcurrency }),
      ),
    options,
  );
}
