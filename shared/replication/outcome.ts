import { isTransient } from '../oss';
import { isOwned, policyOfRuleId, type RuleOwnership } from './ruleIds';
import type { ApplyReport } from './apply';
import type { OwnedRule } from '../state';
import { ownedRuleRecord } from './record';
import type { EnsureOutcome, EnsureResult, Observation, Plan, PlanOutcome, Reason } from './types';

const OUTCOMES: Readonly<Record<PlanOutcome, EnsureOutcome>> = {
  unchanged: 'unchanged',
  create: 'created',
  replace: 'replaced',
  remove: 'removed',
  skip: 'skipped',
  block: 'blocked',
};

export function isChange(plan: Plan): boolean {
  return plan.outcome === 'create' || plan.outcome === 'replace' || plan.outcome === 'remove';
}

/** Error text safe for results and logs: our errors' messages never carry secrets; codes are stable. */
export function failureReason(error: unknown): Reason {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ApplyFailed', message: `${code}: ${message}` };
}

/**
 * Owned, active rules once the report's changes are in: what was observed, minus what was
 * deleted, plus what was added. `createdAt` survives from the previous record.
 */
export function ownedRulesAfter(
  obs: Observation,
  plan: Plan,
  report: ApplyReport,
  ownership: RuleOwnership,
  prior: readonly OwnedRule[],
  now: Date,
): OwnedRule[] {
  const policyOf = new Map(plan.policies.flatMap((p) => (p.ruleId ? [[p.ruleId, p.policy] as const] : [])));
  const priorById = new Map(prior.map((r) => [r.ruleId, r]));
  const kept = obs.rules
    .filter((r) => isOwned(r.id, ownership) && r.status !== 'closing' && !report.deleted.includes(r.id ?? ''))
    .map((r) => {
      const id = r.id ?? '';
      const policy = policyOf.get(id) ?? priorById.get(id)?.policy ?? policyOfRuleId(id, ownership) ?? '';
      return ownedRuleRecord(policy, r, priorById.get(id)?.createdAt ?? now.toISOString());
    });
  const added = report.added
    .filter((a) => !kept.some((k) => k.ruleId === a.rule.id))
    .map((a) => ownedRuleRecord(a.policy, a.rule, now.toISOString()));
  return [...kept, ...added];
}

export interface ResultInput {
  readonly plan: Plan;
  readonly report?: ApplyReport;
  readonly owned: readonly OwnedRule[];
  readonly dryRun: boolean;
}

function reasonOf(plan: Plan, report: ApplyReport | undefined): Reason | undefined {
  if (!report) return plan.reason;
  if (report.error !== undefined) return failureReason(report.error);
  if (report.pending) return report.pending;
  // The plan expected to wait; apply waited long enough and finished the replacement.
  return plan.reason?.code === 'ClosingInProgress' ? undefined : plan.reason;
}

export function ensureResult({ plan, report, owned, dryRun }: ResultInput): EnsureResult {
  const failed = report?.error !== undefined;
  const reason = reasonOf(plan, report);
  const firstAdded = report?.added[0]?.rule.id;
  const firstWanted = plan.policies.find((p) => p.ruleId && owned.some((o) => o.ruleId === p.ruleId))?.ruleId;
  return {
    bucket: plan.bucket,
    outcome: failed ? 'failed' : OUTCOMES[plan.outcome],
    ...(reason ? { reason } : {}),
    ...((firstAdded ?? firstWanted) ? { ruleId: firstAdded ?? firstWanted } : {}),
    ruleIds: owned.map((o) => o.ruleId),
    plan,
    dryRun,
    applied: report?.applied ?? [],
    retryable: failed ? isTransient(report?.error) : reason?.code === 'ClosingInProgress',
  };
}
