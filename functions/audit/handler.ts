import type { PolicyDocument } from '../../shared/policy/runtime';
import { createHandler, jobContext, timerInput, type FcHandler } from '../../shared/runtime';
import { openServices, type JobHandlerOptions } from '../../shared/services';
import { runAudit, type AuditSummary } from './job';

export type AuditHandlerOptions = JobHandlerOptions;

/** The audit function: one budgeted parity-audit run over every owned rule whose policy audits (timer, hourly). */
export function makeAuditHandler(policy: PolicyDocument, options: AuditHandlerOptions = {}): FcHandler<AuditSummary> {
  return createHandler(
    'audit',
    async (input, deps) => runAudit(timerInput(input), await openServices(deps, policy, options), jobContext(deps, options)),
    options,
  );
}
