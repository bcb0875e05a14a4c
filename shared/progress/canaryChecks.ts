import { describeRule, formatDuration } from './format';
import { findingKey } from './checks';
import type { EvaluateProgressInput, Finding } from './types';

/** The canary's last attempt failed (after its last success, if any). */
export function canaryFailing(input: EvaluateProgressInput): Finding | undefined {
  const failure = input.canary?.lastFailure;
  if (!failure) return undefined;
  const success = input.canary?.lastSuccessAt;
  if (success && Date.parse(success) >= Date.parse(failure.at)) return undefined;
  const r = input.rule;
  return {
    kind: 'canary-failing',
    key: findingKey(r, 'canary-failing'),
    severity: 'critical',
    rule: r,
    summary: `Canary for ${describeRule(r)} failed: ${failure.diagnosis}`,
    hint: 'A test object written to the source did not arrive intact in the destination. Follow the diagnosis; the next canary run confirms the fix.',
    facts: { failedAt: failure.at, diagnosis: failure.diagnosis, ...(failure.code ? { diagnosisCode: failure.code } : {}), ...(success ? { lastSuccessAt: success } : {}) },
  };
}

/** No successful canary within the window (and no failure explains why: that is `canary-failing`). */
export function canaryOverdue(input: EvaluateProgressInput): Finding | undefined {
  if (input.canaryWindowHours <= 0) return undefined;
  const reference = input.canary?.lastSuccessAt ?? input.canary?.trackedSince ?? input.history[0]?.at;
  if (!reference) return undefined;
  const hours = (input.now.getTime() - Date.parse(reference)) / 3600000;
  if (!(hours > input.canaryWindowHours)) return undefined;
  const r = input.rule;
  const what = input.canary?.lastSuccessAt ? `The last successful canary was ${formatDuration(hours * 3600)} ago` : `No canary has succeeded in ${formatDuration(hours * 3600)}`;
  return {
    kind: 'canary-overdue',
    key: findingKey(r, 'canary-overdue'),
    severity: 'warning',
    rule: r,
    summary: `${what} for ${describeRule(r)} (window ${input.canaryWindowHours} h).`,
    hint: 'Replication is unproven. Check that the verify function runs on schedule and can write to the source bucket.',
    facts: { reference, hoursSinceSuccess: Math.round(hours * 10) / 10, windowHours: input.canaryWindowHours },
  };
}
