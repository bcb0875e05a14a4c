/**
 * The findings of one managed rule: each check reads the rule's facts (history, canary, whether the
 * rule and destination still exist) and says what is wrong, with a stable incident key.
 */
import { describeRule, formatDuration, formatPercent } from './format';
import { finding } from './finding';
import { lagSeconds } from './history';
import { auditFailing, parityGap } from './parityCheck';
import type { EvaluateProgressInput, Finding, ProgressSample } from './types';

const FRACTION_EPSILON = 1e-9;

/** Oldest sample of the run, ending at the newest sample, whose samples all satisfy `same`. */
function runStart(history: readonly ProgressSample[], same: (s: ProgressSample) => boolean): ProgressSample | undefined {
  let start: ProgressSample | undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const s = history[i]!;
    if (!same(s)) break;
    start = s;
  }
  return start;
}

function ruleGone(input: EvaluateProgressInput): Finding | undefined {
  if (!input.ruleMissing) return undefined;
  return finding(
    input.rule,
    'rule-gone',
    'critical',
    {
      summary: `Replication rule ${input.rule.ruleId} is gone from ${input.rule.bucket}: ${describeRule(input.rule)} no longer replicates.`,
      hint: 'Someone deleted the rule or it is closing. The reconcile job re-adds it if the bucket is still tagged; check ActionTrail for DeleteBucketReplication.',
    },
    { ruleId: input.rule.ruleId },
  );
}

function destinationGone(input: EvaluateProgressInput): Finding | undefined {
  if (!input.destinationMissing) return undefined;
  const r = input.rule;
  return finding(
    r,
    'destination-gone',
    'critical',
    {
      summary: `Destination bucket ${r.destinationBucket} in ${r.destinationRegion} does not exist: ${describeRule(r)} cannot deliver objects.`,
      hint: 'Recreate the destination bucket with versioning matching the source (or let the policy create it), then check the rule again.',
    },
    { destinationBucket: r.destinationBucket, destinationRegion: r.destinationRegion },
  );
}

function startingTooLong(input: EvaluateProgressInput): Finding | undefined {
  const last = input.history[input.history.length - 1];
  if (last?.status !== 'starting') return undefined;
  const since = runStart(input.history, (s) => s.status === 'starting')!;
  const minutes = (Date.parse(last.at) - Date.parse(since.at)) / 60000;
  if (minutes < input.thresholds.startingTooLongMinutes) return undefined;
  return finding(
    input.rule,
    'rule-starting-too-long',
    'warning',
    {
      summary: `Rule ${input.rule.ruleId} (${describeRule(input.rule)}) has been "starting" for ${formatDuration(minutes * 60)}.`,
      hint: 'OSS has not begun replicating. Check that the replication role exists and may write to the destination, and that both buckets have the same versioning state.',
    },
    { startingSince: since.at, startingMinutes: Math.round(minutes) },
  );
}

function backfillStalled(input: EvaluateProgressInput): Finding | undefined {
  const last = input.history[input.history.length - 1];
  if (last?.status !== 'doing' || last.historical === undefined || last.historical >= 1) return undefined;
  const value = last.historical;
  const since = runStart(input.history, (s) => s.historical !== undefined && Math.abs(s.historical - value) < FRACTION_EPSILON)!;
  const minutes = (Date.parse(last.at) - Date.parse(since.at)) / 60000;
  if (minutes < input.thresholds.stalledAfterMinutes) return undefined;
  return finding(
    input.rule,
    'backfill-stalled',
    'warning',
    {
      summary: `Backfill of existing objects for ${describeRule(input.rule)} is stuck at ${formatPercent(value)} for ${formatDuration(minutes * 60)}.`,
      hint: 'Check the replication role permissions and KMS key access on the destination, and whether the destination bucket is reachable; very large objects can also hold the fraction for a while.',
    },
    { backfill: value, unchangedSince: since.at, unchangedMinutes: Math.round(minutes) },
  );
}

