import { describeRule, formatDuration, formatPercent } from './format';
import { lagSeconds } from './lag';
import type { EvaluateProgressInput, FactValue, Finding, FindingKind, ProgressSample, RuleIdentity, Severity } from './types';

const FRACTION_EPSILON = 1e-9;

/** The stable incident key of a finding. */
export function findingKey(rule: RuleIdentity, kind: FindingKind): string {
  return `${rule.bucket}/${rule.ruleId}/${kind}`;
}

function finding(
  rule: RuleIdentity,
  kind: FindingKind,
  severity: Severity,
  text: { summary: string; hint: string },
  facts: Record<string, FactValue>,
): Finding {
  return { kind, key: findingKey(rule, kind), severity, rule, summary: text.summary, hint: text.hint, facts };
}

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

export function ruleGone(input: EvaluateProgressInput): Finding | undefined {
  if (!input.ruleMissing) return undefined;
  return finding(input.rule, 'rule-gone', 'critical', {
    summary: `Replication rule ${input.rule.ruleId} is gone from ${input.rule.bucket}: ${describeRule(input.rule)} no longer replicates.`,
    hint: 'Someone deleted the rule or it is closing. The reconcile job re-adds it if the bucket is still tagged; check ActionTrail for DeleteBucketReplication.',
  }, { ruleId: input.rule.ruleId });
}

export function destinationGone(input: EvaluateProgressInput): Finding | undefined {
  if (!input.destinationMissing) return undefined;
  const r = input.rule;
  return finding(r, 'destination-gone', 'critical', {
    summary: `Destination bucket ${r.destinationBucket} in ${r.destinationRegion} does not exist: ${describeRule(r)} cannot deliver objects.`,
    hint: 'Recreate the destination bucket with versioning matching the source (or let the policy create it), then check the rule again.',
  }, { destinationBucket: r.destinationBucket, destinationRegion: r.destinationRegion });
}

export function startingTooLong(input: EvaluateProgressInput): Finding | undefined {
  const last = input.history[input.history.length - 1];
  if (last?.status !== 'starting') return undefined;
  const since = runStart(input.history, (s) => s.status === 'starting')!;
  const minutes = (Date.parse(last.at) - Date.parse(since.at)) / 60000;
  if (minutes < input.thresholds.startingTooLongMinutes) return undefined;
  return finding(input.rule, 'rule-starting-too-long', 'warning', {
    summary: `Rule ${input.rule.ruleId} (${describeRule(input.rule)}) has been "starting" for ${formatDuration(minutes * 60)}.`,
    hint: 'OSS has not begun replicating. Check that the replication role exists and may write to the destination, and that both buckets have the same versioning state.',
  }, { startingSince: since.at, startingMinutes: Math.round(minutes) });
}

export function backfillStalled(input: EvaluateProgressInput): Finding | undefined {
  const last = input.history[input.history.length - 1];
  if (last?.status !== 'doing' || last.historical === undefined || last.historical >= 1) return undefined;
  const value = last.historical;
  const since = runStart(input.history, (s) => s.historical !== undefined && Math.abs(s.historical - value) < FRACTION_EPSILON)!;
  const minutes = (Date.parse(last.at) - Date.parse(since.at)) / 60000;
  if (minutes < input.thresholds.stalledAfterMinutes) return undefined;
  return finding(input.rule, 'backfill-stalled', 'warning', {
    summary: `Backfill of existing objects for ${describeRule(input.rule)} is stuck at ${formatPercent(value)} for ${formatDuration(minutes * 60)}.`,
    hint: 'Check the replication role permissions and KMS key access on the destination, and whether the destination bucket is reachable; very large objects can also hold the fraction for a while.',
  }, { backfill: value, unchangedSince: since.at, unchangedMinutes: Math.round(minutes) });
}

export function lagHigh(input: EvaluateProgressInput): Finding | undefined {
  const last = input.history[input.history.length - 1];
  if (last?.status !== 'doing') return undefined;
  const lag = lagSeconds(last, input.now);
  if (lag === undefined || lag <= input.thresholds.maxLagSeconds) return undefined;
  return finding(input.rule, 'lag-high', 'warning', {
    summary: `New objects written to ${input.rule.bucket} in the last ${formatDuration(lag)} may not be in ${input.rule.destinationBucket} yet (${describeRule(input.rule)}; limit ${formatDuration(input.thresholds.maxLagSeconds)}).`,
    hint: 'Replication is behind the write rate or blocked. Check the source write volume, the transfer type (oss_acc for long distances), RTC, and the destination for errors.',
  }, { lagSeconds: Math.round(lag), maxLagSeconds: input.thresholds.maxLagSeconds, watermark: last.newObjectWatermark ?? '' });
}