function lagHigh(input: EvaluateProgressInput): Finding | undefined {
  const last = input.history[input.history.length - 1];
  if (last?.status !== 'doing') return undefined;
  const lag = lagSeconds(last, input.now);
  if (lag === undefined || lag <= input.thresholds.maxLagSeconds) return undefined;
  return finding(
    input.rule,
    'lag-high',
    'warning',
    {
      summary: `New objects written to ${input.rule.bucket} in the last ${formatDuration(lag)} may not be in ${input.rule.destinationBucket} yet (${describeRule(input.rule)}; limit ${formatDuration(input.thresholds.maxLagSeconds)}).`,
      hint: 'Replication is behind the write rate or blocked. Check the source write volume, the transfer type (oss_acc for long distances), RTC, and the destination for errors.',
    },
    { lagSeconds: Math.round(lag), maxLagSeconds: input.thresholds.maxLagSeconds, watermark: last.newObjectWatermark ?? '' },
  );
}

/** The canary's last attempt failed (after its last success, if any). */
function canaryFailing(input: EvaluateProgressInput): Finding | undefined {
  const failure = input.canary?.lastFailure;
  if (!failure) return undefined;
  const success = input.canary?.lastSuccessAt;
  if (success && Date.parse(success) >= Date.parse(failure.at)) return undefined;
  const r = input.rule;
  return finding(
    r,
    'canary-failing',
    'critical',
    {
      summary: `Canary for ${describeRule(r)} failed: ${failure.diagnosis}`,
      hint: 'A test object written to the source did not arrive intact in the destination. Follow the diagnosis; the next canary run confirms the fix.',
    },
    {
      failedAt: failure.at,
      diagnosis: failure.diagnosis,
      ...(failure.code ? { diagnosisCode: failure.code } : {}),
      ...(success ? { lastSuccessAt: success } : {}),
    },
  );
}

/** No successful canary within the window (and no failure explains why: that is `canary-failing`). */
function canaryOverdue(input: EvaluateProgressInput): Finding | undefined {
  if (input.canaryWindowHours <= 0) return undefined;
  const reference = input.canary?.lastSuccessAt ?? input.canary?.trackedSince ?? input.history[0]?.at;
  if (!reference) return undefined;
  const hours = (input.now.getTime() - Date.parse(reference)) / 3600000;
  if (!(hours > input.canaryWindowHours)) return undefined;
  const r = input.rule;
  const what = input.canary?.lastSuccessAt
    ? `The last successful canary was ${formatDuration(hours * 3600)} ago`
    : `No canary has succeeded in ${formatDuration(hours * 3600)}`;
  return finding(
    r,
    'canary-overdue',
    'warning',
    {
      summary: `${what} for ${describeRule(r)} (window ${input.canaryWindowHours} h).`,
      hint: 'Replication is unproven. Check that the verify function runs on schedule and can write to the source bucket.',
    },
    { reference, hoursSinceSuccess: Math.round(hours * 10) / 10, windowHours: input.canaryWindowHours },
  );
}

type Check = (input: EvaluateProgressInput) => Finding | undefined;

/** Structural problems: when one holds, every other signal is a consequence of it. */
const ROOT_CAUSES: readonly Check[] = [ruleGone, destinationGone];
const SYMPTOMS: readonly Check[] = [startingTooLong, backfillStalled, lagHigh, canaryFailing, canaryOverdue, parityGap, auditFailing];

function run(checks: readonly Check[], input: EvaluateProgressInput): Finding[] {
  return checks.map((c) => c(input)).filter((f): f is Finding => f !== undefined);
}

/**
 * Everything wrong with one managed rule right now. Pure: the same input always gives the same findings,
 * so the monitor, the CLI and tests agree. A missing rule or destination suppresses the symptom checks
 * (stall, lag, canary) so that one cause opens one incident, not five.
 */
export function evaluateProgress(input: EvaluateProgressInput): Finding[] {
  const causes = run(ROOT_CAUSES, input);
  return causes.length > 0 ? causes : run(SYMPTOMS, input);
}
